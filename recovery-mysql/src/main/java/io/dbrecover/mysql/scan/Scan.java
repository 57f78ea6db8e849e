package io.dbrecover.mysql.scan;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.mysql.ddl.Dialect;
import io.dbrecover.mysql.model.TableDefinition;
import io.dbrecover.mysql.model.TriggerDefinition;
import io.dbrecover.mysql.model.ViewDefinition;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The result of a scan ({@code MySqlDdl.scan}): one {@link Item} per definition file, the {@link Database}s they
 * belong to and the symbolic {@link Link}s met.
 *
 * @param dialect the dialect the DDL was written for
 * @param items one per definition file, in path order
 * @param databases the databases the items belong to, in order of first appearance
 * @param links the symbolic links met, followed or not, in the order met
 */
public record Scan(Dialect dialect, List<Item> items, List<Database> databases, List<Link> links) {
    /** What a file held. */
    public enum Kind {
        TABLE, VIEW, TRIGGERS, TABLESPACE
    }

    /** Whose a file is: the user's, or the server's own work that only looks like a table. */
    public enum Role {
        /** A table, view or trigger file of the user's. */
        USER,
        /**
         * An auxiliary tablespace of an InnoDB FULLTEXT index ({@code FTS_<table id>_…ibd}): the server's own, built
         * anew by the FULLTEXT key of its table's definition; {@link Status#SKIPPED}, never a failure.
         */
        FULLTEXT_AUXILIARY,
        /**
         * A leftover of an ALTER TABLE that did not finish ({@code #sql…}): read like any table file (its DDL is
         * written under a comment saying what it is), since after a crash it may hold the only copy of a table.
         */
        ALTER_LEFTOVER
    }

    /** Whether a file gave a definition. */
    public enum Status {
        /** Read; {@link Item#ddl()} holds the statements. */
        OK,
        /** Not read; {@link Item#reason()} says why. */
        FAILED,
        /**
         * Not a definition of its own: an {@code .ibd} beside its {@code .frm}, a FULLTEXT index's auxiliary
         * tablespace, a leftover {@code .ibd} without {@code .frm}; {@link Item#reason()} says which.
         */
        SKIPPED
    }

    /**
     * One file's result.
     *
     * @param file the file
     * @param kind what it holds (for a failed {@code .frm}, what its first bytes suggest)
     * @param database the database it belongs to (its directory's name, decoded), {@code ""} when none
     * @param status OK, FAILED or SKIPPED
     * @param table the table read from a table {@code .frm}, else {@code null}
     * @param view the view read from a view {@code .frm}, else {@code null}
     * @param triggers the triggers read from a {@code .TRG}, else empty
     * @param ddl the script text for this file (comments, statements ending in {@code ;}), {@code ""} unless OK
     * @param statements the same statements one by one without terminators, for JDBC
     * @param errorCode why it failed, else {@code null}
     * @param offset the byte offset of the damage where known, else {@code null}
     * @param reason why it failed or was skipped, or what the file is when its {@link #role()} is not
     *        {@link Role#USER}; else {@code ""}
     * @param role whose the file is
     */
    public record Item(Path file, Kind kind, String database, Status status, TableDefinition table,
                       ViewDefinition view, List<TriggerDefinition> triggers, String ddl, List<String> statements,
                       ErrorCode errorCode, Long offset, String reason, Role role) {
        public Item {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(status, "status");
            triggers = List.copyOf(Objects.requireNonNull(triggers, "triggers"));
            Objects.requireNonNull(ddl, "ddl");
            statements = List.copyOf(Objects.requireNonNull(statements, "statements"));
            Objects.requireNonNull(reason, "reason");
            if ((status == Status.FAILED) != (errorCode != null)) {
                throw new IllegalArgumentException("a FAILED item needs an error code, no other item has one");
            }
        }

        /** An item of the user's ({@link Role#USER}). */
        public Item(Path file, Kind kind, String database, Status status, TableDefinition table,
                    ViewDefinition view, List<TriggerDefinition> triggers, String ddl, List<String> statements,
                    ErrorCode errorCode, Long offset, String reason) {
            this(file, kind, database, status, table, view, triggers, ddl, statements, errorCode, offset, reason,
                    Role.USER);
        }

        /** A FAILED item for a file that could not be read, from the exception that says why. */
        public static Item failed(Path file, Kind kind, String database, RecoveryException e) {
            Long offset = e.offset().isPresent() ? e.offset().getAsLong() : null;
            return new Item(file, kind, database, Status.FAILED, null, null, List.of(), "", List.of(), e.code(),
                    offset, e.describe());
        }

        /** The same item, of another {@link Role}; {@code why} becomes its reason. */
        public Item withRole(Role value, String why) {
            return new Item(file, kind, database, status, table, view, triggers, ddl, statements, errorCode, offset,
                    why, value);
        }
    }

    /**
     * A database directory met during the scan.
     *
     * @param name the database name (the directory name, decoded)
     * @param directory the directory
     * @param charset default character set from {@code db.opt}, {@code ""} when unknown
     * @param collation default collation from {@code db.opt}, {@code ""} when unknown
     * @param note what was wrong with its {@code db.opt} (then left out), {@code ""} when nothing
     */
    public record Database(String name, Path directory, String charset, String collation, String note) {
        public Database {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(charset, "charset");
            Objects.requireNonNull(collation, "collation");
            Objects.requireNonNull(note, "note");
        }

        /** A database whose {@code db.opt} had nothing wrong. */
        public Database(String name, Path directory, String charset, String collation) {
            this(name, directory, charset, collation, "");
        }
    }

    /**
     * A symbolic link met during the scan: followed (its target read like the rest) or not (a dangling link, a loop).
     *
     * @param path the link
     * @param target where it points, as stored
     * @param resolved the real path it leads to when followed, else {@code null}
     * @param followed whether the scan read through it
     * @param why why it was not followed, {@code ""} when it was
     */
    public record Link(Path path, String target, Path resolved, boolean followed, String why) {
        public Link {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(why, "why");
        }

        /** For people: {@code /data/shop -> /mnt/big/shop: a symbolic link, followed}. */
        public String describe() {
            return path + " -> " + target + (followed ? ": a symbolic link, followed" : ": a symbolic link, not "
                    + "followed: " + why);
        }
    }

    public Scan {
        Objects.requireNonNull(dialect, "dialect");
        items = List.copyOf(items);
        databases = List.copyOf(databases);
        links = List.copyOf(links);
    }

    /** A scan that met no symbolic link. */
    public Scan(Dialect dialect, List<Item> items, List<Database> databases) {
        this(dialect, items, databases, List.of());
    }

    public long ok() {
        return items.stream().filter(i -> i.status() == Status.OK).count();
    }

    public long failed() {
        return items.stream().filter(i -> i.status() == Status.FAILED).count();
    }
}
