package io.dbrecover.mysql.sdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.model.ColumnType;
import io.dbrecover.mysql.model.DataType;
import io.dbrecover.mysql.model.TableDefinition;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Hand-written SDI table documents (the fields MySQL 8 writes) mapped to the model and rendered. */
class SdiTablesTest {
    private static final Path FILE = Path.of("child.ibd");

    private static String column(String name, int opx, String type, int hidden, String extra) {
        return "{\"name\":\"" + name + "\",\"hidden\":" + hidden + ",\"ordinal_position\":" + (opx + 1)
                + ",\"column_type_utf8\":\"" + type + "\",\"collation_id\":255,\"is_nullable\":false,"
                + "\"is_virtual\":false,\"is_auto_increment\":false,\"has_no_default\":true,"
                + "\"default_value_utf8_null\":true,\"default_value_utf8\":\"\",\"default_option\":\"\","
                + "\"update_option\":\"\",\"comment\":\"\",\"generation_expression_utf8\":\"\",\"char_length\":"
                + (type.startsWith("varchar") ? 400 : 11) + extra + "}";
    }

    private static final String DOC = "{\"mysqld_version_id\":80031,\"dd_object_type\":\"Table\",\"dd_object\":{"
            + "\"name\":\"child\",\"schema_ref\":\"shop\",\"engine\":\"InnoDB\",\"collation_id\":255,"
            + "\"comment\":\"line items\",\"options\":\"avg_row_length=0;key_block_size=0;stats_auto_recalc=2;"
            + "row_type=2;\",\"columns\":["
            + column("id", 0, "bigint unsigned", 1, ",\"is_auto_increment\":true") + ","
            + column("parent_id", 1, "int", 1, "") + ","
            + column("note", 2, "varchar(100)", 1, ",\"is_nullable\":true,\"has_no_default\":false,"
                    + "\"default_value_utf8_null\":false,\"default_value_utf8\":\"it's\",\"comment\":\"free text\"")
            + ","
            + column("kind", 3, "enum('a','b''c')", 4, ",\"has_no_default\":false,\"default_value_utf8_null\":false,"
                    + "\"default_value_utf8\":\"a\"") + ","
            + column("changed", 4, "timestamp(3)", 1, ",\"has_no_default\":false,"
                    + "\"default_option\":\"CURRENT_TIMESTAMP(3)\",\"update_option\":\"CURRENT_TIMESTAMP(3)\"")
            + ","
            + column("twice", 5, "bigint", 1, ",\"is_nullable\":true,\"is_virtual\":true,"
                    + "\"generation_expression_utf8\":\"(`parent_id` * 2)\"") + ","
            + column("DB_TRX_ID", 6, "", 2, "") + ","
            + column("DB_ROLL_PTR", 7, "", 2, "")
            + "],\"indexes\":["
            + "{\"name\":\"PRIMARY\",\"type\":1,\"hidden\":false,\"comment\":\"\",\"options\":\"flags=0;\","
            + "\"elements\":[{\"column_opx\":0,\"length\":8,\"order\":2,\"hidden\":false},"
            + "{\"column_opx\":6,\"length\":4294967295,\"order\":2,\"hidden\":true}]},"
            + "{\"name\":\"by_parent\",\"type\":3,\"hidden\":false,\"comment\":\"\",\"options\":\"flags=0;\","
            + "\"elements\":[{\"column_opx\":1,\"length\":4,\"order\":3,\"hidden\":false},"
            + "{\"column_opx\":2,\"length\":40,\"order\":2,\"hidden\":false}]}],"
            + "\"foreign_keys\":[{\"name\":\"child_ibfk_1\",\"update_rule\":1,\"delete_rule\":3,"
            + "\"referenced_table_schema_name\":\"shop\",\"referenced_table_name\":\"parent\","
            + "\"elements\":[{\"column_opx\":1,\"referenced_column_name\":\"id\"}]}],"
            + "\"partitions\":[],\"check_constraints\":[]}}";

    @Test
    void a_table_document_becomes_create_table_with_its_foreign_key() {
        TableDefinition t = SdiTables.table(FILE, new SdiReader.Document(1, 1, DOC));
        String sql = DdlWriter.createTable(t);
        System.out.println(sql);
        assertThat(t.columns()).extracting(c -> c.name())
                .containsExactly("id", "parent_id", "note", "kind", "changed", "twice");
        assertThat(sql).isEqualTo("CREATE TABLE `child` (\n"
                + "  `id` bigint unsigned NOT NULL AUTO_INCREMENT,\n"
                + "  `parent_id` int NOT NULL,\n"
                + "  `note` varchar(100) DEFAULT 'it''s' COMMENT 'free text',\n"
                + "  `kind` enum('a','b''c') NOT NULL INVISIBLE DEFAULT 'a',\n"
                + "  `changed` timestamp(3) NOT NULL DEFAULT current_timestamp(3) ON UPDATE current_timestamp(3),\n"
                + "  `twice` bigint GENERATED ALWAYS AS ((`parent_id` * 2)) VIRTUAL,\n"
                + "  PRIMARY KEY (`id`),\n"
                + "  KEY `by_parent` (`parent_id` DESC,`note`(10)),\n"
                + "  CONSTRAINT `child_ibfk_1` FOREIGN KEY (`parent_id`) REFERENCES `parent` (`id`) "
                + "ON DELETE CASCADE\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_nopad_ai_ci STATS_AUTO_RECALC=0 "
                + "ROW_FORMAT=DYNAMIC COMMENT='line items'");
    }

    private static String withTail(String tail) {
        return DOC.replace("\"partitions\":[],\"check_constraints\":[]", tail);
    }

    private static String partition(String name, String description, String extra) {
        return "{\"name\":\"" + name + "\",\"number\":0,\"description_utf8\":\"" + description
                + "\",\"engine\":\"InnoDB\",\"comment\":\"\",\"options\":\"\"" + extra + "}";
    }

    @Test
    void a_range_partitioned_document_gets_its_partition_clause() {
        String doc = withTail("\"partition_type\":7,\"partition_expression_utf8\":\"(`parent_id` div 10)\","
                + "\"default_partitioning\":1,\"subpartition_type\":0,\"default_subpartitioning\":0,"
                + "\"partitions\":[" + partition("p0", "10", "") + ","
                + partition("p max", "MAXVALUE", ",\"comment\":\"the rest\"") + "],\"check_constraints\":[]");
        TableDefinition t = SdiTables.table(FILE, new SdiReader.Document(1, 1, doc));
        assertThat(t.partitionClause()).isEqualTo("PARTITION BY RANGE ((`parent_id` div 10))\n"
                + "(PARTITION `p0` VALUES LESS THAN (10) ENGINE = InnoDB,\n"
                + " PARTITION `p max` VALUES LESS THAN MAXVALUE COMMENT = 'the rest' ENGINE = InnoDB)");
        assertThat(DdlWriter.createTable(t)).endsWith("COMMENT='line items'\n PARTITION BY RANGE ((`parent_id` div "
                + "10))\n(PARTITION `p0` VALUES LESS THAN (10) ENGINE = InnoDB,\n PARTITION `p max` VALUES LESS THAN "
                + "MAXVALUE COMMENT = 'the rest' ENGINE = InnoDB)");
        assertThat(t.notes()).noneMatch(n -> n.contains("partition"));
    }

    @Test
    void hash_key_columns_and_subpartitioned_documents_render_their_methods() {
        String hash = withTail("\"partition_type\":4,\"partition_expression_utf8\":\"`parent_id`\","
                + "\"default_partitioning\":3,\"partitions\":[" + partition("p0", "", "") + ","
                + partition("p1", "", "") + "," + partition("p2", "", "") + "],\"check_constraints\":[]");
        assertThat(SdiTables.table(FILE, new SdiReader.Document(1, 1, hash)).partitionClause())
                .isEqualTo("PARTITION BY LINEAR HASH (`parent_id`)\nPARTITIONS 3");
        String list = withTail("\"partition_type\":10,\"partition_expression_utf8\":\"`note`,`parent_id`\","
                + "\"default_partitioning\":1,\"partitions\":[" + partition("a", "('x',1),('y',2)", "")
                + "],\"check_constraints\":[]");
        assertThat(SdiTables.table(FILE, new SdiReader.Document(1, 1, list)).partitionClause())
                .isEqualTo("PARTITION BY LIST COLUMNS(`note`,`parent_id`)\n(PARTITION `a` VALUES IN (('x',1),('y',2))"
                        + " ENGINE = InnoDB)");
        String sub = withTail("\"partition_type\":7,\"partition_expression_utf8\":\"`parent_id`\","
                + "\"default_partitioning\":1,\"subpartition_type\":3,\"subpartition_expression_utf8\":\"`id`\","
                + "\"default_subpartitioning\":1,\"partitions\":[" + partition("p0", "100",
                        ",\"subpartitions\":[" + partition("s0", "", "") + "," + partition("s1", "", "") + "]")
                + "],\"check_constraints\":[]");
        assertThat(SdiTables.table(FILE, new SdiReader.Document(1, 1, sub)).partitionClause())
                .isEqualTo("PARTITION BY RANGE (`parent_id`)\nSUBPARTITION BY KEY (`id`)\n"
                        + "(PARTITION `p0` VALUES LESS THAN (100) ENGINE = InnoDB\n"
                        + " (SUBPARTITION `s0` ENGINE = InnoDB,\n  SUBPARTITION `s1` ENGINE = InnoDB))");
        String unknown = withTail("\"partition_type\":42,\"partitions\":[],\"check_constraints\":[]");
        assertThatThrownBy(() -> SdiTables.table(FILE, new SdiReader.Document(1, 1, unknown)))
                .isInstanceOfSatisfying(RecoveryException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_INPUT));
    }

    @Test
    void enforced_check_constraints_are_written_and_not_enforced_ones_are_only_noted() {
        String doc = withTail("\"partitions\":[],\"check_constraints\":["
                + "{\"name\":\"child_chk_1\",\"state\":2,\"check_clause_utf8\":\"(`parent_id` > 0)\"},"
                + "{\"name\":\"loose\",\"state\":1,\"check_clause_utf8\":\"(`id` < 5)\"}]");
        TableDefinition t = SdiTables.table(FILE, new SdiReader.Document(1, 1, doc));
        assertThat(DdlWriter.createTable(t)).contains("ON DELETE CASCADE,\n  CONSTRAINT `child_chk_1` CHECK "
                + "((`parent_id` > 0))\n) ENGINE=InnoDB");
        assertThat(t.notes()).anyMatch(n -> n.contains("loose") && n.contains("NOT ENFORCED"));
    }

    @Test
    void types_the_model_has_no_place_for_are_carried_as_text() {
        DataType t = SdiTables.type("vector(3)", null);
        assertThat(t.type()).isEqualTo(ColumnType.EXTENDED);
        assertThat(DdlWriter.type(t)).isEqualTo("vector(3)");
        assertThat(DdlWriter.type(SdiTables.type("decimal(10,2) unsigned zerofill", null)))
                .isEqualTo("decimal(10,2) unsigned zerofill");
        assertThat(SdiTables.type("point", null).geometry()).isNotNull();
    }

    @Test
    void broken_json_and_inconsistent_documents_are_typed_errors() {
        for (String doc : new String[] {"{", "{\"dd_object\":[]}", DOC.replace("\"column_opx\":1,\"length\":4",
                "\"column_opx\":99,\"length\":4"), DOC.substring(0, DOC.length() - 3), "[" .repeat(500)}) {
            assertThatThrownBy(() -> SdiTables.table(FILE, new SdiReader.Document(1, 1, doc)))
                    .isInstanceOfSatisfying(RecoveryException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_INPUT));
        }
    }
}
