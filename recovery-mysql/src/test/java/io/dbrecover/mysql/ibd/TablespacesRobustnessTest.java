package io.dbrecover.mysql.ibd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.mysql.frm.FrmReader;
import io.dbrecover.mysql.model.Column;
import io.dbrecover.mysql.model.ColumnDefault;
import io.dbrecover.mysql.model.ColumnType;
import io.dbrecover.mysql.model.DataType;
import io.dbrecover.mysql.model.RowFormat;
import io.dbrecover.mysql.model.TableDefinition;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture {@code ibd/small.ibd} (96 KiB) and its {@code small.frm} were written once by a throwaway MariaDB
 * 10.11 (full_crc32, DYNAMIC) with:
 * <pre>
 * CREATE TABLE small (id INT NOT NULL PRIMARY KEY, name VARCHAR(30) CHARACTER SET utf8mb4,
 *   price DECIMAL(10,2) NOT NULL, note TEXT, qty SMALLINT, made DATETIME(3));
 * INSERT INTO small SELECT seq, IF(seq%5=0, NULL, CONCAT('n', seq, ' é')), seq*1.25 - 20,
 *   IF(seq=7, REPEAT('x', 17000), IF(seq%3=0, NULL, CONCAT('t', seq))), IF(seq%4=0, NULL, seq),
 *   '2024-01-02 03:04:05.678' + INTERVAL seq MINUTE FROM seq_1_to_40;
 * FLUSH TABLES small FOR EXPORT;
 * </pre>
 * Row 7's note lives on BLOB pages. The fixtures {@code ibd/instant.ibd} (DYNAMIC) and
 * {@code ibd/instant_redundant.ibd} (REDUNDANT), with their {@code .frm}, were written by the same server with
 * MariaDB instant ALTER TABLE dropping, adding and reordering columns:
 * <pre>
 * CREATE TABLE instant (id INT NOT NULL PRIMARY KEY, name VARCHAR(30) CHARACTER SET utf8mb4, gone INT NOT NULL,
 *   price DECIMAL(10,2) NOT NULL, note TEXT) ROW_FORMAT=DYNAMIC;  -- in a utf8mb4 database
 * INSERT INTO instant SELECT seq*2, CONCAT('n', seq, ' é'), seq, seq*1.25,
 *   IF(seq=7, REPEAT('x', 17000), IF(seq%3=0, NULL, CONCAT('t', seq))) FROM seq_1_to_30;
 * ALTER TABLE instant DROP COLUMN gone, ADD COLUMN added INT NOT NULL DEFAULT 7 FIRST,
 *   MODIFY price DECIMAL(10,2) NOT NULL AFTER id, ALGORITHM=INSTANT;
 * INSERT INTO instant (id, name, price, note, added) SELECT seq*2+1, CONCAT('m', seq), seq/4,
 *   IF(seq%2=0, NULL, 'late'), seq FROM seq_1_to_30;
 * FLUSH TABLES instant FOR EXPORT;
 * </pre>
 * The fixture {@code ibd/zipped.ibd} (64 KiB, 4 KiB pages) holds the {@code small} rows in ROW_FORMAT=COMPRESSED
 * KEY_BLOCK_SIZE=4, written with {@code innodb_checksum_algorithm=crc32} and changed after the bulk insert so that its
 * index page carries a modification log, a free list and delete-marked records:
 * <pre>
 * DELETE FROM zipped WHERE id IN (10, 20, 30);
 * UPDATE zipped SET name = CONCAT(name, ' and more') WHERE id % 4 = 1;
 * INSERT INTO zipped (id, price) VALUES (41, 1.5);
 * </pre>
 * Row 7's note lives on a compressed BLOB page. Damaged copies (truncated, zeroed, bit-flipped) must give a result
 * or a {@link RecoveryException}, never another exception, and never hang.
 */
class TablespacesRobustnessTest {
    private static final long SEED = 20261124L;

    @TempDir
    Path tmp;

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(TablespacesRobustnessTest.class.getResource("/ibd/" + name).toURI());
    }

    @Test
    void reads_the_fixture_like_the_server_wrote_it() throws Exception {
        Path ibd = fixture("small.ibd");
        TableDefinition definition = FrmReader.read(fixture("small.frm"));
        TablespaceInfo info = Tablespaces.inspect(ibd);
        assertThat(info.fullCrc32()).isTrue();
        assertThat(info.pageSize()).isEqualTo(16384);
        assertThat(info.flags()).isEqualTo(0x15);
        assertThat(info.rowFormat()).isEqualTo(RowFormat.DYNAMIC);
        assertThat(info.page0Checksum()).isEqualTo(Checksum.FULL_CRC32);
        assertThat(info.page0Intact()).isTrue();
        assertThat(info.mysql8() || info.encrypted() || info.pageCompressed() || info.instantAltered()).isFalse();

        LayoutCheck layout = Tablespaces.checkLayout(ibd, definition, 1000);
        assertThat(layout.matches()).isTrue();
        assertThat(layout.checked()).isTrue();
        assertThat(layout.recordsChecked()).isEqualTo(40);
        assertThat(layout.storedRowFormat()).isEqualTo(RowFormat.DYNAMIC);

        List<String[]> rows;
        rows = decodeRows(ibd, definition, 100);
        assertThat(rows).hasSize(40);
        HexFormat hex = HexFormat.of().withUpperCase();
        // id, name (hex), price, note (hex), qty, made
        assertThat(rows.get(0)).containsExactly("1", hex.formatHex("n1 é".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "-18.75", hex.formatHex("t1".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), "1",
                "2024-01-02 03:05:05.678");
        assertThat(rows.get(4)[1]).isNull();
        assertThat(rows.get(6)[3]).isEqualTo(hex.formatHex("x".repeat(17000).getBytes(
                java.nio.charset.StandardCharsets.US_ASCII)));
        assertThat(rows.get(39)).containsExactly("40", null, "30.00", hex.formatHex("t40".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII)), null, "2024-01-02 03:44:05.678");
    }

    @Test
    void reads_records_after_instant_drop_add_and_reorder_through_the_files_field_map() throws Exception {
        HexFormat hex = HexFormat.of().withUpperCase();
        for (String name : List.of("instant", "instant_redundant")) {
            Path ibd = fixture(name + ".ibd");
            TableDefinition definition = FrmReader.read(fixture(name + ".frm"));
            assertThat(Tablespaces.inspect(ibd).instantAltered()).isTrue();
            LayoutCheck layout = Tablespaces.checkLayout(ibd, definition, 1000);
            assertThat(layout.matches()).as(name + ": " + layout).isTrue();
            assertThat(layout.checked()).isTrue();
            assertThat(layout.recordsChecked()).isEqualTo(60);
            assertThat(layout.notes()).anyMatch(n -> n.contains("field map of 5 fields")
                    && n.contains("1 of them dropped"));
            List<String[]> rows;
            rows = decodeRows(ibd, definition, 100, "id", "name", "price", "note", "added");
            assertThat(rows).hasSize(60);
            // stored order: id, name, (gone, dropped), price, note, added; declared order: added first
            assertThat(rows.get(0)).containsExactly("2", hex.formatHex("n1 é".getBytes(StandardCharsets.UTF_8)),
                    "1.25", hex.formatHex("t1".getBytes(StandardCharsets.US_ASCII)), "7");
            assertThat(rows.get(1)).containsExactly("3", hex.formatHex("m1".getBytes(StandardCharsets.US_ASCII)),
                    "0.25", hex.formatHex("late".getBytes(StandardCharsets.US_ASCII)), "1");
            assertThat(rows.get(12)[3]).isEqualTo(hex.formatHex("x".repeat(17000).getBytes(
                    StandardCharsets.US_ASCII)));
            assertThat(rows.get(59)).containsExactly("61", hex.formatHex("m30".getBytes(StandardCharsets.US_ASCII)),
                    "7.50", null, "30");
        }
    }

    @Test
    void refuses_a_definition_from_before_the_instant_drop_or_without_a_column_naming_it() throws Exception {
        for (String name : List.of("instant", "instant_redundant")) {
            Path ibd = fixture(name + ".ibd");
            TableDefinition real = FrmReader.read(fixture(name + ".frm"));
            List<Column> before = new ArrayList<>(real.columns());
            before.add(3, Column.of("gone", DataType.simple(ColumnType.INT, 11, -1, 0, false, false), false,
                    ColumnDefault.NONE));
            LayoutCheck stale = Tablespaces.checkLayout(ibd, withColumns(real, before), 1000);
            assertThat(stale.matches()).as(name).isFalse();
            assertThat(stale.mismatch()).as(name).contains("`gone`").contains("not in the file");
            List<Column> without = new ArrayList<>(real.columns());
            without.removeIf(c -> c.name().equals("name"));
            LayoutCheck missing = Tablespaces.checkLayout(ibd, withColumns(real, without), 1000);
            assertThat(missing.matches()).as(name).isFalse();
            assertThat(missing.mismatch()).as(name).contains("variable-length column").contains("lacks")
                    .contains("after column `price`");
            List<Column> wider = new ArrayList<>(real.columns());
            wider.replaceAll(c -> c.name().equals("price") ? Column.of("price", DataType.simple(ColumnType.DECIMAL,
                    14, 2, 0, false, false), false, ColumnDefault.NONE) : c);
            LayoutCheck precision = Tablespaces.checkLayout(ibd, withColumns(real, wider), 1000);
            assertThat(precision.matches()).as(name).isFalse();
            assertThat(precision.mismatch()).as(name).contains("`price`");
        }
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a reader that loops would hang the suite
    void damaged_instant_alter_metadata_gives_a_result_or_a_typed_error() throws Exception {
        Map<ErrorCode, Integer> errors = new EnumMap<>(ErrorCode.class);
        int[] counts = new int[2];
        Path copy = tmp.resolve("damaged-instant.ibd");
        Random random = new Random(SEED + 1);
        for (String name : List.of("instant", "instant_redundant")) {
            byte[] original = Files.readAllBytes(fixture(name + ".ibd"));
            TableDefinition definition = FrmReader.read(fixture(name + ".frm"));
            int page = 16384;
            int mapPage = original.length / page - 1;
            for (int i = 0; i < 1500; i++) {
                byte[] damaged = original.clone();
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    // the root's page header, infimum, supremum and first records (the metadata record), or
                    // the head of the field map's BLOB page
                    int at = switch (random.nextInt(3)) {
                        case 0 -> 3 * page + 38 + random.nextInt(20);
                        case 1 -> 3 * page + 94 + random.nextInt(200);
                        default -> mapPage * page + 38 + random.nextInt(24);
                    };
                    damaged[at] ^= (byte) (1 << random.nextInt(8));
                }
                check(copy, damaged, definition, errors, counts, name + " variant " + i);
            }
            for (int i = 0; i < 200; i++) {
                byte[] damaged = original.clone();
                int at = mapPage * page + 38 + random.nextInt(24);
                damaged[at] = (byte) random.nextInt(256);
                damaged[at + 1] = (byte) random.nextInt(256);
                check(copy, damaged, definition, errors, counts, name + " map bytes at " + at);
            }
            byte[] noMap = original.clone();
            Arrays.fill(noMap, mapPage * page, (mapPage + 1) * page, (byte) 0);
            check(copy, noMap, definition, errors, counts, name + " field map page zeroed");
        }
        System.out.println("instant ALTER robustness: " + counts[0] + " damaged variants, " + counts[1]
                + " read without error, typed errors " + errors);
        assertThat(counts[0]).isGreaterThan(3000);
        assertThat(errors).containsKey(ErrorCode.CORRUPT_INPUT);
    }

    @Test
    void decompresses_compressed_pages_with_their_modification_log_like_the_server_wrote_them() throws Exception {
        Path ibd = fixture("zipped.ibd");
        TableDefinition definition = FrmReader.read(fixture("zipped.frm"));
        TablespaceInfo info = Tablespaces.inspect(ibd);
        assertThat(info.rowFormat()).isEqualTo(RowFormat.COMPRESSED);
        assertThat(info.keyBlockSize()).isEqualTo(4);
        LayoutCheck layout = Tablespaces.checkLayout(ibd, definition, 1000);
        assertThat(layout.matches()).as(layout.toString()).isTrue();
        assertThat(layout.checked()).isTrue();
        // 38 live rows and the 3 delete-marked ones purge had not removed yet
        assertThat(layout.recordsChecked()).isEqualTo(41);
        assertThat(layout.storedRowFormat()).isEqualTo(RowFormat.COMPRESSED);
        List<String[]> rows;
        rows = decodeRows(ibd, definition, 100);
        HexFormat hex = HexFormat.of().withUpperCase();
        assertThat(rows).hasSize(38);
        assertThat(rows.get(0)).containsExactly("1", hex.formatHex("n1 é and more".getBytes(StandardCharsets.UTF_8)),
                "-18.75", hex.formatHex("t1".getBytes(StandardCharsets.US_ASCII)), "1", "2024-01-02 03:05:05.678");
        assertThat(rows.get(6)[3]).isEqualTo(hex.formatHex("x".repeat(17000).getBytes(StandardCharsets.US_ASCII)));
        assertThat(rows.stream().map(r -> r[0])).doesNotContain("10", "20", "30");
        assertThat(rows.get(37)).containsExactly("41", null, "1.50", null, null, null);
        List<Column> without = new ArrayList<>(definition.columns());
        without.removeIf(c -> c.name().equals("qty"));
        LayoutCheck missing = Tablespaces.checkLayout(ibd, withColumns(definition, without), 1000);
        assertThat(missing.matches()).isFalse();
        assertThat(missing.mismatch()).contains("2-byte column").contains("after column `note`");
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a reader that loops would hang the suite
    void damaged_compressed_pages_give_a_result_or_a_typed_error() throws Exception {
        byte[] original = Files.readAllBytes(fixture("zipped.ibd"));
        TableDefinition definition = FrmReader.read(fixture("zipped.frm"));
        Map<ErrorCode, Integer> errors = new EnumMap<>(ErrorCode.class);
        int[] counts = new int[2];
        Path copy = tmp.resolve("damaged-zipped.ibd");
        int page = 4096;
        Random random = new Random(SEED + 2);
        for (int i = 0; i < 2500; i++) {
            byte[] damaged = original.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                // the compressed index page (header, stream, modification log, trailer) or the BLOB page
                int at = random.nextInt(5) == 0 ? 4 * page + random.nextInt(page) : 3 * page
                        + (random.nextBoolean() ? random.nextInt(page) : page - 1 - random.nextInt(800));
                damaged[at] ^= (byte) (1 << random.nextInt(8));
            }
            check(copy, damaged, definition, errors, counts, "zipped variant " + i);
        }
        for (int i = 0; i < 500; i++) {
            byte[] damaged = original.clone();
            int from = 3 * page + random.nextInt(page);
            Arrays.fill(damaged, from, Math.min(4 * page, from + 1 + random.nextInt(64)),
                    (byte) (random.nextBoolean() ? 0 : 0xFF));
            check(copy, damaged, definition, errors, counts, "zipped bytes from " + from + " overwritten");
        }
        System.out.println("compressed page robustness: " + counts[0] + " damaged variants, " + counts[1]
                + " read without error, typed errors " + errors);
        assertThat(counts[0]).isEqualTo(3000);
        assertThat(errors).containsKey(ErrorCode.CORRUPT_INPUT);
    }

    private static TableDefinition withColumns(TableDefinition t, List<Column> columns) {
        return new TableDefinition(t.name(), columns, t.indexes(), t.options(), t.comment(), t.partitionClause(),
                t.checks(), t.applicationPeriod(), t.systemPeriod(), t.systemVersioned(), t.notes(),
                t.foreignKeys());
    }

    @Test
    void refuses_files_that_are_no_tablespace_with_a_typed_error() throws IOException {
        Path empty = Files.write(tmp.resolve("empty.ibd"), new byte[0]);
        Path zeros = Files.write(tmp.resolve("zeros.ibd"), new byte[65536]);
        Path text = Files.writeString(tmp.resolve("text.ibd"), "not an innodb file ".repeat(200));
        for (Path p : List.of(empty, zeros, text)) {
            RecoveryException e = catchThrowableOfType(RecoveryException.class, () -> Tablespaces.inspect(p));
            assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_INPUT);
            assertThat(e.path()).contains(p);
            assertThat(e.hint()).isPresent();
        }
        RecoveryException missing = catchThrowableOfType(RecoveryException.class, () -> Tablespaces.inspect(tmp.resolve("missing.ibd")));
        assertThat(missing.code()).isEqualTo(ErrorCode.SOURCE_NOT_FOUND);
    }

    @Test
    void a_truncated_file_or_a_zeroed_page_0_is_corrupt_input_with_a_hint() throws Exception {
        byte[] original = Files.readAllBytes(fixture("small.ibd"));
        Path truncated = Files.write(tmp.resolve("truncated.ibd"), Arrays.copyOf(original, original.length - 16384));
        RecoveryException e = catchThrowableOfType(RecoveryException.class, () -> Tablespaces.inspect(truncated));
        assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_INPUT);
        assertThat(e.getMessage()).contains("truncated").contains("6 pages");
        assertThat(e.hint()).isPresent();
        byte[] zeroed = original.clone();
        Arrays.fill(zeroed, 0, 16384, (byte) 0);
        Path wiped = Files.write(tmp.resolve("wiped.ibd"), zeroed);
        RecoveryException z = catchThrowableOfType(RecoveryException.class, () -> Tablespaces.inspect(wiped));
        assertThat(z.code()).isEqualTo(ErrorCode.CORRUPT_INPUT);
        assertThat(z.getMessage()).contains("page 0 zeroed");
        byte[] flipped = original.clone();
        flipped[16384 - 100] ^= 1;
        TablespaceInfo damaged = Tablespaces.inspect(Files.write(tmp.resolve("flipped.ibd"), flipped));
        assertThat(damaged.page0Checksum()).isEqualTo(Checksum.INVALID);
        assertThat(damaged.page0Intact()).isFalse();
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a reader that loops would hang the suite
    void damaged_copies_give_a_result_or_a_typed_error_and_nothing_else() throws Exception {
        byte[] original = Files.readAllBytes(fixture("small.ibd"));
        TableDefinition definition = FrmReader.read(fixture("small.frm"));
        Path copy = tmp.resolve("damaged.ibd");
        Map<ErrorCode, Integer> errors = new EnumMap<>(ErrorCode.class);
        int[] counts = new int[2];
        Random random = new Random(SEED);
        int page = 16384;
        for (int length = 0; length < original.length; length += 509) {
            check(copy, Arrays.copyOf(original, length), definition, errors, counts, "truncated to " + length);
        }
        for (int p = 0; p < original.length / page; p++) {
            byte[] damaged = original.clone();
            Arrays.fill(damaged, p * page, (p + 1) * page, (byte) 0);
            check(copy, damaged, definition, errors, counts, "page " + p + " zeroed");
        }
        for (int i = 0; i < 600; i++) {
            byte[] damaged = original.clone();
            int from = random.nextInt(damaged.length);
            int to = Math.min(damaged.length, from + 1 + random.nextInt(256));
            Arrays.fill(damaged, from, to, (byte) (random.nextBoolean() ? 0 : 0xFF));
            check(copy, damaged, definition, errors, counts, "bytes " + from + ".." + to + " overwritten");
        }
        for (int i = 0; i < 2400; i++) {
            byte[] damaged = original.clone();
            int flips = 1 + random.nextInt(8);
            // Most flips land in the index and BLOB pages (3..5), where the decoders work.
            for (int f = 0; f < flips; f++) {
                int at = random.nextInt(4) == 0 ? random.nextInt(damaged.length)
                        : 3 * page + random.nextInt(3 * page);
                damaged[at] ^= (byte) (1 << random.nextInt(8));
            }
            check(copy, damaged, definition, errors, counts, "variant " + i + " with " + flips + " flips");
        }
        System.out.println("ibd robustness: " + counts[0] + " damaged variants, " + counts[1]
                + " read without error, typed errors " + errors);
        assertThat(counts[0]).isGreaterThan(3000);
        assertThat(errors).containsKey(ErrorCode.CORRUPT_INPUT);
    }

    private static void check(Path copy, byte[] bytes, TableDefinition definition, Map<ErrorCode, Integer> errors,
                              int[] counts, String what) throws IOException {
        Files.write(copy, bytes);
        counts[0]++;
        try {
            Tablespaces.inspect(copy);
            Tablespaces.checkLayout(copy, definition, 1000);
            decodeRows(copy, definition, 100);
            counts[1]++;
        } catch (RecoveryException e) {
            errors.merge(e.code(), 1, Integer::sum);
        } catch (RuntimeException e) {
            e.printStackTrace();
            fail(what + ": " + e);
        }
    }

    /**
     * Up to {@code n} rows as text: byte strings in upper-case hex, numbers and times as decoded; in the declared
     * column order, or in the order of the columns named.
     */
    static List<String[]> decodeRows(Path ibd, TableDefinition definition, int n, String... columns) {
        List<String[]> out = new ArrayList<>();
        try (FileRows rows = Tablespaces.rows(ibd, definition)) {
            List<String> names = rows.columns().stream().map(Column::name).toList();
            int[] pick = columns.length == 0 ? java.util.stream.IntStream.range(0, names.size()).toArray()
                    : Arrays.stream(columns).mapToInt(names::indexOf).toArray();
            Object[] row;
            while (out.size() < n && (row = rows.next()) != null) {
                String[] text = new String[pick.length];
                for (int i = 0; i < pick.length; i++) {
                    Object v = row[pick[i]];
                    text[i] = v instanceof byte[] b ? HexFormat.of().withUpperCase().formatHex(b)
                            : v == null ? null : String.valueOf(v);
                }
                out.add(text);
            }
        }
        return out;
    }
}
