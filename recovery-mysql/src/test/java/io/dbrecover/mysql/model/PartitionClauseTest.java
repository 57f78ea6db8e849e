package io.dbrecover.mysql.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The partition clauses servers store pass; damaged ones that still balance do not. */
class PartitionClauseTest {
    static final List<Column> COLUMNS = List.of(
            Column.of("a", DataType.simple(ColumnType.INT, 11, -1, 0, false, false), false, ColumnDefault.NONE),
            Column.of("d", DataType.simple(ColumnType.DATE, 0, -1, 0, false, false), false, ColumnDefault.NONE),
            Column.of("f", DataType.simple(ColumnType.DOUBLE, 0, -1, 0, false, false), true, ColumnDefault.NULL));

    @Test
    void clausesAsServersStoreThemPass() {
        for (String c : List.of(
                "PARTITION BY RANGE (`a`)\n(PARTITION `p0` VALUES LESS THAN (10) ENGINE = InnoDB,\n"
                        + " PARTITION `p1` VALUES LESS THAN MAXVALUE ENGINE = InnoDB)",
                "PARTITION BY LIST (`a`)\n(PARTITION `odd` VALUES IN (1,3,5) ENGINE = MyISAM,\n"
                        + " PARTITION `other` DEFAULT ENGINE = MyISAM)",
                "PARTITION BY RANGE (year(`d`))\nSUBPARTITION BY HASH (to_days(`d`))\nSUBPARTITIONS 2\n"
                        + "(PARTITION `p0` VALUES LESS THAN (1990) ENGINE = InnoDB)",
                "PARTITION BY KEY ALGORITHM = 2 (`a`)\nPARTITIONS 2",
                "PARTITION BY LINEAR HASH (`a` DIV 10)\nPARTITIONS 3",
                "PARTITION BY RANGE  COLUMNS(`a`,`d`)\n(PARTITION `p0` VALUES LESS THAN (10,'2024-01-01') "
                        + "COMMENT = 'first' ENGINE = InnoDB,\n PARTITION `p1` VALUES LESS THAN (MAXVALUE,MAXVALUE) "
                        + "ENGINE = InnoDB)",
                "PARTITION BY SYSTEM_TIME INTERVAL 1 MONTH STARTS TIMESTAMP'2024-01-01 00:00:00'\n"
                        + "(PARTITION `p0` HISTORY ENGINE = InnoDB,\n PARTITION `pn` CURRENT ENGINE = InnoDB)",
                " PARTITION BY RANGE (TO_DAYS(d))\n(PARTITION p20181029 VALUES LESS THAN (737361) ENGINE = MyISAM)")) {
            assertThat(PartitionClause.problem(c.strip(), COLUMNS)).as(c).isNull();
        }
    }

    @Test
    void damagedClausesThatStillBalanceAreRefused() {
        assertThat(PartitionClause.problem("PARTITIOM BY RANGE (`a`)", COLUMNS)).contains("expected PARTITION");
        assertThat(PartitionClause.problem("PARTITION BY RANGE (yeas(`d`))", COLUMNS))
                .contains("'yeas' is neither a column");
        assertThat(PartitionClause.problem("PARTITION BY HASH (`gone`)", COLUMNS)).contains("`gone`");
        assertThat(PartitionClause.problem("PARTITION BY RANGE (`a`) (PARTITION `p0` VALUES LESS THAN (10) "
                + "ENGINE = IonoDB)", COLUMNS)).contains("IonoDB");
        assertThat(PartitionClause.problem("PARTITION BY HASH (`f`)", COLUMNS)).contains("no integer");
        assertThat(PartitionClause.problem("PARTITION BY LIST  COLUMNS(`f`) (PARTITION `p` VALUES IN (1))",
                COLUMNS)).contains("COLUMNS partitioning by the double column");
        assertThat(PartitionClause.problem("PARTITION BY LIST (`a`) (PARTITION `p` VALUES IN (0h62))", COLUMNS))
                .contains("no number");
    }
}
