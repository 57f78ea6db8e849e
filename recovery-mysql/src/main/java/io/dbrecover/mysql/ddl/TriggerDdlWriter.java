package io.dbrecover.mysql.ddl;

import io.dbrecover.mysql.model.TriggerDefinition;
import java.util.List;

/**
 * Writes triggers as statements the {@code mariadb} / {@code mysql} client can run from a script: each CREATE
 * TRIGGER between {@code DELIMITER} lines (its body may hold {@code ;}), under the sql_mode it was created with,
 * which is restored afterwards.
 */
public final class TriggerDdlWriter {
    private static final List<String> DELIMITERS = List.of(";;", "$$", "//", ";;;", "$$$", "///");

    private TriggerDdlWriter() {
    }

    /**
     * The statements to run one by one through an API (JDBC): save sql_mode, set the trigger's, CREATE TRIGGER
     * (no delimiter), restore sql_mode.
     */
    public static List<String> statements(TriggerDefinition t) {
        return List.of("SET @dbrecover_saved_sql_mode = @@sql_mode", setSqlMode(t), t.statement(),
                "SET sql_mode = @dbrecover_saved_sql_mode");
    }

    /** The script form, ending in a line break. */
    public static String write(TriggerDefinition t) {
        String delimiter = delimiter(t.statement());
        return "-- trigger " + DdlWriter.id(t.name()) + " " + t.timing() + " " + t.event() + " ON "
                + DdlWriter.id(t.table()) + "\n"
                + "SET @dbrecover_saved_sql_mode = @@sql_mode;\n"
                + setSqlMode(t) + ";\n"
                + "DELIMITER " + delimiter + "\n"
                + t.statement() + delimiter + "\n"
                + "DELIMITER ;\n"
                + "SET sql_mode = @dbrecover_saved_sql_mode;\n";
    }

    private static String setSqlMode(TriggerDefinition t) {
        return "SET sql_mode = " + DdlWriter.quote(t.sqlModeNames());
    }

    /** A delimiter that does not occur in the statement, so the client cannot cut the body short. */
    static String delimiter(String statement) {
        for (String d : DELIMITERS) {
            if (!statement.contains(d)) {
                return d;
            }
        }
        for (int n = 4; ; n++) {
            String d = ";".repeat(n);
            if (!statement.contains(d)) {
                return d;
            }
        }
    }
}
