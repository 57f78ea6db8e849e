package io.dbrecover.mysql.ddl;

import io.dbrecover.core.report.TerminalText;
import io.dbrecover.mysql.model.ViewDefinition;

/**
 * Writes a view definition as CREATE VIEW in the style of MariaDB 10.11's {@code SHOW CREATE VIEW}:
 * {@code CREATE ALGORITHM=… DEFINER=`u`@`h` SQL SECURITY … VIEW `v` AS select … [WITH … CHECK OPTION]}.
 *
 * <p>The query is printed as the file stores it. The server qualifies table names with the database they were
 * in when the view was created, so the statement is meant to be run in a database of the same name.
 */
public final class ViewDdlWriter {
    private ViewDdlWriter() {
    }

    /** The statement with its note comments and the final {@code ;}. */
    public static String write(ViewDefinition v) {
        StringBuilder sb = new StringBuilder();
        for (String note : v.notes()) {
            // a note may quote the file: one comment line, whatever it holds
            sb.append("-- ").append(TerminalText.escapeLine(v.name() + ": " + note)).append('\n');
        }
        return sb.append(createView(v, null)).append(";\n").toString();
    }

    /**
     * The bare statement without the final {@code ;}, as SHOW CREATE VIEW prints it.
     *
     * @param database the database to qualify the view name with (SHOW does so when the view is not in the
     *        current database), or {@code null} for the bare name
     */
    public static String createView(ViewDefinition v, String database) {
        StringBuilder sb = new StringBuilder("CREATE ALGORITHM=").append(v.algorithm().name());
        if (v.hasDefiner()) {
            sb.append(" DEFINER=").append(DdlWriter.id(v.definerUser())).append('@')
                    .append(DdlWriter.id(v.definerHost()));
        }
        sb.append(" SQL SECURITY ").append(v.security().name()).append(" VIEW ");
        if (database != null) {
            sb.append(DdlWriter.id(database)).append('.');
        }
        sb.append(DdlWriter.id(v.name())).append(" AS ").append(v.query());
        switch (v.checkOption()) {
            case LOCAL -> sb.append(" WITH LOCAL CHECK OPTION");
            case CASCADED -> sb.append(" WITH CASCADED CHECK OPTION");
            default -> { }
        }
        return sb.toString();
    }
}
