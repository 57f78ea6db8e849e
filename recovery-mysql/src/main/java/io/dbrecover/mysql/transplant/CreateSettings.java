package io.dbrecover.mysql.transplant;

import io.dbrecover.mysql.model.Column;
import io.dbrecover.mysql.model.ColumnType;
import io.dbrecover.mysql.model.TableDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * The global settings under which a table must be created so that the server reads its file as written. Both are
 * global in MariaDB and read only when a table is created (or rebuilt): tables that need other values are created
 * in separate groups, each after its {@code SET GLOBAL}.
 *
 * @param oldChecksums the file has the crc32 checksums of MySQL 5.x and MariaDB before 10.5 (not full_crc32): the
 *        table needs {@code innodb_checksum_algorithm=crc32} when it is created
 * @param legacyTemporal the table's TIME/DATETIME/TIMESTAMP columns are stored in the formats of before MySQL 5.6
 *        (MariaDB 5.3's): the table needs {@code mysql56_temporal_format=OFF}, else the server creates 5.6 columns
 *        of other widths and reads every such column, and each after it, at the wrong offset
 */
record CreateSettings(boolean oldChecksums, boolean legacyTemporal) {
    /** Every combination, in the order the groups run: the defaults of today's servers last. */
    static final List<CreateSettings> ALL = List.of(new CreateSettings(true, true), new CreateSettings(true, false),
            new CreateSettings(false, true), new CreateSettings(false, false));

    static CreateSettings of(FileFacts facts, TableDefinition t) {
        return new CreateSettings(facts.oldFormat(), legacyTemporal(t));
    }

    String checksumAlgorithm() {
        return oldChecksums ? "crc32" : "full_crc32";
    }

    /** The statement that makes tables created after it take these settings. */
    String setGlobal() {
        return "SET GLOBAL innodb_checksum_algorithm=" + checksumAlgorithm() + ", mysql56_temporal_format="
                + (legacyTemporal ? "OFF" : "ON");
    }

    /** For the plan: what the group's tables are created with. */
    String describe() {
        return "innodb_checksum_algorithm=" + checksumAlgorithm() + " and mysql56_temporal_format="
                + (legacyTemporal ? "OFF (pre-5.6 temporal columns)" : "ON");
    }

    /** A short step-name part. */
    String id() {
        return checksumAlgorithm() + (legacyTemporal ? "-temporal-5.3" : "");
    }

    static boolean legacyTemporal(TableDefinition t) {
        return t.columns().stream().anyMatch(c -> temporal(c) && c.type().legacyTemporal());
    }

    /**
     * Why MariaDB cannot create a table whose columns store what the file holds, or {@code null}: a mix of pre-5.6
     * and 5.6 temporal columns (every column of a table MariaDB creates or rebuilds takes the one global format), a
     * DECIMAL or VARCHAR of before MySQL 5.0.3 (no server of today creates them).
     */
    static String unsupported(TableDefinition t) {
        List<String> legacy = new ArrayList<>();
        List<String> current = new ArrayList<>();
        List<String> ancient = new ArrayList<>();
        for (Column c : t.columns()) {
            if (c.generated() != null && !c.generated().stored()) {
                continue;
            }
            if (temporal(c)) {
                (c.type().legacyTemporal() ? legacy : current).add("`" + c.name() + "`");
            } else if (c.type().legacyTemporal()) {
                ancient.add("`" + c.name() + "` (" + c.type().type() + ")");
            }
        }
        if (!ancient.isEmpty()) {
            return "column(s) " + String.join(", ", ancient) + " are stored in the format of before MySQL 5.0.3, "
                    + "which no MariaDB of today creates";
        }
        if (!legacy.isEmpty() && !current.isEmpty()) {
            return "its temporal columns mix the format of before MySQL 5.6 (" + String.join(", ", legacy)
                    + ") and of 5.6 (" + String.join(", ", current) + "): MariaDB creates every column of a table "
                    + "in one of them";
        }
        return null;
    }

    private static boolean temporal(Column c) {
        ColumnType type = c.type().type();
        return type == ColumnType.TIME || type == ColumnType.DATETIME || type == ColumnType.TIMESTAMP;
    }
}
