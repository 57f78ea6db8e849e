package io.dbrecover.mysql.datadir;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Files of a data directory that the server made for itself rather than for a table of the user, told by their
 * names: the auxiliary tablespaces of InnoDB FULLTEXT indexes and the leftovers of an ALTER TABLE that did not
 * finish. Both look like damage to a reader that expects one {@code .frm}/{@code .ibd} pair per table; they are
 * not, and {@code mysql ddl} and {@code mysql recover} name them for what they are.
 */
public final class DataDirFiles {
    /**
     * {@code FTS_<table id>_<index id>_INDEX_<n>.ibd} and {@code FTS_<table id>_<CONFIG|DELETED|…>.ibd}: ids in 16
     * hex digits (MariaDB, MySQL 5.6/5.7 upper case; MySQL 8 writes {@code fts_…_config}, {@code fts_…_index_1}).
     */
    private static final Pattern FULLTEXT = Pattern.compile("(?i)fts_([0-9a-f]{16})_(?:([0-9a-f]{16})_index_([0-9]+)"
            + "|(being_deleted_cache|being_deleted|deleted_cache|deleted|config))\\.ibd");

    private DataDirFiles() {
    }

    /**
     * One auxiliary tablespace of an InnoDB FULLTEXT index: the index's inverted lists ({@code INDEX_1..6}, one file
     * per word range) or the table's common tables (deleted document ids, the index configuration).
     *
     * @param tableId the id of the indexed table in the InnoDB dictionary, as the 16 hex digits of the name
     * @param indexId the FULLTEXT index's id for an {@code INDEX_n} file, else {@code null}
     * @param part what the file holds: {@code INDEX_1}…, {@code CONFIG}, {@code DELETED}… (upper case)
     * @param lowerCase named in MySQL 8's lower-case style ({@code fts_…_config.ibd})
     */
    public record FulltextAuxiliary(String tableId, String indexId, String part, boolean lowerCase) {
        public FulltextAuxiliary {
            Objects.requireNonNull(tableId, "tableId");
            Objects.requireNonNull(part, "part");
        }

        /** The table id as a number (the names print it in hex). */
        public long tableIdValue() {
            return Long.parseUnsignedLong(tableId, 16);
        }

        /** The names of all files of the same table: {@code FTS_0000000000000012_*.ibd}. */
        public String pattern() {
            return (lowerCase ? "fts_" : "FTS_") + tableId + "_*.ibd";
        }
    }

    /** The FULLTEXT auxiliary tablespace a file name denotes, if it is one. */
    public static Optional<FulltextAuxiliary> fulltextAuxiliary(String fileName) {
        Matcher m = FULLTEXT.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        boolean lower = fileName.startsWith("fts_");
        String part = m.group(2) != null ? "INDEX_" + m.group(3) : m.group(4).toUpperCase(Locale.ROOT);
        return Optional.of(new FulltextAuxiliary(m.group(1).toLowerCase(Locale.ROOT),
                m.group(2) == null ? null : m.group(2).toLowerCase(Locale.ROOT), part, lower));
    }

    /** What made a {@code #sql…} file, as far as its name tells. */
    public enum LeftoverKind {
        /** {@code #sql-alter-…}: MariaDB's new copy of a table an ALTER TABLE was building. */
        ALTER_COPY("the new copy of a table that an ALTER TABLE was building (MariaDB names it #sql-alter-<pid>-"
                + "<thread>); it holds the table in its altered shape, as far as the copy got"),
        /** {@code #sql-backup-…}: MariaDB's original table, renamed aside at the end of an ALTER TABLE. */
        ALTER_BACKUP("the original table, renamed aside by an ALTER TABLE just before the new copy took its name "
                + "(MariaDB names it #sql-backup-<pid>-<thread>)"),
        /** {@code #sql2-…}: MySQL's original table, renamed aside during an ALTER TABLE. */
        RENAMED_ORIGINAL("the original table, renamed aside by an ALTER TABLE just before the new copy took its "
                + "name (MySQL names it #sql2-<pid>-<thread>)"),
        /** {@code #sql-ib…}: InnoDB's intermediate or old copy in a table rebuild. */
        INNODB_REBUILD("InnoDB's copy of a table being rebuilt by an ALTER TABLE, or the old copy renamed away "
                + "before being dropped (InnoDB names them #sql-ib<table id>…)"),
        /** {@code #sql-…} otherwise: MySQL's new copy in an ALTER TABLE, another work file, a temporary table. */
        TEMPORARY("a work file of an ALTER TABLE (MySQL names the new copy of the table #sql-<pid>_<thread>; "
                + "MariaDB uses #sql-shadow-, #sql-exchange-… for partition work) or of a temporary table");

        private final String description;

        LeftoverKind(String description) {
            this.description = description;
        }

        /** One sentence for a person. */
        public String description() {
            return description;
        }
    }

    /**
     * A leftover of an ALTER TABLE (or a temporary table) that the server would have removed had it not stopped.
     *
     * @param base the file name without extension, exactly as on disk ({@code #sql-alter-57b4-3}): the server
     *        writes these names without the file-name encoding of table names
     * @param kind what made it
     */
    public record AlterLeftover(String base, LeftoverKind kind) {
        public AlterLeftover {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(kind, "kind");
        }

        /** What the file is and why it matters, for reports. */
        public String describe() {
            return kind.description() + ". After a crash during an ALTER TABLE it may hold the only copy of a table";
        }

        /** What to do to recover its rows: give the pair a table's name in a directory of its own. */
        public String whatToDo(String database) {
            return "to recover it, copy " + base + ".frm and " + base + ".ibd into a directory of their own under "
                    + "a table name (e.g. " + database + "_recovered/" + suggestedName() + ".frm and .ibd) and run "
                    + "`dbrecover mysql recover --from` on that directory";
        }

        /** A table name made from the leftover's, valid unquoted ({@code sql_alter_57b4_3}). */
        public String suggestedName() {
            String s = base.replaceAll("[^A-Za-z0-9_]+", "_").replaceAll("^_+|_+$", "");
            return s.isEmpty() ? "recovered" : s;
        }
    }

    /**
     * The leftover a file name denotes, if any: a name starting with {@code #sql} as the server writes it. A user
     * table named {@code #sql} is stored encoded ({@code @0023sql.frm}) and is no leftover.
     */
    public static Optional<AlterLeftover> alterLeftover(String fileName) {
        if (!fileName.startsWith("#sql")) {
            return Optional.empty();
        }
        int dot = fileName.lastIndexOf('.');
        String base = dot > 0 ? fileName.substring(0, dot) : fileName;
        LeftoverKind kind;
        if (base.startsWith("#sql-alter-")) {
            kind = LeftoverKind.ALTER_COPY;
        } else if (base.startsWith("#sql-backup-")) {
            kind = LeftoverKind.ALTER_BACKUP;
        } else if (base.startsWith("#sql2-")) {
            kind = LeftoverKind.RENAMED_ORIGINAL;
        } else if (base.startsWith("#sql-ib")) {
            kind = LeftoverKind.INNODB_REBUILD;
        } else {
            kind = LeftoverKind.TEMPORARY;
        }
        return Optional.of(new AlterLeftover(base, kind));
    }
}
