package io.dbrecover.mysql.frm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionTextTest {
    @Test
    void quotes_bare_columns_and_lowers_function_names_as_mariadb_reprints_old_clauses() {
        assertThat(PartitionText.reprinted("PARTITION BY HASH (TO_DAYS(a))", List.of("a")))
                .isEqualTo("PARTITION BY HASH (to_days(`a`))");
        assertThat(PartitionText.reprinted("PARTITION BY HASH (a)", List.of("A")))
                .isEqualTo("PARTITION BY HASH (`A`)");
    }

    @Test
    void quotes_partition_names_but_leaves_keywords_values_and_quoted_text_alone() {
        String stored = "PARTITION BY RANGE (TO_DAYS(`Date`))\n(PARTITION p20181029 VALUES LESS THAN (737361) "
                + "ENGINE = MyISAM,\n PARTITION `p 2` VALUES LESS THAN MAXVALUE COMMENT = 'a b' ENGINE = MyISAM)";
        assertThat(PartitionText.reprinted(stored, List.of("Date", "Data"))).isEqualTo(
                "PARTITION BY RANGE (to_days(`Date`))\n(PARTITION `p20181029` VALUES LESS THAN (737361) "
                + "ENGINE = MyISAM,\n PARTITION `p 2` VALUES LESS THAN MAXVALUE COMMENT = 'a b' ENGINE = MyISAM)");
    }

    @Test
    void keeps_column_lists_of_key_and_columns_partitioning() {
        assertThat(PartitionText.reprinted("PARTITION BY RANGE  COLUMNS(x,y)\n(PARTITION p0 VALUES LESS THAN "
                + "(1,2))", List.of("x", "y"))).isEqualTo("PARTITION BY RANGE  COLUMNS(`x`,`y`)\n(PARTITION `p0` "
                + "VALUES LESS THAN (1,2))");
        assertThat(PartitionText.reprinted("PARTITION BY KEY ()\nPARTITIONS 1", List.of("a")))
                .isEqualTo("PARTITION BY KEY ()\nPARTITIONS 1");
    }
}
