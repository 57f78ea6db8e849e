package io.dbrecover.mysql.model;

import java.util.List;
import java.util.Objects;

/**
 * A view definition recovered from a view {@code .frm} file (a text file starting {@code TYPE=VIEW}).
 *
 * @param name view name (from the file name)
 * @param query the SELECT as the server stored it after parsing (identifiers back-quoted, usually qualified with
 *        the database), which is what {@code SHOW CREATE VIEW} prints
 * @param algorithm ALGORITHM clause
 * @param definerUser user part of DEFINER; {@code ""} when the file names no definer (files from before 5.0.16)
 * @param definerHost host part of DEFINER
 * @param security SQL SECURITY clause
 * @param checkOption WITH … CHECK OPTION clause
 * @param source the statement text as the user typed it (the part after AS), {@code ""} when absent
 * @param clientCharset character_set_client at creation, {@code ""} when absent (files from before 5.1)
 * @param connectionCollation collation_connection at creation, {@code ""} when absent
 * @param writerVersion the MariaDB version id that wrote the file ({@code mariadb-version}), 0 when absent
 *        (MySQL, or MariaDB before 5.5.41 / 10.0.15)
 * @param notes what the file could not tell for sure, one sentence each
 */
public record ViewDefinition(String name, String query, Algorithm algorithm, String definerUser, String definerHost,
                             Security security, CheckOption checkOption, String source, String clientCharset,
                             String connectionCollation, long writerVersion, List<String> notes) {
    public ViewDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(definerUser, "definerUser");
        Objects.requireNonNull(definerHost, "definerHost");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(checkOption, "checkOption");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(clientCharset, "clientCharset");
        Objects.requireNonNull(connectionCollation, "connectionCollation");
        notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty view name");
        }
        if (query.isBlank()) {
            throw new IllegalArgumentException("view " + name + " has an empty query");
        }
    }

    /** True when the file names a definer. */
    public boolean hasDefiner() {
        return !definerUser.isEmpty() || !definerHost.isEmpty();
    }

    /** How the server runs the view. */
    public enum Algorithm {
        UNDEFINED, MERGE, TEMPTABLE
    }

    /** Whose privileges the view runs with. */
    public enum Security {
        DEFINER, INVOKER
    }

    /** Whether changes through the view must satisfy its WHERE clause. */
    public enum CheckOption {
        /** No check option. */
        NONE,
        /** {@code WITH LOCAL CHECK OPTION}. */
        LOCAL,
        /** {@code WITH CASCADED CHECK OPTION} (also what a bare {@code WITH CHECK OPTION} means). */
        CASCADED
    }
}
