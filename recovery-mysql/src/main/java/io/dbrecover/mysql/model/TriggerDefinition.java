package io.dbrecover.mysql.model;

import java.util.Objects;

/**
 * One trigger recovered from a {@code .TRG} file.
 *
 * @param name trigger name, parsed from the statement
 * @param table the table it belongs to (from the file name)
 * @param timing BEFORE or AFTER, parsed from the statement
 * @param event INSERT, UPDATE or DELETE, parsed from the statement
 * @param statement the whole CREATE TRIGGER statement as the server stored it (with DEFINER; without FOLLOWS /
 *        PRECEDES, since the order is the order in the file), which is what {@code SHOW CREATE TRIGGER} prints
 * @param sqlMode the sql_mode bits in force at creation (the statement must be run under them: ANSI_QUOTES,
 *        PIPES_AS_CONCAT… change its meaning)
 * @param sqlModeNames the same as the comma-separated names the server uses
 * @param definer the definer as stored ({@code user@host}), {@code ""} when absent
 * @param clientCharset character_set_client at creation, {@code ""} when absent
 * @param connectionCollation collation_connection at creation, {@code ""} when absent
 * @param databaseCollation the database's collation at creation, {@code ""} when absent
 * @param created creation time as stored (hundredths of a second or microseconds since the epoch, depending on
 *        the writer), {@code ""} when absent
 */
public record TriggerDefinition(String name, String table, String timing, String event, String statement,
                                long sqlMode, String sqlModeNames, String definer, String clientCharset,
                                String connectionCollation, String databaseCollation, String created) {
    public TriggerDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(sqlModeNames, "sqlModeNames");
        Objects.requireNonNull(definer, "definer");
        Objects.requireNonNull(clientCharset, "clientCharset");
        Objects.requireNonNull(connectionCollation, "connectionCollation");
        Objects.requireNonNull(databaseCollation, "databaseCollation");
        Objects.requireNonNull(created, "created");
        if (name.isEmpty() || table.isEmpty()) {
            throw new IllegalArgumentException("empty trigger or table name");
        }
        if (!timing.equals("BEFORE") && !timing.equals("AFTER")) {
            throw new IllegalArgumentException("trigger " + name + ": timing " + timing);
        }
        if (!event.equals("INSERT") && !event.equals("UPDATE") && !event.equals("DELETE")) {
            throw new IllegalArgumentException("trigger " + name + ": event " + event);
        }
    }
}
