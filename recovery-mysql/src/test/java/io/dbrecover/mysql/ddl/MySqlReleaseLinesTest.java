package io.dbrecover.mysql.ddl;

import static io.dbrecover.mysql.ddl.MySqlDialectTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.mysql.model.TableDefinition;
import org.junit.jupiter.api.Test;

/**
 * Each MySQL release line's SHOW CREATE TABLE of the same MariaDB-written tables, in full. No MySQL server runs
 * here; every expected statement is written from the facts in docs/formats/frm.md §22, which cites the servers'
 * sources and mysql-test results. The comments name the result lines each shape rests on: 5.5 =
 * mysql-5.5.30/mysql-test/r, 5.6 = mysql-5.6.21 mysql-test/r, 5.7 = mysql-5.7.18 mysql-test/r, 8.0 = mysql-8.0.39
 * mysql-test/r. 8.4 prints as 8.0 (§22.1).
 */
class MySqlReleaseLinesTest {
    private static String show(String base, Dialect line) throws Exception {
        return DdlWriter.createTable(fixture(base), line);
    }

    // t_int: tinyint, tinyint unsigned NOT NULL DEFAULT 7, smallint(3) zerofill, mediumint unsigned, int
    // AUTO_INCREMENT, int(4) unsigned zerofill DEFAULT 12, bigint DEFAULT -5, bigint unsigned; InnoDB latin1.
    private static final String T_INT_5 = "CREATE TABLE `t_int` (\n"
            // 5.5 show_check.result:336-340: tinyint(1) NOT NULL DEFAULT '0', tinyint(4), mediumint(9), bigint(20)
            + "  `a` tinyint(4) DEFAULT NULL,\n"
            + "  `b` tinyint(3) unsigned NOT NULL DEFAULT '7',\n"
            + "  `c` smallint(3) unsigned zerofill DEFAULT NULL,\n"
            + "  `d` mediumint(8) unsigned DEFAULT NULL,\n"
            + "  `e` int(11) NOT NULL AUTO_INCREMENT,\n"
            // 8.0 archive.result:11148: int(6) unsigned zerofill NOT NULL DEFAULT '000000' (the value as shown)
            + "  `f` int(4) unsigned zerofill DEFAULT '0012',\n"
            + "  `g` bigint(20) DEFAULT '-5',\n"
            + "  `h` bigint(20) unsigned DEFAULT NULL,\n"
            + "  PRIMARY KEY (`e`)\n"
            // 5.5 show_check.result:357: DEFAULT CHARSET=latin1 and no COLLATE for a default collation
            + ") ENGINE=InnoDB DEFAULT CHARSET=latin1";

    @Test
    void integer_defaults_are_quoted_in_every_line_and_display_widths_end_with_8_0() throws Exception {
        assertThat(show("t_int", Dialect.MYSQL_5_5)).isEqualTo(T_INT_5);
        assertThat(show("t_int", Dialect.MYSQL_5_6)).isEqualTo(T_INT_5);
        assertThat(show("t_int", Dialect.MYSQL_5_7)).isEqualTo(T_INT_5);
        // 8.0 type_year.result:222 `c1` year DEFAULT NULL; create.result:2835 `f` tinyint(1): widths only with
        // ZEROFILL and on TINYINT(1)
        String eight = "CREATE TABLE `t_int` (\n"
                + "  `a` tinyint DEFAULT NULL,\n"
                + "  `b` tinyint unsigned NOT NULL DEFAULT '7',\n"
                + "  `c` smallint(3) unsigned zerofill DEFAULT NULL,\n"
                + "  `d` mediumint unsigned DEFAULT NULL,\n"
                + "  `e` int NOT NULL AUTO_INCREMENT,\n"
                + "  `f` int(4) unsigned zerofill DEFAULT '0012',\n"
                + "  `g` bigint DEFAULT '-5',\n"
                + "  `h` bigint unsigned DEFAULT NULL,\n"
                + "  PRIMARY KEY (`e`)\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=latin1";
        assertThat(show("t_int", Dialect.MYSQL_8_0)).isEqualTo(eight);
        assertThat(show("t_int", Dialect.MYSQL_8_4)).isEqualTo(eight);
    }

    @Test
    void timestamps_follow_each_lines_automatic_and_fractional_rules() throws Exception {
        // 5.5 show_check.result:346 timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP;
        // 5.5 has no fractional seconds and sets one TIMESTAMP column automatically: the rest is left out (and
        // a nullable column left without its default shows DEFAULT NULL, as 5.5 prints such a column)
        TableDefinition t = fixture("t_time");
        assertThat(DdlWriter.createTable(t, Dialect.MYSQL_5_5)).isEqualTo("CREATE TABLE `t_time` (\n"
                + "  `a` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n"
                + "  `b` timestamp NULL DEFAULT NULL,\n"
                + "  `c` datetime DEFAULT '2020-01-02 03:04:05',\n"
                + "  `d` datetime DEFAULT NULL,\n"
                + "  `e` date DEFAULT '2001-02-03',\n"
                + "  `f` time DEFAULT '10:11:12',\n"
                + "  `g` year(4) DEFAULT '2024',\n"
                + "  `h` timestamp NOT NULL DEFAULT '2000-01-01 00:00:00'\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=latin1");
        assertThat(DdlWriter.write(t, Dialect.MYSQL_5_5))
                .contains("-- t_time: column b: MySQL 5.5 has no fractional seconds (5.6.4): timestamp(3) written as "
                        + "timestamp\n")
                .contains("-- t_time: column b: DEFAULT CURRENT_TIMESTAMP left out: MySQL 5.5 sets only one TIMESTAMP "
                        + "column (a) automatically\n")
                .contains("-- t_time: column d: DEFAULT CURRENT_TIMESTAMP on a DATETIME needs MySQL 5.6.5: left out\n")
                .contains("-- t_time: column f: default '10:11:12.34' written without its fraction\n")
                .contains("-- t_time: column h: ON UPDATE CURRENT_TIMESTAMP left out: MySQL 5.5 sets only one "
                        + "TIMESTAMP column (a) automatically\n");
        // 5.6 type_temporal_fractional.result:13799 timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE
        // CURRENT_TIMESTAMP(3)
        String fractional = "CREATE TABLE `t_time` (\n"
                + "  `a` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n"
                + "  `b` timestamp(3) NULL DEFAULT CURRENT_TIMESTAMP(3),\n"
                + "  `c` datetime DEFAULT '2020-01-02 03:04:05',\n"
                + "  `d` datetime(6) DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),\n"
                + "  `e` date DEFAULT '2001-02-03',\n"
                + "  `f` time(2) DEFAULT '10:11:12.34',\n"
                + "  `g` year(4) DEFAULT '2024',\n"
                + "  `h` timestamp NOT NULL DEFAULT '2000-01-01 00:00:00' ON UPDATE CURRENT_TIMESTAMP\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=latin1";
        assertThat(DdlWriter.write(t, Dialect.MYSQL_5_6)).isEqualTo(String.join("\n", t.notes().stream()
                .map(n -> "-- t_time: " + n).toList()) + "\n" + fractional + ";\n");
        assertThat(DdlWriter.createTable(t, Dialect.MYSQL_5_7)).isEqualTo(fractional);
        assertThat(DdlWriter.createTable(t, Dialect.MYSQL_8_0)).isEqualTo(fractional.replace("year(4)", "year"));
    }

    @Test
    void text_and_blob_columns_get_no_default_null_and_collations_print_as_each_line_prints_them()
            throws Exception {
        // t_str: MyISAM, DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci (the 5.x default of utf8mb4, not 8.0's)
        String five = "CREATE TABLE `t_str` (\n"
                + "  `a` varchar(20) DEFAULT 'x''y',\n"
                + "  `b` varchar(300) NOT NULL,\n"
                // 5.7 create.result:699 CHARACTER SET utf8 COLLATE utf8_bin (charset: differs from the table's;
                // COLLATE: not the charset's default)
                + "  `c` char(10) CHARACTER SET latin1 COLLATE latin1_bin DEFAULT NULL,\n"
                + "  `d` varbinary(16) DEFAULT NULL,\n"
                + "  `e` binary(4) DEFAULT 'ab\\0\\0',\n"
                // 5.5 type_blob.result:367 `a` text, — no DEFAULT NULL on TEXT/BLOB
                + "  `f` text,\n"
                + "  `g` mediumtext CHARACTER SET utf8,\n"
                + "  `h` blob,\n"
                + "  `i` longblob,\n"
                + "  `j` tinytext COMMENT 'tt',\n"
                + "  `k` enum('a','b','c,d') DEFAULT 'b',\n"
                + "  `l` set('x','y','z') DEFAULT 'x,z',\n"
                + "  `m` enum('a','b','c,d') NOT NULL,\n"
                + "  `n` char(5) CHARACTER SET ucs2 DEFAULT NULL,\n"
                + "  `o` enum('p','q') CHARACTER SET ucs2 DEFAULT NULL,\n"
                + "  `p` varchar(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL,\n"
                + "  UNIQUE KEY `c` (`c`),\n"
                + "  KEY `k_b` (`b`(100)) COMMENT 'prefix index',\n"
                + "  FULLTEXT KEY `ft` (`f`)\n"
                + ") ENGINE=MyISAM DEFAULT CHARSET=utf8mb4 COMMENT='table comment here'";
        assertThat(show("t_str", Dialect.MYSQL_5_5)).isEqualTo(five);
        assertThat(show("t_str", Dialect.MYSQL_5_7)).isEqualTo(five);
        // 8.0: utf8mb4_general_ci is no longer utf8mb4's default, so COLLATE is printed (create.result:52 prints
        // COLLATE=utf8mb4_0900_ai_ci, the default, too); utf8mb3 spelled out (create.result:713); a column that
        // differs from the table names both CHARACTER SET and COLLATE
        String eight = "CREATE TABLE `t_str` (\n"
                + "  `a` varchar(20) COLLATE utf8mb4_general_ci DEFAULT 'x''y',\n"
                + "  `b` varchar(300) COLLATE utf8mb4_general_ci NOT NULL,\n"
                + "  `c` char(10) CHARACTER SET latin1 COLLATE latin1_bin DEFAULT NULL,\n"
                + "  `d` varbinary(16) DEFAULT NULL,\n"
                + "  `e` binary(4) DEFAULT 'ab\\0\\0',\n"
                + "  `f` text COLLATE utf8mb4_general_ci,\n"
                + "  `g` mediumtext CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci,\n"
                + "  `h` blob,\n"
                + "  `i` longblob,\n"
                + "  `j` tinytext COLLATE utf8mb4_general_ci COMMENT 'tt',\n"
                + "  `k` enum('a','b','c,d') COLLATE utf8mb4_general_ci DEFAULT 'b',\n"
                + "  `l` set('x','y','z') COLLATE utf8mb4_general_ci DEFAULT 'x,z',\n"
                + "  `m` enum('a','b','c,d') COLLATE utf8mb4_general_ci NOT NULL,\n"
                + "  `n` char(5) CHARACTER SET ucs2 COLLATE ucs2_general_ci DEFAULT NULL,\n"
                + "  `o` enum('p','q') CHARACTER SET ucs2 COLLATE ucs2_general_ci DEFAULT NULL,\n"
                + "  `p` varchar(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL,\n"
                + "  UNIQUE KEY `c` (`c`),\n"
                + "  KEY `k_b` (`b`(100)) COMMENT 'prefix index',\n"
                + "  FULLTEXT KEY `ft` (`f`)\n"
                + ") ENGINE=MyISAM DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='table comment here'";
        assertThat(show("t_str", Dialect.MYSQL_8_0)).isEqualTo(eight);
        assertThat(show("t_str", Dialect.MYSQL_8_4)).isEqualTo(eight);
    }

    @Test
    void a_non_default_table_collation_is_printed_and_columns_of_it_name_only_their_collation() throws Exception {
        // t_cs2: DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci; a, d of the table's collation; b utf8mb4
        // (utf8mb4_general_ci); c utf8mb4_bin
        String five = "CREATE TABLE `t_cs2` (\n"
                + "  `a` varchar(5) COLLATE utf8mb4_unicode_ci DEFAULT NULL,\n"
                + "  `b` varchar(5) CHARACTER SET utf8mb4 DEFAULT NULL,\n"
                + "  `c` varchar(5) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL,\n"
                + "  `d` varchar(5) COLLATE utf8mb4_unicode_ci DEFAULT NULL\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci";
        assertThat(show("t_cs2", Dialect.MYSQL_5_5)).isEqualTo(five);
        assertThat(show("t_cs2", Dialect.MYSQL_5_6)).isEqualTo(five);
        assertThat(show("t_cs2", Dialect.MYSQL_8_4)).isEqualTo(five.replace("CHARACTER SET utf8mb4 DEFAULT",
                "CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci DEFAULT"));
        assertThat(show("t_cs1", Dialect.MYSQL_5_7)).isEqualTo(show("t_cs1", Dialect.MYSQL_8_0))
                .isEqualTo("CREATE TABLE `t_cs1` (\n"
                        + "  `a` varchar(5) DEFAULT NULL,\n"
                        + "  `b` varchar(5) DEFAULT NULL,\n"
                        + "  `c` varchar(5) CHARACTER SET latin1 COLLATE latin1_bin DEFAULT NULL\n"
                        + ") ENGINE=InnoDB DEFAULT CHARSET=latin1");
    }

    @Test
    void partitions_are_wrapped_in_a_version_comment_with_bare_partition_names() throws Exception {
        // 5.7 partition_range.result:196-198 and 8.0 partition_range.result:190-191: ") ENGINE=…\n/*!50100
        // PARTITION BY RANGE (…)\n(PARTITION p0 VALUES LESS THAN MAXVALUE ENGINE = InnoDB) */"; 8.0 quotes the
        // expression's columns, 5.x showed the expression as typed, which the file does not keep
        String partitions = "\n/*!50100 PARTITION BY RANGE (`a`)\n"
                + "(PARTITION p0 VALUES LESS THAN (10) ENGINE = InnoDB,\n"
                + " PARTITION p1 VALUES LESS THAN MAXVALUE ENGINE = InnoDB) */";
        assertThat(show("t_part", Dialect.MYSQL_5_5)).isEqualTo("CREATE TABLE `t_part` (\n"
                + "  `a` int(11) DEFAULT NULL,\n"
                + "  `b` int(11) DEFAULT NULL\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=latin1" + partitions);
        assertThat(show("t_part", Dialect.MYSQL_8_0)).isEqualTo("CREATE TABLE `t_part` (\n"
                + "  `a` int DEFAULT NULL,\n"
                + "  `b` int DEFAULT NULL\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=latin1" + partitions);
        assertThat(DdlWriter.createTable(fixture("t_part"))).contains("(PARTITION `p0` VALUES").doesNotContain("/*!");
    }

    @Test
    void descending_and_invisible_keys_exist_from_8_0_and_are_named_before() throws Exception {
        // 8.0 desc_index_innodb.result:12 KEY `a_desc_b_asc` (`a` DESC,`b`); invisible_indexes.result:109
        // KEY `b` (`b`) /*!80000 INVISIBLE */
        assertThat(show("t_desc", Dialect.MYSQL_8_0)).isEqualTo("CREATE TABLE `t_desc` (\n"
                + "  `a` int DEFAULT NULL,\n"
                + "  `b` int DEFAULT NULL,\n"
                + "  UNIQUE KEY `u` (`b`) /*!80000 INVISIBLE */,\n"
                + "  KEY `a` (`a` DESC,`b`)\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=latin1");
        assertThat(DdlWriter.write(fixture("t_desc"), Dialect.MYSQL_5_7)).contains("CREATE TABLE `t_desc` (\n"
                + "  `a` int(11) DEFAULT NULL,\n"
                + "  `b` int(11) DEFAULT NULL,\n"
                + "  UNIQUE KEY `u` (`b`),\n"
                + "  KEY `a` (`a`,`b`)\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=latin1;\n")
                .contains("-- t_desc: key a: MySQL 5.7 has no descending key parts (8.0): ascending here\n")
                .contains("-- t_desc: key u is ignored by the optimizer (invisible); MySQL 5.7 has no invisible "
                        + "indexes (8.0): visible here\n");
        // MEMORY keys keep USING HASH (5.5 show_check.result prints USING BTREE/HASH after the parts); SPATIAL
        // keys and 5.7 gis.result:2476 `g` geometry DEFAULT NULL
        assertThat(show("t_opts", Dialect.MYSQL_5_6)).isEqualTo("CREATE TABLE `t_opts` (\n"
                + "  `a` int(11) NOT NULL,\n"
                + "  `b` int(11) DEFAULT NULL,\n"
                + "  PRIMARY KEY (`a`),\n"
                + "  KEY `b` (`b`) USING HASH\n"
                + ") ENGINE=MEMORY DEFAULT CHARSET=latin1 MIN_ROWS=10 MAX_ROWS=100 AVG_ROW_LENGTH=50 CHECKSUM=1 "
                + "COMMENT='x'");
        assertThat(show("t_geo", Dialect.MYSQL_5_7)).isEqualTo("CREATE TABLE `t_geo` (\n"
                + "  `a` geometry NOT NULL,\n"
                + "  `b` point DEFAULT NULL,\n"
                + "  `c` polygon DEFAULT NULL,\n"
                + "  SPATIAL KEY `a` (`a`)\n"
                + ") ENGINE=MyISAM DEFAULT CHARSET=latin1");
    }

    @Test
    void generated_columns_defaults_and_checks_appear_where_the_line_has_them() throws Exception {
        // 5.7 gcol_column_def_options_innodb.result:93 GENERATED ALWAYS AS ((`a` + 1)) STORED; 5.7 prints no
        // introducers, 8.0 does (gcol … concat(_utf16'…',`a`)); 8.0 check_constraints.result:29 column checks as
        // CONSTRAINT `t1_chk_1` CHECK ((`f1` < 10)); check_constraints.result:2818 DEFAULT (curdate())
        assertThat(show("t_gen", Dialect.MYSQL_5_7)).isEqualTo("CREATE TABLE `t_gen` (\n"
                + "  `a` int(11) DEFAULT NULL,\n"
                + "  `b` int(11) GENERATED ALWAYS AS ((`a` + 1)) VIRTUAL,\n"
                + "  `c` varchar(20) GENERATED ALWAYS AS (concat('x',`a`)) STORED,\n"
                + "  `d` int(11) DEFAULT NULL,\n"
                + "  `e` int(11) DEFAULT NULL,\n"
                + "  `f` bit(3) DEFAULT b'101',\n"
                + "  `g` bit(10) DEFAULT NULL,\n"
                + "  `h` int(11) DEFAULT NULL,\n"
                + "  KEY `b` (`b`)\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=latin1");
        assertThat(show("t_gen", Dialect.MYSQL_8_0)).isEqualTo("CREATE TABLE `t_gen` (\n"
                + "  `a` int DEFAULT NULL,\n"
                + "  `b` int GENERATED ALWAYS AS ((`a` + 1)) VIRTUAL,\n"
                + "  `c` varchar(20) GENERATED ALWAYS AS (concat(_utf8mb4'x',`a`)) STORED,\n"
                + "  `d` int DEFAULT ((`a` * 2)),\n"
                + "  `e` int DEFAULT NULL,\n"
                + "  `f` bit(3) DEFAULT b'101',\n"
                + "  `g` bit(10) DEFAULT NULL,\n"
                + "  `h` int DEFAULT NULL,\n"
                + "  KEY `b` (`b`),\n"
                + "  CONSTRAINT `t_gen_chk_1` CHECK ((`e` > 0)),\n"
                + "  CONSTRAINT `chk1` CHECK ((`a` < 100))\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=latin1");
        String five = DdlWriter.write(fixture("t_gen"), Dialect.MYSQL_5_6);
        assertThat(five).contains("  `b` int(11) DEFAULT NULL,\n").contains("  `d` int(11) DEFAULT NULL,\n")
                .contains("-- t_gen: column b: generated columns need MySQL 5.7; written as a plain column (it was "
                        + "GENERATED ALWAYS AS (`a` + 1) VIRTUAL)\n")
                .contains("-- t_gen: column d: MySQL 5.6 has no expression defaults (8.0.13): DEFAULT (`a` * 2) left "
                        + "out\n")
                .contains("-- t_gen: MySQL 5.6 parses CHECK constraints and drops them (kept from 8.0.16): left out: "
                        + "column e CHECK (`e` > 0); chk1 CHECK (`a` < 100)\n")
                .doesNotContain("CHECK ((");
    }

    @Test
    void persistent_statistics_options_exist_from_5_6() throws Exception {
        TableDefinition t = fixture("u_kbs");
        // 5.6 suite/innodb/r/innodb-index-online.result:46 ) ENGINE=InnoDB DEFAULT CHARSET=latin1 STATS_PERSISTENT=0;
        // the option order is the one all lines share (5.5 show_check.result:357)
        assertThat(DdlWriter.createTable(t, Dialect.MYSQL_5_6)).endsWith(") ENGINE=MyISAM DEFAULT CHARSET=latin1 "
                + "PACK_KEYS=1 STATS_PERSISTENT=0 DELAY_KEY_WRITE=1 ROW_FORMAT=DYNAMIC KEY_BLOCK_SIZE=2");
        assertThat(DdlWriter.write(t, Dialect.MYSQL_5_5)).contains(") ENGINE=MyISAM DEFAULT CHARSET=latin1 "
                + "PACK_KEYS=1 DELAY_KEY_WRITE=1 ROW_FORMAT=DYNAMIC KEY_BLOCK_SIZE=2;\n")
                .contains("-- u_kbs: MySQL 5.5 has no persistent statistics options (5.6): STATS_PERSISTENT=0 left "
                        + "out\n");
    }
}
