package io.dbrecover.mysql.transplant;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.verify.RowHash;
import io.dbrecover.mysql.transplant.Disaster.Ending;
import io.dbrecover.mysql.transplant.Disaster.Format;
import io.dbrecover.mysql.transplant.Disaster.Staged;
import io.dbrecover.testkit.RequiresServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proves the {@link Disaster} fixture: each variant is staged once for the class, and the orphaned files and the
 * recorded expectations are checked against what the issue asks for and against the file format itself.
 */
@RequiresServer("mysql")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisasterIT {
    private static final int PAGE = 16384;
    /** MariaDB's full_crc32 marker in the FSP flags. */
    private static final int FULL_CRC32_MARKER = 1 << 4;
    /** Uncompressed off-page column pages; compressed tables use ZBLOB for the first page of a value. */
    private static final int FIL_PAGE_TYPE_BLOB = 10;
    private static final int FIL_PAGE_TYPE_ZBLOB = 11;

    private final Map<Format, Staged> clean = new EnumMap<>(Format.class);

    @BeforeAll
    void stageBothFormats(@TempDir Path dir) {
        for (Format f : Format.values()) {
            Staged s = Disaster.stage(dir.resolve(f.name().toLowerCase(java.util.Locale.ROOT)), f,
                    Ending.CLEAN_SHUTDOWN);
            System.out.printf("Disaster %s + CLEAN_SHUTDOWN staged in %d ms: %d tables, %d rows%n", f,
                    s.took().toMillis(), s.expected().size(),
                    s.expected().values().stream().mapToLong(RowHash::rows).sum());
            clean.put(f, s);
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void stagesAtLeast25TablesInTwoDatabasesEachWithAtLeast1000Rows(Format format) {
        Staged s = clean.get(format);
        assertThat(s.databases()).containsExactly("shop", "app");
        assertThat(s.expected()).hasSizeGreaterThanOrEqualTo(25);
        assertThat(s.expected().keySet()).anyMatch(k -> k.startsWith("shop.")).anyMatch(k -> k.startsWith("app."));
        assertThat(s.expected()).allSatisfy((table, hash) -> {
            assertThat(hash.rows()).as(table).isGreaterThanOrEqualTo(1000);
            assertThat(hash.sha256()).as(table).matches("[0-9a-f]{64}");
        });
        // every table holds other rows: a tablespace imported into the wrong table cannot pass for the right one
        assertThat(s.expected().values().stream().map(RowHash::sha256).distinct())
                .hasSameSizeAs(s.expected().values());
        assertThat(s.showCreate().keySet()).isEqualTo(s.expected().keySet());
        assertThat(s.rowFormat().keySet()).isEqualTo(s.expected().keySet());
        assertThat(s.writtenLast()).isEmpty();
        assertThat(s.took()).isPositive();
    }

    @Test
    void generatesTheSameRowsWhateverTheFormat() {
        // deterministic content: one server's hashes are every other server's, whatever it writes on disk
        assertThat(clean.get(Format.OLD).expected()).isEqualTo(clean.get(Format.CURRENT).expected());
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void leavesOnlyFrmIbdAndParFilesInDatabaseDirectories(Format format) throws IOException {
        Staged s = clean.get(format);
        try (Stream<Path> top = Files.list(s.orphanDir())) {
            assertThat(top.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("shop", "app");
        }
        List<String> files = files(s.orphanDir());
        assertThat(files).isNotEmpty().allMatch(f -> f.matches("(shop|app)/[^/]+\\.(frm|ibd|par)"));
        assertThat(files).noneMatch(f -> f.contains("ibdata") || f.contains("ib_logfile") || f.contains("aria_log")
                || f.startsWith("mysql/") || f.endsWith("db.opt"));
        for (String table : s.expected().keySet()) {
            String path = table.replace('.', '/');
            assertThat(files).as(table).contains(path + ".frm");
        }
        // partitions: one file per partition beside the .par, no .ibd for the table itself
        assertThat(files).contains("shop/sales_range.par", "shop/sales_range#P#p2021.ibd",
                "shop/sales_range#P#pmax.ibd", "shop/sales_list#P#p_other.ibd", "shop/sales_hash#P#p3.ibd",
                "shop/sales_list.par", "shop/sales_hash.par").doesNotContain("shop/sales_range.ibd");
        // a FULLTEXT index leaves its auxiliary tables, as in any real orphaned directory
        assertThat(files).anyMatch(f -> f.matches("shop/FTS_[0-9a-f]+_CONFIG\\.ibd"));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void givesEachTableTheRowFormatItAsksFor(Format format) {
        Staged s = clean.get(format);
        assertThat(s.rowFormat()).containsExactlyInAnyOrderEntriesOf(Disaster.intendedRowFormats(format));
        assertThat(s.rowFormat()).containsEntry("shop.fmt_redundant", "Redundant")
                .containsEntry("shop.fmt_compact", "Compact").containsEntry("shop.fmt_dynamic", "Dynamic")
                .containsEntry("shop.fmt_compressed4", "Compressed")
                .containsEntry("shop.fmt_compressed8", "Compressed")
                .containsEntry("app.int_types", format == Format.OLD ? "Compact" : "Dynamic");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void recordsTheDefinitionsTheIssueAsksFor(Format format) {
        Map<String, String> ddl = clean.get(format).showCreate();
        assertThat(ddl.get("shop.fmt_compressed4")).contains("ROW_FORMAT=COMPRESSED").contains("KEY_BLOCK_SIZE=4");
        assertThat(ddl.get("shop.fmt_compressed8")).contains("KEY_BLOCK_SIZE=8");
        assertThat(ddl.get("shop.fmt_page_compressed")).contains("`PAGE_COMPRESSED`='1'");
        assertThat(ddl.get("shop.orders")).contains("FOREIGN KEY (`customer_id`) REFERENCES `customers`");
        assertThat(ddl.get("shop.order_items")).contains("REFERENCES `orders` (`id`) ON DELETE CASCADE");
        assertThat(ddl.get("shop.products")).contains("FULLTEXT KEY `ft_text`");
        assertThat(ddl.get("shop.sales_range")).contains("PARTITION BY RANGE");
        assertThat(ddl.get("shop.sales_list")).contains("PARTITION BY LIST");
        assertThat(ddl.get("shop.sales_hash")).contains("PARTITION BY HASH");
        assertThat(ddl.get("shop.latin1_notes")).contains("CHARSET=latin1");
        assertThat(ddl.get("shop.customers")).contains("AUTO_INCREMENT=");
        assertThat(ddl.get("app.generated_cols")).contains("VIRTUAL").contains("STORED").contains("KEY `k_total`");
        assertThat(ddl.get("app.no_pk")).doesNotContain("KEY");
        assertThat(ddl.get("app.unique_only")).contains("UNIQUE KEY `uk_code`").doesNotContain("PRIMARY KEY");
        assertThat(ddl.get("app.instant_add")).contains("`d` varchar(30) DEFAULT 'later'")
                .contains("`c` int(11) NOT NULL DEFAULT 42");
        assertThat(ddl.get("app.instant_drop")).doesNotContain("`gone`");
        assertThat(ddl.get("app.geo_shapes")).contains("SPATIAL KEY");
        assertThat(ddl.get("app.net_ids")).contains("inet6").contains("uuid");
        assertThat(ddl.get("app.json_docs")).contains("json_valid");
        assertThat(ddl.get("app.int_types")).contains("zerofill").contains("bigint(20) unsigned");
        assertThat(ddl.get("app.temporal_types")).contains("time(3)").contains("datetime(6)")
                .contains("timestamp(6)").contains("year(4)");
    }

    @Test
    void writesOldFormatFilesWithCrc32ChecksumsAndNoFullCrc32Flag() throws IOException {
        Staged s = clean.get(Format.OLD);
        List<String> ibd = files(s.orphanDir()).stream().filter(f -> f.endsWith(".ibd")).toList();
        assertThat(ibd).hasSizeGreaterThan(30);
        for (String f : ibd) {
            byte[] page0 = page0(s.orphanDir().resolve(f));
            int flags = ByteBuffer.wrap(page0).getInt(54);
            assertThat(flags & FULL_CRC32_MARKER).as("FSP flags of %s: 0x%x", f, flags).isZero();
            if (zipShift(flags) == 0) {
                assertThat(ByteBuffer.wrap(page0).getInt(0)).as("crc32 checksum of page 0 of %s", f)
                        .isEqualTo(legacyCrc32(page0));
            }
        }
        assertThat(flagsOf(s, "shop/fmt_compact.ibd")).isZero();
        assertThat(flagsOf(s, "shop/fmt_redundant.ibd")).isZero();
        assertThat(flagsOf(s, "shop/fmt_dynamic.ibd")).isEqualTo(0x21);
        assertThat(zipShift(flagsOf(s, "shop/fmt_compressed8.ibd"))).isEqualTo(4);
        assertThat(zipShift(flagsOf(s, "shop/fmt_compressed4.ibd"))).isEqualTo(3);
    }

    @Test
    void writesCurrentFormatFilesWithFullCrc32ExceptCompressedOnes() throws IOException {
        Staged s = clean.get(Format.CURRENT);
        for (String f : files(s.orphanDir()).stream().filter(f -> f.endsWith(".ibd")).toList()) {
            byte[] page0 = page0(s.orphanDir().resolve(f));
            int flags = ByteBuffer.wrap(page0).getInt(54);
            boolean compressed = f.contains("fmt_compressed");
            assertThat((flags & FULL_CRC32_MARKER) != 0).as("full_crc32 marker of %s: 0x%x", f, flags)
                    .isEqualTo(!compressed);
            if (!compressed) {
                // full_crc32: the last 4 bytes of the page are the CRC-32C of everything before them
                CRC32C crc = new CRC32C();
                crc.update(page0, 0, PAGE - 4);
                assertThat(ByteBuffer.wrap(page0).getInt(PAGE - 4)).as(f).isEqualTo((int) crc.getValue());
            }
        }
        // ROW_FORMAT=COMPRESSED cannot be full_crc32: it keeps the old flag layout
        assertThat(zipShift(flagsOf(s, "shop/fmt_compressed8.ibd"))).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void storesLongValuesOnBlobPagesInEveryRowFormat(Format format) throws IOException {
        Staged s = clean.get(format);
        for (String f : List.of("shop/fmt_redundant.ibd", "shop/fmt_compact.ibd", "shop/fmt_dynamic.ibd",
                "app/lob_types.ibd", "app/json_docs.ibd", "app/string_types.ibd")) {
            assertThat(pageTypes(s.orphanDir().resolve(f), PAGE)).as(f).contains(FIL_PAGE_TYPE_BLOB);
        }
        assertThat(pageTypes(s.orphanDir().resolve("shop/fmt_compressed4.ibd"), 4096)).contains(FIL_PAGE_TYPE_ZBLOB);
        assertThat(pageTypes(s.orphanDir().resolve("shop/fmt_compressed8.ibd"), 8192)).contains(FIL_PAGE_TYPE_ZBLOB);
    }

    @Test
    void storesUnicodeAsUtf8mb4AndLatin1AsLatin1() throws IOException {
        Staged s = clean.get(Format.CURRENT);
        byte[] customers = Files.readAllBytes(s.orphanDir().resolve("shop/customers.ibd"));
        assertThat(indexOf(customers, "Ølaf 🐳".getBytes(StandardCharsets.UTF_8))).isNotNegative();
        assertThat(indexOf(customers, "山田太郎".getBytes(StandardCharsets.UTF_8))).isNotNegative();
        byte[] latin1 = Files.readAllBytes(s.orphanDir().resolve("shop/latin1_notes.ibd"));
        assertThat(indexOf(latin1, "Müller".getBytes(StandardCharsets.ISO_8859_1))).isNotNegative();
    }

    @Test
    void killNineLeavesTheFilesAndNamesTheTableWrittenLast(@TempDir Path dir) throws IOException {
        Staged s = Disaster.stage(dir, Format.CURRENT, Ending.KILL_9);
        System.out.printf("Disaster CURRENT + KILL_9 staged in %d ms%n", s.took().toMillis());

        assertThat(s.writtenLast()).containsExactly(Disaster.LAST_MINUTE);
        assertThat(s.expected()).hasSizeGreaterThanOrEqualTo(25).containsKey(Disaster.LAST_MINUTE)
                .allSatisfy((t, h) -> assertThat(h.rows()).as(t).isGreaterThanOrEqualTo(1000));
        assertThat(s.expected().keySet()).isEqualTo(clean.get(Format.CURRENT).expected().keySet());
        // the same deterministic content as after a clean shutdown
        assertThat(s.expected()).isEqualTo(clean.get(Format.CURRENT).expected());
        List<String> files = files(s.orphanDir());
        assertThat(files).contains("app/last_minute.frm", "app/last_minute.ibd", "shop/customers.ibd")
                .allMatch(f -> f.matches("(shop|app)/[^/]+\\.(frm|ibd|par)"));
        // no server is left running
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().orElse("").contains("mariadbd"))).isEmpty();
    }

    /** The FIL_PAGE_TYPE of every page of a file with pages of the given size. */
    private static Set<Integer> pageTypes(Path file, int pageSize) throws IOException {
        byte[] all = Files.readAllBytes(file);
        Set<Integer> types = new TreeSet<>();
        for (int at = 0; at + pageSize <= all.length; at += pageSize) {
            types.add(ByteBuffer.wrap(all).getShort(at + 24) & 0xFFFF);
        }
        return types;
    }

    private static int flagsOf(Staged s, String file) throws IOException {
        return ByteBuffer.wrap(page0(s.orphanDir().resolve(file))).getInt(54);
    }

    /** ZIP_SSIZE of old-layout flags (bits 1-4): 0 for uncompressed pages. */
    private static int zipShift(int flags) {
        return (flags >>> 1) & 0xF;
    }

    /** The crc32 checksum InnoDB wrote before full_crc32: CRC-32C of the header after the checksum, XOR of the body. */
    private static int legacyCrc32(byte[] page) {
        CRC32C head = new CRC32C();
        head.update(page, 4, 26 - 4);
        CRC32C body = new CRC32C();
        body.update(page, 38, PAGE - 8 - 38);
        return (int) (head.getValue() ^ body.getValue());
    }

    private static byte[] page0(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(PAGE);
        }
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
