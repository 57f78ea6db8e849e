package io.dbrecover.mysql.datadir;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.mysql.datadir.DataDirFiles.LeftoverKind;
import org.junit.jupiter.api.Test;

/** The server's own files told apart by their names, as MariaDB 10.11 and MySQL 8 write them. */
class DataDirFilesTest {
    @Test
    void fulltextAuxiliaryNamesOfMariaDbCarryTheTableAndIndexIds() {
        // names MariaDB 10.11.19 wrote here for CREATE TABLE a (… FULLTEXT KEY f(body)), table id 0x12
        assertThat(DataDirFiles.fulltextAuxiliary("FTS_0000000000000012_000000000000001e_INDEX_3.ibd")).hasValueSatisfying(
                f -> {
                    assertThat(f.tableId()).isEqualTo("0000000000000012");
                    assertThat(f.tableIdValue()).isEqualTo(0x12);
                    assertThat(f.indexId()).isEqualTo("000000000000001e");
                    assertThat(f.part()).isEqualTo("INDEX_3");
                    assertThat(f.pattern()).isEqualTo("FTS_0000000000000012_*.ibd");
                });
        for (String common : new String[] {"CONFIG", "DELETED", "DELETED_CACHE", "BEING_DELETED",
            "BEING_DELETED_CACHE"}) {
            assertThat(DataDirFiles.fulltextAuxiliary("FTS_0000000000000012_" + common + ".ibd"))
                    .hasValueSatisfying(f -> {
                        assertThat(f.part()).isEqualTo(common);
                        assertThat(f.indexId()).isNull();
                    });
        }
    }

    @Test
    void mysql8WritesTheSameNamesInLowerCase() {
        assertThat(DataDirFiles.fulltextAuxiliary("fts_000000000000042c_being_deleted_cache.ibd"))
                .hasValueSatisfying(f -> {
                    assertThat(f.tableIdValue()).isEqualTo(0x42c);
                    assertThat(f.part()).isEqualTo("BEING_DELETED_CACHE");
                    assertThat(f.pattern()).isEqualTo("fts_000000000000042c_*.ibd");
                });
        assertThat(DataDirFiles.fulltextAuxiliary("fts_000000000000042c_00000000000004c1_index_6.ibd"))
                .hasValueSatisfying(f -> assertThat(f.part()).isEqualTo("INDEX_6"));
    }

    @Test
    void namesThatOnlyLookAlikeAreNoFulltextFiles() {
        assertThat(DataDirFiles.fulltextAuxiliary("FTS_12_CONFIG.ibd")).isEmpty();
        assertThat(DataDirFiles.fulltextAuxiliary("FTS_0000000000000012_CONFIG.frm")).isEmpty();
        assertThat(DataDirFiles.fulltextAuxiliary("FTS_0000000000000012_SETTINGS.ibd")).isEmpty();
        assertThat(DataDirFiles.fulltextAuxiliary("my_FTS_0000000000000012_CONFIG.ibd")).isEmpty();
    }

    @Test
    void alterLeftoversAreToldApartByTheirPrefix() {
        // #sql-alter-<pid>-<thread>: what MariaDB 10.11.19 left here when killed during ALTER TABLE (COPY and INPLACE)
        assertThat(DataDirFiles.alterLeftover("#sql-alter-57b4-3.frm")).hasValueSatisfying(l -> {
            assertThat(l.base()).isEqualTo("#sql-alter-57b4-3");
            assertThat(l.kind()).isEqualTo(LeftoverKind.ALTER_COPY);
            assertThat(l.describe()).contains("may hold the only copy of a table");
            assertThat(l.suggestedName()).isEqualTo("sql_alter_57b4_3");
            assertThat(l.whatToDo("shop")).contains("#sql-alter-57b4-3.frm", "#sql-alter-57b4-3.ibd",
                    "shop_recovered/sql_alter_57b4_3.frm", "dbrecover mysql recover --from");
        });
        assertThat(DataDirFiles.alterLeftover("#sql-backup-57b4-3.ibd")).hasValueSatisfying(
                l -> assertThat(l.kind()).isEqualTo(LeftoverKind.ALTER_BACKUP));
        assertThat(DataDirFiles.alterLeftover("#sql2-704-1f.frm")).hasValueSatisfying(
                l -> assertThat(l.kind()).isEqualTo(LeftoverKind.RENAMED_ORIGINAL));
        assertThat(DataDirFiles.alterLeftover("#sql-ib1234-2938485.ibd")).hasValueSatisfying(
                l -> assertThat(l.kind()).isEqualTo(LeftoverKind.INNODB_REBUILD));
        assertThat(DataDirFiles.alterLeftover("#sql-704_1f.frm")).hasValueSatisfying(
                l -> assertThat(l.kind()).isEqualTo(LeftoverKind.TEMPORARY));
    }

    @Test
    void aUserTableNamedLikeALeftoverIsStoredEncodedAndIsNoLeftover() {
        // CREATE TABLE `#sql-alter-57b4-3` writes @0023sql@002dalter@002d57b4@002d3.frm (seen on MariaDB 10.11.19)
        assertThat(DataDirFiles.alterLeftover("@0023sql@002dalter@002d57b4@002d3.frm")).isEmpty();
        assertThat(DataDirFiles.alterLeftover("sql-alter.frm")).isEmpty();
    }
}
