package io.dbrecover.mysql.transplant;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.Severity;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mysql recover}'s scan names the server's own files once, as {@code mysql ddl} does, and says what to do with
 * the tables it cannot import. Tablespace files here are page 0 only (see DataDirFilesDdlTest).
 */
class SourceScanServerFilesTest {
    static final Path FILES = Path.of("src/test/resources/files");

    static void page0(Path file, long spaceId) throws Exception {
        ByteBuffer page = ByteBuffer.allocate(16384);
        page.putShort(24, (short) 8).putInt(34, (int) spaceId).putInt(38, (int) spaceId).putInt(54, 0x15);
        Files.write(file, page.array());
    }

    @Test
    void fulltextFilesAreOneFindingNamingTheirTableAndLeftoversOneWarningEachWithWhatToDo(@TempDir Path root)
            throws Exception {
        Path shop = Files.createDirectories(root.resolve("shop"));
        Files.copy(FILES.resolve("articles.frm"), shop.resolve("articles.frm"));
        page0(shop.resolve("articles.ibd"), 5);
        long space = 6;
        for (String part : List.of("CONFIG", "DELETED", "DELETED_CACHE", "BEING_DELETED", "BEING_DELETED_CACHE",
                "000000000000008a_INDEX_1", "000000000000008a_INDEX_2")) {
            page0(shop.resolve("FTS_0000000000000079_" + part + ".ibd"), space++);
        }
        Files.copy(FILES.resolve("articles.frm"), shop.resolve("#sql-alter-1f-4.frm"));
        page0(shop.resolve("#sql-alter-1f-4.ibd"), 30);
        page0(shop.resolve("#sql-ib31.ibd"), 31);

        SourceScan.Result scan = SourceScan.scan(List.of(root), Set.of());

        assertThat(scan.tables()).extracting(TableSource::qualifiedName).containsExactly("shop.articles");
        assertThat(scan.findings()).filteredOn(f -> f.code().equals("FULLTEXT_INDEX_FILES")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.INFO);
                    assertThat(f.message()).startsWith("shop/FTS_0000000000000079_*.ibd (7 files): InnoDB's own "
                            + "auxiliary tables of a FULLTEXT index of `shop`.`articles` (their space ids 6–12 follow "
                            + "the 5 of articles.ibd").contains("neither created nor imported");
                });
        List<Finding> leftovers = scan.findings().stream().filter(f -> f.code().equals("ALTER_LEFTOVER")).toList();
        assertThat(leftovers).extracting(Finding::severity).containsOnly(Severity.WARNING);
        assertThat(leftovers).extracting(Finding::message).containsExactly(
                "shop/#sql-alter-1f-4.frm, #sql-alter-1f-4.ibd: the new copy of a table that an ALTER TABLE was "
                        + "building (MariaDB names it #sql-alter-<pid>-<thread>); it holds the table in its altered "
                        + "shape, as far as the copy got. After a crash during an ALTER TABLE it may hold the only "
                        + "copy of a table. Not recovered under this name; to recover it, copy #sql-alter-1f-4.frm "
                        + "and #sql-alter-1f-4.ibd into a directory of their own under a table name (e.g. "
                        + "shop_recovered/sql_alter_1f_4.frm and .ibd) and run `dbrecover mysql recover --from` on "
                        + "that directory (its CREATE TABLE is in `dbrecover mysql ddl`'s output)",
                "shop/#sql-ib31.ibd: InnoDB's copy of a table being rebuilt by an ALTER TABLE, or the old copy "
                        + "renamed away before being dropped (InnoDB names them #sql-ib<table id>…). After a crash "
                        + "during an ALTER TABLE it may hold the only copy of a table. Not recovered: it has no .frm; "
                        + "if it is a copy of a table you need, put it beside that table's .frm under the table's "
                        + "name in a directory of its own and run recover on that directory (the definition is "
                        + "checked against its records)");
    }

    @Test
    void aTokuDbTableIsReportedWithWhereItsRowsAreAndWhatReadsThem(@TempDir Path root) throws Exception {
        Path shop = Files.createDirectories(root.resolve("shop"));
        Files.copy(FILES.resolve("toku_zlib.frm"), shop.resolve("toku_zlib.frm"));

        SourceScan.Result scan = SourceScan.scan(List.of(root), Set.of());
        Work w = Assessment.assess(scan.tables().get(0));

        assertThat(w.problem()).isEqualTo("no tablespace file (toku_zlib.ibd): the table's engine is TokuDB");
        assertThat(w.problemCode()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
        assertThat(w.hint()).contains("*.tokudb files", "Percona Server 5.7", "`dbrecover mysql ddl`")
                .doesNotContain(".MYD");
        assertThat(w.source().definition().notes()).anySatisfy(n -> assertThat(n).contains("TOKUDB_ZLIB"));
    }
}
