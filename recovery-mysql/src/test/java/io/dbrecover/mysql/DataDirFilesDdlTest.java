package io.dbrecover.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.dbrecover.mysql.ddl.Dialect;
import io.dbrecover.mysql.scan.Scan;
import io.dbrecover.mysql.scan.Scan.Role;
import io.dbrecover.mysql.scan.Scan.Status;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mysql ddl} over directories holding the server's own files: FULLTEXT auxiliary tablespaces and the
 * leftovers of an interrupted ALTER TABLE are named once for what they are and are no failures. The tablespace files
 * here are page 0 only (space id and FSP flags where InnoDB writes them): by name and page 0 is all these files are
 * judged by; the real server's files are the subject of ServerFilesIT.
 */
class DataDirFilesDdlTest {
    static final Path FILES = Path.of("src/test/resources/files");
    static final String FTS = "FTS_0000000000000079_";
    static final Path MYSQL80_T2 = Path.of("/usr/share/mysql/mysql-test/std_data/mysql80/t2.ibd");

    /** A 16 KiB page 0 with the space id in the FIL and FSP headers and the FSP flags at 54. */
    static void page0(Path file, long spaceId, int flags) throws Exception {
        ByteBuffer page = ByteBuffer.allocate(16384);
        page.putShort(24, (short) 8).putInt(34, (int) spaceId).putInt(38, (int) spaceId).putInt(54, flags);
        Files.write(file, page.array());
    }

    /** The eleven files MariaDB makes for one FULLTEXT key of table id 0x79, space ids from {@code first} on. */
    static void fulltextFiles(Path dir, long first) throws Exception {
        long space = first;
        for (String common : List.of("BEING_DELETED", "BEING_DELETED_CACHE", "CONFIG", "DELETED", "DELETED_CACHE")) {
            page0(dir.resolve(FTS + common + ".ibd"), space++, 0x15);
        }
        for (int n = 1; n <= 6; n++) {
            page0(dir.resolve(FTS + "000000000000008a_INDEX_" + n + ".ibd"), space++, 0x15);
        }
    }

    static Path shop(Path root, long parentSpace, long firstAuxSpace) throws Exception {
        Path shop = Files.createDirectories(root.resolve("shop"));
        Files.copy(FILES.resolve("articles.frm"), shop.resolve("articles.frm"));
        page0(shop.resolve("articles.ibd"), parentSpace, 0x15);
        fulltextFiles(shop, firstAuxSpace);
        return shop;
    }

    @Test
    void fulltextTablespacesAreNamedOnceWithTheirTableAndAreNoFailures(@TempDir Path root) throws Exception {
        shop(root, 5, 6);

        Scan scan = MySqlDdl.scan(List.of(root), Dialect.MARIADB);

        assertThat(scan.failed()).isZero();
        assertThat(scan.ok()).isEqualTo(1);
        List<Scan.Item> aux = scan.items().stream().filter(i -> i.role() == Role.FULLTEXT_AUXILIARY).toList();
        assertThat(aux).hasSize(11).allSatisfy(i -> {
            assertThat(i.status()).isEqualTo(Status.SKIPPED);
            assertThat(i.reason()).isEqualTo("FTS_0000000000000079_*.ibd (11 files): InnoDB's own auxiliary tables "
                    + "of a FULLTEXT index of `shop`.`articles` (their space ids 6–16 follow the 5 of articles.ibd, "
                    + "as InnoDB numbers them when it creates them with the table); neither created nor imported: "
                    + "InnoDB builds them anew from the table's FULLTEXT key");
        });
        String script = MySqlDdl.script(scan);
        assertThat(script).containsOnlyOnce("FTS_0000000000000079_*.ibd (11 files)")
                .contains("-- 1 .ibd files skipped", "FULLTEXT KEY `ft_body` (`title`,`body`)")
                .doesNotContain("FAILED");
    }

    @Test
    void withoutEvidenceTheOwnerIsAnUnknownTableAndTheCandidatesAreNamed(@TempDir Path root) throws Exception {
        // space ids that do not follow the table's: a FULLTEXT key added long after the table, say
        shop(root, 5, 40);

        Scan scan = MySqlDdl.scan(List.of(root), Dialect.MARIADB);

        assertThat(scan.failed()).isZero();
        assertThat(scan.items()).filteredOn(i -> i.role() == Role.FULLTEXT_AUXILIARY).hasSize(11)
                .allSatisfy(i -> assertThat(i.reason()).contains("a FULLTEXT index of an unknown table (table id "
                        + "0x79, kept only in the lost InnoDB dictionary; table here with a FULLTEXT key: articles)"));
    }

    @Test
    void mysql8FulltextTablespacesAreMatchedByTheTableIdInTheOwnersSdi(@TempDir Path root) throws Exception {
        if (!Boolean.getBoolean("dbrecover.requireBinaries")) {
            assumeThat(Files.isRegularFile(MYSQL80_T2)).as("package mariadb-test-data installed").isTrue();
        }
        // t2.ibd of MariaDB's test data was written by MySQL 8.0.31; its SDI says table t1, se_private_id 1068
        Path db = Files.createDirectories(root.resolve("test"));
        Files.copy(MYSQL80_T2, db.resolve("t2.ibd"));
        for (String name : List.of("fts_000000000000042c_config.ibd", "fts_000000000000042c_deleted.ibd",
                "fts_000000000000042c_00000000000000a1_index_1.ibd")) {
            page0(db.resolve(name), 77, 0x4021);
        }

        Scan scan = MySqlDdl.scan(List.of(root), Dialect.MARIADB);

        assertThat(scan.failed()).isZero();
        assertThat(scan.items()).filteredOn(i -> i.role() == Role.FULLTEXT_AUXILIARY).hasSize(3)
                .allSatisfy(i -> assertThat(i.reason()).startsWith("fts_000000000000042c_*.ibd (3 files): InnoDB's "
                        + "own auxiliary tables of a FULLTEXT index of `test`.`t1` (table id 0x42c, which the SDI of "
                        + "t2.ibd names as its own)"));
    }

    @Test
    void alterLeftoversAreReadUnderTheirOwnNameWithACommentAndAreNoFailures(@TempDir Path root) throws Exception {
        Path shop = Files.createDirectories(root.resolve("shop"));
        Files.copy(FILES.resolve("articles.frm"), shop.resolve("#sql-alter-1f-4.frm"));
        page0(shop.resolve("#sql-alter-1f-4.ibd"), 9, 0x15);
        page0(shop.resolve("#sql-ib99.ibd"), 10, 0x15);
        Files.write(shop.resolve("#sql-ib7.ibd"), new byte[10]);

        Scan scan = MySqlDdl.scan(List.of(root), Dialect.MARIADB);

        assertThat(scan.failed()).isZero();
        Scan.Item frm = item(scan, "#sql-alter-1f-4.frm");
        assertThat(frm.status()).isEqualTo(Status.OK);
        assertThat(frm.role()).isEqualTo(Role.ALTER_LEFTOVER);
        assertThat(frm.table().name()).isEqualTo("#sql-alter-1f-4");
        assertThat(frm.statements()).singleElement().asString().startsWith("CREATE TABLE `#sql-alter-1f-4` (");
        assertThat(frm.ddl()).startsWith("-- #sql-alter-1f-4.frm is no table of the application: the new copy of "
                + "a table that an ALTER TABLE was building").contains("may hold the only copy of a table",
                "shop_recovered/sql_alter_1f_4.frm", "CREATE TABLE `#sql-alter-1f-4` (");
        assertThat(item(scan, "#sql-alter-1f-4.ibd").reason()).isEqualTo("the definition comes from "
                + "#sql-alter-1f-4.frm beside it");
        assertThat(item(scan, "#sql-ib99.ibd")).satisfies(i -> {
            assertThat(i.status()).isEqualTo(Status.SKIPPED);
            assertThat(i.role()).isEqualTo(Role.ALTER_LEFTOVER);
            assertThat(i.reason()).startsWith("InnoDB's copy of a table being rebuilt").contains("no .frm");
        });
        assertThat(item(scan, "#sql-ib7.ibd")).satisfies(i -> {
            assertThat(i.status()).isEqualTo(Status.SKIPPED);
            assertThat(i.reason()).contains("It cannot be read either", "shorter than a page header");
        });
        assertThat(MySqlDdl.script(scan)).contains("#sql-alter-1f-4.frm (left by an ALTER TABLE that did not finish",
                "-- Left by an ALTER TABLE that did not finish, without a definition of their own:",
                "#sql-ib99.ibd: InnoDB's copy");
    }

    @Test
    void aFileNamedLikeAFulltextTablespaceButWithItsOwnFrmIsAUserTable(@TempDir Path root) throws Exception {
        Path shop = Files.createDirectories(root.resolve("shop"));
        Files.copy(FILES.resolve("articles.frm"), shop.resolve(FTS + "CONFIG.frm"));
        page0(shop.resolve(FTS + "CONFIG.ibd"), 5, 0x15);

        Scan scan = MySqlDdl.scan(List.of(root), Dialect.MARIADB);

        assertThat(scan.items()).allSatisfy(i -> assertThat(i.role()).isEqualTo(Role.USER));
        assertThat(item(scan, FTS + "CONFIG.frm").table().name()).isEqualTo(FTS + "CONFIG");
    }

    private static Scan.Item item(Scan scan, String fileName) {
        return scan.items().stream().filter(i -> i.file().getFileName().toString().equals(fileName)).findFirst()
                .orElseThrow();
    }
}
