package io.dbrecover.mysql.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.mysql.frm.FrmReader;
import io.dbrecover.mysql.model.TableDefinition;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@link Dialect#MYSQL} on tables MariaDB 10.11 wrote (the checked-in fixtures): the text MySQL 5.7/8.0 accepts,
 * and a comment line for everything it cannot carry. No MySQL server is available here, so the expected text is
 * written out from MySQL's documented syntax.
 */
class MySqlDialectTest {
    private static TableDefinition fixture(String base) throws Exception {
        Path dir = Path.of(MySqlDialectTest.class.getResource("/frm/mariadb-10.11.19").toURI());
        return FrmReader.read(dir.resolve("v__" + base + ".frm"), java.nio.file.Files.readAllBytes(
                dir.resolve("v__" + base + ".frm")), base + ".frm");
    }

    private static String mysql(String base) throws Exception {
        return DdlWriter.write(fixture(base), Dialect.MYSQL);
    }

    @Test
    void defaults_use_mysql_spelling_and_expressions_get_parentheses() throws Exception {
        String sql = mysql("u_def");
        assertThat(sql).contains("  `c` text DEFAULT ('blobdef'),\n")
                .contains("  `d` int(11) DEFAULT (1 + 1),\n")
                .contains("  `g` datetime(3) DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),\n")
                .contains("  `n` date DEFAULT (curdate()),\n")
                .contains("  `o` varchar(30) DEFAULT (concat('a','b')),\n")
                .contains("  `e` float DEFAULT 1.5,\n")
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
        assertThat(vers).contains(") ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci;\n")
                .doesNotContain("WITH SYSTEM VERSIONING;").contains("-- t_vers: WITH SYSTEM VERSIONING (MariaDB) left out");
        String period = mysql("u_period");
        assertThat(period).contains("  UNIQUE KEY `u` (`id`)\n").doesNotContain("  PERIOD FOR")
                .contains("-- u_period: MariaDB application-time PERIOD FOR `p` (`s`, `e`) left out")
                .contains("WITHOUT OVERLAPS (MariaDB) left out");
    }

    @Test
    void mariadb_table_options_and_engines_are_translated_or_left_out() throws Exception {
        assertThat(mysql("u_aria")).contains(") ENGINE=MyISAM DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci;\n")
                .contains("-- u_aria: ENGINE=Aria (MariaDB) written as MyISAM")
                .contains("-- u_aria: MariaDB table option PAGE_CHECKSUM=1 left out")
                .contains("-- u_aria: MariaDB table option TRANSACTIONAL=1 left out");
        assertThat(mysql("t_pagecomp")).contains(") ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci;\n")
                .contains("-- t_pagecomp: table: MariaDB engine option PAGE_COMPRESSED=1 left out");
        assertThat(mysql("u_seq")).doesNotContain("SEQUENCE=1;").contains("this is a sequence");
        assertThat(mysql("u_comp")).contains("  `a` varchar(100) DEFAULT NULL,\n")
                .contains("-- u_comp: column a: MariaDB column compression left out").doesNotContain("/*M!");
    }

    @Test
    void utf8mb3_invisible_columns_and_json_use_mysql_names() throws Exception {
        assertThat(mysql("u_utf8")).contains("  `a` varchar(10) CHARACTER SET utf8 COLLATE utf8_general_ci DEFAULT "
                + "NULL,\n").contains(") ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_unicode_ci;\n");
        assertThat(mysql("t_inv")).contains("  `b` int(11) DEFAULT NULL /*!80023 INVISIBLE */,\n");
        assertThat(DdlWriter.type(io.dbrecover.mysql.model.DataType.simple(io.dbrecover.mysql.model.ColumnType.JSON,
                0, -1, 0, false, false))).isEqualTo("longtext");
    }

    @Test
    void a_mysql_json_column_is_json_for_mysql_and_longtext_for_mariadb() {
        var json = io.dbrecover.mysql.model.DataType.simple(io.dbrecover.mysql.model.ColumnType.JSON, 0, -1, 0,
                false, false);
        var column = new io.dbrecover.mysql.model.Column("doc", json, true, io.dbrecover.mysql.model.ColumnDefault.NULL,
                null, false, "", io.dbrecover.mysql.model.Visibility.VISIBLE, null, null,
                io.dbrecover.mysql.model.Versioning.NORMAL, java.util.List.of());
        var options = new io.dbrecover.mysql.model.TableOptions("InnoDB", null, io.dbrecover.mysql.model.RowFormat.DEFAULT,
                0, 0, 0, 0, io.dbrecover.mysql.model.Switch.UNSET, io.dbrecover.mysql.model.Switch.UNSET,
                io.dbrecover.mysql.model.Switch.UNSET, 0, false, io.dbrecover.mysql.model.Switch.UNSET, false,
                io.dbrecover.mysql.model.Switch.UNSET, false, "", java.util.List.of());
        var table = new TableDefinition("j", java.util.List.of(column), java.util.List.of(), options, "", "",
                java.util.List.of(), null, null, false, java.util.List.of());
        assertThat(DdlWriter.createTable(table, Dialect.MYSQL)).isEqualTo("CREATE TABLE `j` (\n"
                + "  `doc` json DEFAULT NULL\n) ENGINE=InnoDB");
        assertThat(DdlWriter.createTable(table)).isEqualTo("CREATE TABLE `j` (\n"
                + "  `doc` longtext DEFAULT NULL\n) ENGINE=InnoDB");
    }

    @Test
    void the_mariadb_dialect_is_unchanged() throws Exception {
        assertThat(DdlWriter.write(fixture("u_aria"), Dialect.MARIADB)).isEqualTo(DdlWriter.write(fixture("u_aria")))
                .contains("ENGINE=Aria").contains("PAGE_CHECKSUM=1 TRANSACTIONAL=1");
    }
}
