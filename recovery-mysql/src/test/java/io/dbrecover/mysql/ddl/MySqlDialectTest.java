package io.dbrecover.mysql.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.mysql.frm.FrmReader;
import io.dbrecover.mysql.model.Column;
import io.dbrecover.mysql.model.ColumnDefault;
import io.dbrecover.mysql.model.ColumnType;
import io.dbrecover.mysql.model.DataType;
import io.dbrecover.mysql.model.RowFormat;
import io.dbrecover.mysql.model.Switch;
import io.dbrecover.mysql.model.TableDefinition;
import io.dbrecover.mysql.model.TableOptions;
import io.dbrecover.mysql.model.Versioning;
import io.dbrecover.mysql.model.Visibility;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MySQL dialects on tables MariaDB 10.11 wrote (the checked-in fixtures): what MariaDB-only features become,
 * which release line {@link Dialect#MYSQL} picks, and a comment line for everything a line cannot carry. No MySQL
 * server is available here; expected text follows the facts in docs/formats/frm.md §22 (each cited there from the
 * MySQL sources and mysql-test results). {@link MySqlReleaseLinesTest} holds the statement of each line in full.
 */
class MySqlDialectTest {
    static TableDefinition fixture(String base) throws Exception {
        Path dir = Path.of(MySqlDialectTest.class.getResource("/frm/mariadb-10.11.19").toURI());
        Path file = dir.resolve("v__" + base + ".frm");
        return FrmReader.read(file, Files.readAllBytes(file), base + ".frm");
    }

    private static String mysql(String base) throws Exception {
        return DdlWriter.write(fixture(base), Dialect.MYSQL);
    }

    @Test
    void defaults_use_mysql_spelling_and_expressions_get_parentheses() throws Exception {
        String sql = mysql("u_def");
        // mysql-8.0.39 check_constraints.result: DEFAULT (_utf8mb4'b'), DEFAULT ((`col` * `col`)), DEFAULT (curdate())
        assertThat(sql).contains("  `c` text DEFAULT (_utf8mb4'blobdef'),\n")
                .contains("  `d` int DEFAULT ((1 + 1)),\n")
                .contains("  `g` datetime(3) DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),\n")
                .contains("  `n` date DEFAULT (curdate()),\n")
                .contains("  `o` varchar(30) DEFAULT (concat(_utf8mb4'a',_utf8mb4'b')),\n")
                .contains("  `e` float DEFAULT '1.5',\n")
                .contains("  `m` bigint unsigned DEFAULT '18446744073709551615',\n")
                .doesNotContain("current_timestamp()");
        assertThat(sql).contains("-- u_def: column n: its expression default needs MySQL 8.0.13 or later");
        assertThat(DdlWriter.write(fixture("u_def"))).contains("  `n` date DEFAULT curdate(),\n");
    }

    @Test
    void mariadb_plugin_types_become_the_binary_types_holding_their_bytes() throws Exception {
        String sql = mysql("t_inet");
        assertThat(sql).contains("  `a` binary(16) DEFAULT NULL,\n").contains("  `c` binary(4) DEFAULT NULL\n")
                .contains("-- t_inet: column a: MariaDB type inet6 written as binary(16)")
                .contains("-- t_inet: column b: MariaDB type uuid written as binary(16)")
                .doesNotContain("inet6 DEFAULT").doesNotContain("` uuid ");
    }

    @Test
    void system_versioning_periods_and_without_overlaps_are_left_out_and_named() throws Exception {
        String vers = mysql("t_vers");
        assertThat(vers).contains(") ENGINE=InnoDB DEFAULT CHARSET=latin1;\n")
                .doesNotContain("WITH SYSTEM VERSIONING;").contains("-- t_vers: WITH SYSTEM VERSIONING (MariaDB) left out");
        String period = mysql("u_period");
        assertThat(period).contains("  UNIQUE KEY `u` (`id`)\n").doesNotContain("  PERIOD FOR")
                .contains("-- u_period: MariaDB application-time PERIOD FOR `p` (`s`, `e`) left out")
                .contains("WITHOUT OVERLAPS (MariaDB) left out");
    }

    @Test
    void mariadb_table_options_and_engines_are_translated_or_left_out() throws Exception {
        assertThat(mysql("u_aria")).contains(") ENGINE=MyISAM DEFAULT CHARSET=latin1;\n")
                .contains("-- u_aria: ENGINE=Aria (MariaDB) written as MyISAM")
                .contains("-- u_aria: MariaDB table option PAGE_CHECKSUM=1 left out")
                .contains("-- u_aria: MariaDB table option TRANSACTIONAL=1 left out");
        assertThat(mysql("t_pagecomp")).contains(") ENGINE=InnoDB DEFAULT CHARSET=latin1;\n")
                .contains("-- t_pagecomp: table: MariaDB engine option PAGE_COMPRESSED=1 left out");
        assertThat(mysql("u_seq")).doesNotContain("SEQUENCE=1;").contains("this is a sequence");
        assertThat(mysql("u_comp")).contains("  `a` varchar(100) DEFAULT NULL,\n")
                .contains("-- u_comp: column a: MariaDB column compression left out").doesNotContain("/*M!");
    }

    @Test
    void utf8mb3_is_spelled_as_each_line_spells_it_and_invisible_columns_are_versioned() throws Exception {
        TableDefinition utf8 = fixture("u_utf8");
        // mysql-5.7.18 create.result:699 CHARACTER SET utf8 COLLATE utf8_bin;
        // mysql-8.0.39 create.result:713 CHARACTER SET utf8mb3 COLLATE utf8mb3_bin
        assertThat(DdlWriter.write(utf8, Dialect.MYSQL_5_7)).contains("  `a` varchar(10) CHARACTER SET utf8 DEFAULT "
                + "NULL,\n").contains(") ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_unicode_ci;\n");
        assertThat(DdlWriter.write(utf8, Dialect.MYSQL_8_0)).contains("  `a` varchar(10) CHARACTER SET utf8mb3 COLLATE "
                + "utf8mb3_general_ci DEFAULT NULL,\n")
                .contains(") ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;\n");
        // mysql-8.0.39 invisible_columns.result:39 `f3` int DEFAULT NULL /*!80023 INVISIBLE */
        assertThat(mysql("t_inv")).contains("  `b` int DEFAULT NULL /*!80023 INVISIBLE */,\n");
        assertThat(DdlWriter.write(fixture("t_inv"), Dialect.MYSQL_5_7)).contains("  `b` int(11) DEFAULT NULL,\n")
                .contains("-- t_inv: column b is invisible; MySQL 5.7 has no invisible columns (8.0.23): visible here");
        assertThat(DdlWriter.type(DataType.simple(ColumnType.JSON, 0, -1, 0, false, false))).isEqualTo("longtext");
    }

    @Test
    void a_mysql_json_column_is_json_from_5_7_and_longtext_before_and_in_mariadb() {
        TableDefinition table = oneColumn(new Column("doc", DataType.simple(ColumnType.JSON, 0, -1, 0, false, false),
                true, ColumnDefault.NULL, null, false, "", Visibility.VISIBLE, null, null, Versioning.NORMAL,
                List.of()));
        // mysql-5.7.18 mysqldump.result:5445 `j` json DEFAULT NULL (JSON keeps DEFAULT NULL, unlike TEXT/BLOB)
        assertThat(DdlWriter.createTable(table, Dialect.MYSQL_5_7)).isEqualTo("CREATE TABLE `j` (\n"
                + "  `doc` json DEFAULT NULL\n) ENGINE=InnoDB");
        assertThat(DdlWriter.createTable(table, Dialect.MYSQL)).isEqualTo("CREATE TABLE `j` (\n"
                + "  `doc` json DEFAULT NULL\n) ENGINE=InnoDB");
        assertThat(DdlWriter.write(table, Dialect.MYSQL_5_6)).isEqualTo("-- j: column doc: MySQL 5.6 has no JSON type "
                + "(5.7.8): written as longtext\nCREATE TABLE `j` (\n  `doc` longtext\n) ENGINE=InnoDB;\n");
        assertThat(DdlWriter.createTable(table)).isEqualTo("CREATE TABLE `j` (\n"
                + "  `doc` longtext DEFAULT NULL\n) ENGINE=InnoDB");
    }

    @Test
    void floating_point_auto_increment_is_refused_by_8_4_only() {
        TableDefinition table = oneColumn(new Column("id", DataType.simple(ColumnType.DOUBLE, 0, -1, 0, false, false),
                false, ColumnDefault.NONE, null, true, "", Visibility.VISIBLE, null, null, Versioning.NORMAL,
                List.of()));
        assertThat(DdlWriter.createTable(table, Dialect.MYSQL_8_0)).contains("`id` double NOT NULL AUTO_INCREMENT\n");
        assertThat(DdlWriter.write(table, Dialect.MYSQL_8_4)).contains("  `id` double NOT NULL\n")
                .contains("-- j: column id: AUTO_INCREMENT on DOUBLE left out: MySQL 8.4 refuses it on floating-point "
                        + "columns\n");
    }

    @Test
    void mysql_follows_the_release_that_wrote_the_file_and_says_so() throws Exception {
        TableDefinition t = fixture("t_int");
        assertThat(DdlWriter.write(t, Dialect.MYSQL, 50621)).contains("  `e` int(11) NOT NULL AUTO_INCREMENT,\n")
                .contains("-- t_int: written as MySQL 5.6 prints it (the file was written by MySQL 5.6.21)\n");
        assertThat(DdlWriter.write(t, Dialect.MYSQL, 50560)).contains("MySQL 5.5.60, or by MariaDB 5.x");
        assertThat(DdlWriter.write(t, Dialect.MYSQL, 101119)).contains("  `e` int NOT NULL AUTO_INCREMENT,\n")
                .contains("-- t_int: written as MySQL 8.4 prints it, the newest MySQL (the file was written by "
                        + "MariaDB 10.11.19)\n");
        assertThat(DdlWriter.write(t, Dialect.MYSQL_5_7, 80018)).doesNotContain("written as MySQL");
        assertThat(DdlWriter.statements(t, Dialect.MYSQL, 50717)).singleElement().asString()
                .contains("`e` int(11) NOT NULL AUTO_INCREMENT");
    }

    @Test
    void the_scan_takes_the_writer_version_from_each_frm_header(@TempDir Path root) throws Exception {
        Path dir = Path.of(MySqlDialectTest.class.getResource("/frm/mariadb-10.11.19").toURI());
        Path db = Files.createDirectories(root.resolve("shop"));
        Files.copy(dir.resolve("v__t_int.frm"), db.resolve("t_int.frm"));
        // the same table with the header's version id (uint32 at byte 51) saying MySQL 5.6.21 wrote it
        byte[] older = Files.readAllBytes(dir.resolve("v__t_int.frm"));
        java.nio.ByteBuffer.wrap(older).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(51, 50621);
        Files.write(db.resolve("t_old.frm"), older);
        assertThat(FrmReader.writerVersion(older)).isEqualTo(50621);
        assertThat(FrmReader.writerVersion(Files.readAllBytes(db.resolve("t_int.frm")))).isEqualTo(101119);
        assertThat(FrmReader.writerVersion(new byte[10])).isZero();
        java.nio.ByteBuffer.wrap(older).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(51, 0);
        assertThat(FrmReader.writerVersion(older)).isEqualTo(FrmReader.BEFORE_5_0);
        assertThat(DdlWriter.write(fixture("t_int"), Dialect.MYSQL, FrmReader.BEFORE_5_0)).contains("-- t_int: written "
                + "as MySQL 5.5 prints it (the file was written before MySQL 5.0, which recorded no version)\n");

        io.dbrecover.mysql.scan.Scan scan = io.dbrecover.mysql.MySqlDdl.scan(List.of(db), Dialect.MYSQL);
        String script = io.dbrecover.mysql.MySqlDdl.script(scan);
        assertThat(script).contains("-- t_int: written as MySQL 8.4 prints it, the newest MySQL (the file was written "
                + "by MariaDB 10.11.19)\n", "  `e` int NOT NULL AUTO_INCREMENT,\n")
                .contains("-- t_old: written as MySQL 5.6 prints it (the file was written by MySQL 5.6.21)\n",
                        "  `e` int(11) NOT NULL AUTO_INCREMENT,\n");
        // an explicit line is kept for every file
        assertThat(io.dbrecover.mysql.MySqlDdl.script(io.dbrecover.mysql.MySqlDdl.scan(List.of(db),
                Dialect.MYSQL_5_7))).startsWith("-- dbrecover mysql ddl (dialect mysql-5.7)")
                .contains("-- MySQL 5.7 dialect: tables as its SHOW CREATE TABLE prints them")
                .doesNotContain("  `e` int NOT NULL").doesNotContain("written as MySQL");
    }

    @Test
    void dialects_are_named_by_their_labels_and_the_writer_version_picks_the_line() {
        assertThat(Dialect.fromLabel("MySQL-5.6")).isEqualTo(Dialect.MYSQL_5_6);
        assertThat(Dialect.fromLabel("mariadb")).isEqualTo(Dialect.MARIADB);
        assertThatThrownBy(() -> Dialect.fromLabel("mysql-9.1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mysql-5.5, mysql-5.6, mysql-5.7, mysql-8.0, mysql-8.4");
        assertThat(List.of(0L, 40120L, 50162L, 50560L, 50621L, 50744L, 80018L, 80300L, 80401L, 90100L, 101119L))
                .extracting(v -> Dialect.MYSQL.forWriter(v)).containsExactly(Dialect.MYSQL_8_4, Dialect.MYSQL_5_5,
                        Dialect.MYSQL_5_5, Dialect.MYSQL_5_5, Dialect.MYSQL_5_6, Dialect.MYSQL_5_7, Dialect.MYSQL_8_0,
                        Dialect.MYSQL_8_0, Dialect.MYSQL_8_4, Dialect.MYSQL_8_4, Dialect.MYSQL_8_4);
        assertThat(Dialect.MYSQL_5_7.forWriter(80018)).isEqualTo(Dialect.MYSQL_5_7);
        assertThat(Dialect.MARIADB.forWriter(50621)).isEqualTo(Dialect.MARIADB);
        assertThat(Dialect.versionText(80018)).isEqualTo("8.0.18");
    }

    @Test
    void the_mariadb_dialect_is_unchanged() throws Exception {
        assertThat(DdlWriter.write(fixture("u_aria"), Dialect.MARIADB)).isEqualTo(DdlWriter.write(fixture("u_aria")))
                .contains("ENGINE=Aria").contains("PAGE_CHECKSUM=1 TRANSACTIONAL=1");
    }

    static TableDefinition oneColumn(Column c) {
        TableOptions options = new TableOptions("InnoDB", null, RowFormat.DEFAULT, 0, 0, 0, 0, Switch.UNSET,
                Switch.UNSET, Switch.UNSET, 0, false, Switch.UNSET, false, Switch.UNSET, false, "", List.of());
        return new TableDefinition("j", List.of(c), List.of(), options, "", "", List.of(), null, null, false,
                List.of());
    }
}
