package io.dbrecover.mysql.transplant;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.report.TerminalText;
import io.dbrecover.mysql.MySqlDdl;
import io.dbrecover.mysql.ddl.Dialect;
import io.dbrecover.mysql.scan.Scan;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 §2: sources made by a hostile or clumsy hand. Files of gigabytes named {@code .frm} are refused before a
 * byte is read, links are followed and named (a loop or a dangling one named and not followed), entries that are no
 * files are named, a damaged {@code db.opt} is named, and names from the files never carry control bytes or line
 * breaks into the script; one bad file never stops the others, in {@code mysql ddl} and in {@code mysql recover}'s
 * scan.
 */
class HostileSourcesTest {
    static final Path TABLES = Path.of("src/test/resources/frm/mariadb-10.11.19");
    static final Path VIEWS = Path.of("src/test/resources/views/mariadb-10.11.19");

    static Path database(Path root) throws Exception {
        Path shop = Files.createDirectories(root.resolve("shop"));
        Files.copy(TABLES.resolve("v__t_int.frm"), shop.resolve("t_int.frm"));
        Files.copy(VIEWS.resolve("w__t1.frm"), shop.resolve("t1.frm"));
        return shop;
    }

    static void sparse(Path file, long size) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    @Test
    void frmFilesOfGigabytesAreTypedErrorsAndTheOtherFilesAreStillRead(@TempDir Path root) throws Exception {
        Path shop = database(root);
        sparse(shop.resolve("big15.frm"), 1536L << 20);
        sparse(shop.resolve("big25.frm"), 2560L << 20);
        long t0 = System.nanoTime();
        Scan scan = MySqlDdl.scan(List.of(root), Dialect.MARIADB);
        long millis = (System.nanoTime() - t0) / 1_000_000;

        assertThat(scan.ok()).isEqualTo(2);
        assertThat(scan.items()).filteredOn(i -> i.status() == Scan.Status.FAILED).hasSize(2).allSatisfy(i -> {
            assertThat(i.errorCode()).isEqualTo(ErrorCode.CORRUPT_INPUT);
            assertThat(i.offset()).isEqualTo(4L << 20);
            assertThat(i.reason()).contains("bytes, but a table .frm file is at most 4194304 bytes",
                    "MariaDB writes and opens at most 1 MiB");
        });
        assertThat(MySqlDdl.script(scan)).contains("CREATE TABLE `t_int`", "CREATE TABLE `t1`", "FAILED ");
        // refused before reading: a 2.5 GiB read would take seconds and end in OutOfMemoryError
        assertThat(millis).isLessThan(5_000);

        SourceScan.Result recover = SourceScan.scan(List.of(shop), Set.of());
        assertThat(recover.tables()).extracting(TableSource::table).contains("t_int", "t1", "big15", "big25");
        assertThat(recover.tables()).filteredOn(t -> t.table().startsWith("big")).allSatisfy(t -> {
            assertThat(t.definition()).isNull();
            assertThat(t.definitionProblem()).contains("at most 4194304 bytes");
        });
        assertThat(recover.tables()).filteredOn(t -> t.table().equals("t_int")).singleElement()
                .satisfies(t -> assertThat(t.definition()).isNotNull());
    }

    @Test
    void aSymlinkedDatabaseDirectoryIsFollowedNamedAndItsTargetBecomesASourceOfItsOwn(@TempDir Path root)
            throws Exception {
        Path elsewhere = database(root.resolve("disk2"));
        Path datadir = Files.createDirectories(root.resolve("datadir"));
        database(datadir); // datadir/shop, a real directory
        Files.createSymbolicLink(datadir.resolve("archive"), elsewhere);
        Files.createSymbolicLink(datadir.resolve("shop").resolve("gone.frm"), root.resolve("nowhere.frm"));
        Files.createSymbolicLink(elsewhere.resolve("loop"), elsewhere);

        Scan scan = MySqlDdl.scan(List.of(datadir), Dialect.MARIADB);
        // the database takes the link's name, as the server shows it
        assertThat(scan.databases()).extracting(Scan.Database::name).containsExactly("archive", "shop");
        assertThat(scan.links()).anySatisfy(l -> {
            assertThat(l.path()).isEqualTo(datadir.resolve("archive"));
            assertThat(l.followed()).isTrue();
            assertThat(l.resolved()).isEqualTo(elsewhere.toRealPath());
        });
        assertThat(scan.links()).anySatisfy(l -> {
            assertThat(l.path().getFileName().toString()).isEqualTo("loop");
            assertThat(l.followed()).isFalse();
            assertThat(l.why()).contains("leads back");
        });
        assertThat(scan.items()).filteredOn(i -> i.file().getFileName().toString().equals("gone.frm"))
                .singleElement().satisfies(i -> {
                    assertThat(i.errorCode()).isEqualTo(ErrorCode.SOURCE_NOT_FOUND);
                    assertThat(i.reason()).contains("a symbolic link to", "which does not exist");
                });
        String script = MySqlDdl.script(scan);
        assertThat(script).contains("-- " + datadir.resolve("archive") + " -> " + elsewhere
                + ": a symbolic link, followed", "CREATE DATABASE IF NOT EXISTS `archive`");

        SourceScan.Result recover = SourceScan.scan(List.of(datadir), Set.of());
        assertThat(recover.linkedSources()).containsExactly(elsewhere.toRealPath());
        assertThat(recover.findings()).extracting(Finding::code).contains("SYMLINK_FOLLOWED", "SYMLINK_NOT_FOLLOWED");
        assertThat(recover.findings()).filteredOn(f -> f.code().equals("SYMLINK_FOLLOWED")).anySatisfy(f -> assertThat(
                f.message()).contains("archive is a symbolic link to " + elsewhere, "inventoried as a source"));
        // a --from that is itself a link: its target is what the inventory must cover
        SourceScan.Result direct = SourceScan.scan(List.of(datadir.resolve("archive")), Set.of());
        assertThat(direct.linkedSources()).containsExactly(elsewhere.toRealPath());
        assertThat(direct.tables()).extracting(TableSource::table).contains("t_int", "t1");
    }

    @Test
    void aDirectoryNamedLikeAFrmIsNamedAndAMysql8TablespaceBesideItIsStillRead(@TempDir Path root)
            throws Exception {
        Path db = Files.createDirectories(root.resolve("m8"));
        Files.createDirectories(db.resolve("tb01.frm"));
        Files.copy(Path.of("src/test/resources/sdi/innodb-java-reader-mysql80/tb01.ibd"), db.resolve("tb01.ibd"));
        Scan scan = MySqlDdl.scan(List.of(db), Dialect.MARIADB);
        assertThat(scan.items()).filteredOn(i -> i.file().getFileName().toString().equals("tb01.frm"))
                .singleElement().satisfies(i -> {
                    assertThat(i.status()).isEqualTo(Scan.Status.FAILED);
                    assertThat(i.reason()).contains("named like a .frm file but a directory");
                });
        // no .frm that is a file holds its definition: the SDI does
        assertThat(scan.items()).filteredOn(i -> i.file().getFileName().toString().equals("tb01.ibd"))
                .singleElement().satisfies(i -> assertThat(i.status()).isEqualTo(Scan.Status.OK));
    }

    @Test
    void aDamagedDbOptIsNamedAndLeftOutOfCreateDatabase(@TempDir Path root) throws Exception {
        Path shop = database(root);
        Files.writeString(shop.resolve("db.opt"), "default-character-set=lat\u001b[2Jin1\ndefault-collation=nope_ci\n",
                StandardCharsets.ISO_8859_1);
        Scan scan = MySqlDdl.scan(List.of(shop), Dialect.MARIADB);
        Scan.Database d = scan.databases().get(0);
        assertThat(d.charset()).isEmpty();
        assertThat(d.collation()).isEmpty();
        assertThat(d.note()).contains("which MariaDB 10.11 does not know: left out");
        String script = MySqlDdl.script(scan);
        assertThat(script).contains("CREATE DATABASE IF NOT EXISTS `shop`;", "-- shop: db.opt names the default "
                + "character set 'lat\\x1B[2Jin1'").doesNotContain("\u001b");
    }

    @Test
    void namesFromFilesNeverBreakOutOfTheScriptsCommentsNorReachTheTerminal(@TempDir Path root) throws Exception {
        Path shop = database(root);
        byte[] t1 = Files.readAllBytes(shop.resolve("t1.frm"));
        // a file name that would end its comment line and put a statement of its own on the next one
        Files.write(shop.resolve("x\nDROP DATABASE mysql;\u001b]2;owned\u0007.frm"), t1);
        // a view whose definer retitles a terminal, the case of the issue
        String view = Files.readString(VIEWS.resolve("w__v_plain.frm"), StandardCharsets.UTF_8)
                .replace("definer_user=root", "definer_user=root\u001b]2;owned\u0007\u001b[2J");
        Files.writeString(shop.resolve("v_plain.frm"), view, StandardCharsets.UTF_8);

        Scan scan = MySqlDdl.scan(List.of(shop), Dialect.MARIADB);
        Scan.Item v = scan.items().stream().filter(i -> i.file().getFileName().toString().equals("v_plain.frm"))
                .findFirst().orElseThrow();
        assertThat(v.status()).isEqualTo(Scan.Status.FAILED);
        assertThat(v.errorCode()).isEqualTo(ErrorCode.CORRUPT_INPUT);
        assertThat(v.reason()).contains("'definer_user'", "control character U+001B");
        assertThat(v.offset()).isPositive();
        Scan.Item odd = scan.items().stream().filter(i -> i.file().getFileName().toString().startsWith("x\n"))
                .findFirst().orElseThrow();
        assertThat(odd.status()).isEqualTo(Scan.Status.FAILED);
        assertThat(odd.reason()).contains("is no valid name");

        String script = MySqlDdl.script(scan);
        assertThat(script.lines()).noneMatch(l -> l.startsWith("DROP DATABASE"));
        assertThat(TerminalText.hasControl(script, true)).isFalse();
        assertThat(script).contains("x\\nDROP DATABASE mysql;\\x1B]2;owned\\x07.frm");
    }
}
