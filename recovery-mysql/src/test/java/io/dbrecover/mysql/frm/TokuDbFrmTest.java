package io.dbrecover.mysql.frm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.model.RowFormat;
import io.dbrecover.mysql.model.TableDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * TokuDB tables named as such, with their row format and what to do with their data. No TokuDB server exists here,
 * so the files are made from real ones with the engine patched where the format keeps it (docs/formats/frm.md
 * §11.1): byte 3 the legacy engine code, the engine name in the extra segment, byte 40 the row type.
 */
class TokuDbFrmTest {
    /** Written by MariaDB 10.11 for ENGINE=InnoDB `compression`='tokudb_zlib' (see files/README.txt). */
    static final Path MARIADB = Path.of("src/test/resources/files/toku_zlib.innodb.frm");
    /** The same made into the TokuDB table it stands for, checked in for the recover tests. */
    static final Path MARIADB_TOKUDB = Path.of("src/test/resources/files/toku_zlib.frm");
    /** A MyISAM table's .frm written by MySQL 5.6.11 (mariadb-test-data, read in place). */
    static final Path MYSQL56 = Path.of("/usr/share/mysql/mysql-test/std_data/mysql56datetime.frm");

    /** What MariaDB's TokuDB plugin wrote: code 43 (MariaDB's DB_TYPE_TOKUDB), name TokuDB, row type 11. */
    static byte[] mariaDbTokuDb() throws Exception {
        byte[] data = FrmEngineSwap.swap(Files.readAllBytes(MARIADB), 43, "TokuDB");
        data[40] = 11; // as in MDEV-7333's std_data/bad_row_type.frm, written by MariaDB 10.0.15 with TokuDB
        return data;
    }

    @Test
    void theCheckedInTokuDbFixtureIsTheInnoDbOneWithTheEnginePatched() throws Exception {
        assertThat(Files.readAllBytes(MARIADB_TOKUDB)).isEqualTo(mariaDbTokuDb());
    }

    @Test
    void aMariaDbTokuDbTableIsNamedWithTheRowFormatOfItsCompressionOption() throws Exception {
        TableDefinition t = FrmReader.read(MARIADB, mariaDbTokuDb(), "toku_zlib.frm");

        assertThat(t.options().engine()).isEqualTo("TokuDB");
        assertThat(t.options().rowFormat()).isEqualTo(RowFormat.DEFAULT);
        assertThat(t.notes()).anySatisfy(n -> assertThat(n).startsWith("a TokuDB table").contains(
                "row format TOKUDB_ZLIB", "*.tokudb files", "Percona Server 5.7", "ENGINE=InnoDB instead"))
                .noneSatisfy(n -> assertThat(n).contains("unknown to MariaDB and MySQL"));
        String ddl = DdlWriter.write(t);
        assertThat(ddl).contains("-- toku_zlib: a TokuDB table", ") ENGINE=TokuDB ", "`compression`='tokudb_zlib'")
                .doesNotContain("ROW_FORMAT=");
    }

    @Test
    void aPerconaTokuDbTableIsNamedWithTheRowFormatOfByte40() throws Exception {
        if (!Boolean.getBoolean("dbrecover.requireBinaries")) {
            assumeThat(Files.isRegularFile(MYSQL56)).as("package mariadb-test-data installed").isTrue();
        }
        // Percona Server's DB_TYPE_TOKUDB is 41; its row types follow ROW_TYPE_PAGE (6): 7 uncompressed, 8 zlib, 9 snappy
        String[][] cases = {{"7", "TOKUDB_UNCOMPRESSED"}, {"8", "TOKUDB_ZLIB"}, {"9", "TOKUDB_SNAPPY"},
            {"12", "code 12 (TOKUDB_QUICKLZ, _LZMA, _FAST, _SMALL or _ZSTD"}, {"0", "the server's default"}};
        for (String[] c : cases) {
            byte[] data = FrmEngineSwap.swap(Files.readAllBytes(MYSQL56), 41, "TokuDB");
            data[40] = (byte) Integer.parseInt(c[0]);
            TableDefinition t = FrmReader.read(MYSQL56, data, "t.frm");
            assertThat(t.options().engine()).isEqualTo("TokuDB");
            assertThat(t.notes()).as("row type %s", c[0]).anySatisfy(n -> assertThat(n).contains("row format " + c[1]))
                    .noneSatisfy(n -> assertThat(n).contains("unknown to MariaDB and MySQL"));
        }
    }

    @Test
    void theRowFormatsOfTokutekBuildsOfMySql55AreTheirOwn() {
        assertThat(TokuDb.rowFormat(9, 50541, java.util.List.of())).isEqualTo("TOKUDB_QUICKLZ");
        assertThat(TokuDb.rowFormat(12, 50541, java.util.List.of())).isEqualTo("TOKUDB_SMALL");
        assertThat(TokuDb.rowFormat(8, 50541, java.util.List.of())).isEqualTo("TOKUDB_ZLIB");
    }
}
