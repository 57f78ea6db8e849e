package io.dbrecover.mysql.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The partition clause in MySQL's form (docs/formats/frm.md §22.6). Expected text follows mysql-8.0.39's
 * mysql-test results: partition.result:44 {@code /*!50100 PARTITION BY KEY (a)}, partition_column.result:245
 * {@code /*!50500 PARTITION BY RANGE  COLUMNS(a,b,c,d)} and {@code SUBPARTITION BY HASH (to_seconds(`d`))},
 * partition.result:811-813 {@code (PARTITION p0 VALUES LESS THAN (1) ENGINE = InnoDB,}.
 */
class MySqlPartitionTextTest {
    @Test
    void a_range_clause_gets_the_50100_comment_and_bare_partition_names() {
        assertThat(MySqlPartitionText.wrapped("PARTITION BY RANGE (`a`)\n(PARTITION `p0` VALUES LESS THAN (10) ENGINE"
                + " = InnoDB,\n PARTITION `p1` VALUES LESS THAN MAXVALUE ENGINE = InnoDB)"))
                .isEqualTo("\n/*!50100 PARTITION BY RANGE (`a`)\n(PARTITION p0 VALUES LESS THAN (10) ENGINE = InnoDB,"
                        + "\n PARTITION p1 VALUES LESS THAN MAXVALUE ENGINE = InnoDB) */");
    }

    @Test
    void columns_partitioning_and_to_seconds_need_the_50500_comment_and_key_lists_are_bare() {
        assertThat(MySqlPartitionText.wrapped("PARTITION BY RANGE  COLUMNS(`a`,`b`)\nSUBPARTITION BY HASH "
                + "(to_seconds(`d`))\nSUBPARTITIONS 4\n(PARTITION `p0` VALUES LESS THAN (1,'x`y') ENGINE = InnoDB)"))
                .isEqualTo("\n/*!50500 PARTITION BY RANGE  COLUMNS(a,b)\nSUBPARTITION BY HASH (to_seconds(`d`))\n"
                        + "SUBPARTITIONS 4\n(PARTITION p0 VALUES LESS THAN (1,'x`y') ENGINE = InnoDB) */");
        assertThat(MySqlPartitionText.wrapped("PARTITION BY HASH (to_seconds(`d`))\nPARTITIONS 3"))
                .startsWith("\n/*!50500 ");
        assertThat(MySqlPartitionText.wrapped("PARTITION BY KEY (`a`,`b c`)\nPARTITIONS 20"))
                .isEqualTo("\n/*!50100 PARTITION BY KEY (a,`b c`)\nPARTITIONS 20 */");
        assertThat(MySqlPartitionText.wrapped("PARTITION BY LINEAR KEY ALGORITHM = 1 (`id`)\nPARTITIONS 2"))
                .contains("KEY ALGORITHM = 1 (id)");
    }

    @Test
    void names_that_need_quotes_keep_them() {
        // reserved words, names of digits only, names with other characters and a leading $ stay quoted; strings are
        // untouched
        assertThat(MySqlPartitionText.bareNames("PARTITION BY LIST (`a`)\n(PARTITION `order` VALUES IN ('`p`'),\n"
                + " PARTITION `2024` VALUES IN (2),\n PARTITION `p-1` VALUES IN (3),\n PARTITION `p_1$` VALUES IN (4),"
                + "\n PARTITION `year` VALUES IN (5),\n PARTITION `$p` VALUES IN (7),\n PARTITION `pmax` VALUES IN (6))"))
                .isEqualTo("PARTITION BY LIST (`a`)\n(PARTITION `order` VALUES IN ('`p`'),\n PARTITION `2024` VALUES IN "
                        + "(2),\n PARTITION `p-1` VALUES IN (3),\n PARTITION p_1$ VALUES IN (4),\n PARTITION `year` "
                        + "VALUES IN (5),\n PARTITION `$p` VALUES IN (7),\n PARTITION pmax VALUES IN (6))");
        assertThat(MySqlPartitionText.bareNames("PARTITION BY RANGE (`a`)\nSUBPARTITION BY HASH (`a`)\n(PARTITION `p0`"
                + " VALUES LESS THAN (5)\n (SUBPARTITION `s0` ENGINE = InnoDB,\n  SUBPARTITION `s1` ENGINE = InnoDB))"))
                .contains("(PARTITION p0 VALUES", "(SUBPARTITION s0 ENGINE", "SUBPARTITION s1 ENGINE")
                .contains("SUBPARTITION BY HASH (`a`)");
    }
}
