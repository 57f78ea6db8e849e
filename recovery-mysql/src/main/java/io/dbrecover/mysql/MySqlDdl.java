package io.dbrecover.mysql;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.ddl.Dialect;
import io.dbrecover.mysql.ddl.TriggerDdlWriter;
import io.dbrecover.mysql.ddl.ViewDdlWriter;
import io.dbrecover.mysql.frm.FrmReader;
import io.dbrecover.mysql.frm.TableFileName;
import io.dbrecover.mysql.frm.TriggerFileReader;
import io.dbrecover.mysql.frm.ViewFrmReader;
import io.dbrecover.mysql.model.TableDefinition;
import io.dbrecover.mysql.sdi.SdiReader;
import io.dbrecover.mysql.sdi.SdiTables;
import io.dbrecover.mysql.model.TriggerDefinition;
import io.dbrecover.mysql.model.ViewDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Table, view and trigger definitions back from a MariaDB / MySQL data directory, without a server: the library
 * call behind {@code dbrecover mysql ddl}.
 *
 * <pre>{@code
 * MySqlDdl.Scan scan = MySqlDdl.scan(List.of(Path.of("/backup/mysql/shop")), Dialect.MARIADB);
 * scan.items().forEach(i -> System.out.println(i.file() + " " + i.status()));
 * String sql = MySqlDdl.script(scan);   // loads into a scratch server with the mariadb client
 * }</pre>
 *
 * <p>Directories are searched recursively for {@code .frm} (tables and views), {@code .TRG} (triggers) and
 * {@code .ibd} files. One unreadable file never stops the others: it becomes a {@link Status#FAILED} item with the
 * reason, the error code and, where known, the byte offset. An {@code .ibd} beside its table's {@code .frm} is
 * {@link Status#SKIPPED} (the .frm holds the definition); any other {@code .ibd} is a MySQL 8 tablespace whose
 * definition is read from its SDI ({@link #readTablespace}). Files the server made for itself ({@link DataDirFiles}:
 * FULLTEXT auxiliary tablespaces, leftovers of an interrupted ALTER TABLE) carry their {@link Role} and are never
 * failures for being what they are.
 */
public final class MySqlDdl {
    /** FSP flags at byte 54 of page 0, big-endian; bit 14 says the tablespace carries SDI (MySQL 8). */
    private static final int FSP_FLAGS_OFFSET = 54;
    private static final int FSP_FLAGS_SDI = 1 << 14;
    /** How the reason of an {@code .ibd} skipped for the {@code .frm} beside it starts. */
    static final String BESIDE_FRM = "the definition comes from ";

    private MySqlDdl() {
    }

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

        static Item failed(Path file, Kind kind, String database, RecoveryException e) {
            Long offset = e.offset().isPresent() ? e.offset().getAsLong() : null;
            return new Item(file, kind, database, Status.FAILED, null, null, List.of(), "", List.of(), e.code(),
                    offset, e.describe());
        }

        Item withRole(Role value, String why) {
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
     */
    public record Database(String name, Path directory, String charset, String collation) {
        public Database {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(charset, "charset");
            Objects.requireNonNull(collation, "collation");
        }
    }

    /**
     * The result of a scan.
     *
     * @param dialect the dialect the DDL was written for
     * @param items one per definition file, in path order
     * @param databases the databases the items belong to, in order of first appearance
     */
    public record Scan(Dialect dialect, List<Item> items, List<Database> databases) {
        public Scan {
            Objects.requireNonNull(dialect, "dialect");
            items = List.copyOf(items);
            databases = List.copyOf(databases);
        }

        public long ok() {
            return items.stream().filter(i -> i.status() == Status.OK).count();
        }

        public long failed() {
            return items.stream().filter(i -> i.status() == Status.FAILED).count();
        }
    }

    /**
     * Reads every definition file under the paths (files or directories, recursively).
     *
     * @throws RecoveryException {@code SOURCE_NOT_FOUND} when a path does not exist; nothing else, since each
     *         file's failure is an item of the result
     */
    public static Scan scan(List<Path> paths, Dialect dialect) {
        Objects.requireNonNull(dialect, "dialect");
        Set<Path> files = new LinkedHashSet<>();
        List<Item> walkFailures = new ArrayList<>();
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (!Files.exists(abs)) {
                throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, abs + ": no such file or directory")
                        .path(abs).build();
            }
            collect(abs, files, walkFailures);
        }
        List<Path> sorted = new ArrayList<>(files);
        sorted.sort(null);
        Map<Path, Database> databases = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(sorted.size());
        for (Path f : sorted) {
            names.add(databases.computeIfAbsent(f.getParent(), MySqlDdl::database).name());
        }
        // The files are independent: read them on every core, each result in its file's slot, so that the order
        // (and so the script) is the same as one by one.
        Item[] read = new Item[sorted.size()];
        IntStream.range(0, read.length).parallel()
                .forEach(i -> read[i] = readOne(sorted.get(i), names.get(i), dialect));
        List<Item> items = new ArrayList<>(walkFailures);
        items.addAll(Arrays.asList(read));
        items = ServerFileItems.nameFulltextOwners(items);
        items.sort((a, b) -> a.file().compareTo(b.file()));
        Set<String> withDefinitions = new HashSet<>();
        for (Item i : items) {
            if (i.status() == Status.OK) {
                withDefinitions.add(i.database());
            }
        }
        List<Database> used = new ArrayList<>();
        for (Database d : databases.values()) {
            if (withDefinitions.contains(d.name())) {
                used.add(d);
            }
        }
        return new Scan(dialect, items, used);
    }

    private static void collect(Path root, Set<Path> files, List<Item> failures) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && kindOf(file) != null) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    failures.add(Item.failed(file, Kind.TABLE, "", RecoveryException.of(ErrorCode.IO_ERROR,
                            file + ": cannot read: " + e.getMessage()).path(file).cause(e).build()));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            failures.add(Item.failed(root, Kind.TABLE, "", RecoveryException.of(ErrorCode.IO_ERROR,
                    root + ": cannot read: " + e.getMessage()).path(root).cause(e).build()));
        }
    }

    private static Kind kindOf(Path file) {
        String name = String.valueOf(file.getFileName());
        if (name.endsWith(".frm")) {
            return Kind.TABLE;
        }
        if (name.endsWith(".TRG")) {
            return Kind.TRIGGERS;
        }
        if (name.endsWith(".ibd")) {
            return Kind.TABLESPACE;
        }
        return null;
    }

    /** Reads one definition file for MariaDB; never throws for the file's content. */
    public static Item readOne(Path file, String database) {
        return readOne(file, database, Dialect.MARIADB);
    }

    /** Reads one definition file, its DDL written for {@code dialect}; never throws for the file's content. */
    public static Item readOne(Path file, String database, Dialect dialect) {
        Kind kind = kindOf(file);
        if (kind == null) {
            return Item.failed(file, Kind.TABLE, database, RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT,
                    file + ": not a .frm, .TRG or .ibd file").path(file).build());
        }
        try {
            return switch (kind) {
                case TABLE -> ServerFileItems.leftoverFrm(readFrm(file, database, dialect), dialect);
                case TRIGGERS -> {
                    List<TriggerDefinition> triggers = TriggerFileReader.read(file);
                    StringBuilder ddl = new StringBuilder();
                    List<String> statements = new ArrayList<>();
                    for (TriggerDefinition t : triggers) {
                        ddl.append(TriggerDdlWriter.write(t));
                        statements.addAll(TriggerDdlWriter.statements(t));
                    }
                    yield new Item(file, Kind.TRIGGERS, database, Status.OK, null, null, triggers, ddl.toString(),
                            statements, null, null, "");
                }
                default -> readTablespace(file, database, dialect);
            };
        } catch (RecoveryException e) {
            Item failed = Item.failed(file, kind == Kind.TABLE && looksLikeView(file) ? Kind.VIEW : kind, database, e);
            // a damaged leftover is still a leftover: say what it is beside why it could not be read
            return DataDirFiles.alterLeftover(String.valueOf(file.getFileName()))
                    .map(l -> failed.withRole(Role.ALTER_LEFTOVER, failed.reason() + " (" + l.describe() + ")"))
                    .orElse(failed);
        } catch (RuntimeException e) {
            // a reader bug must not stop the other files; it is reported as such
            return Item.failed(file, kind, database, RecoveryException.of(ErrorCode.INTERNAL, file
                    + ": internal error while reading: " + e).path(file).cause(e)
                    .hint("this is a bug in dbrecover; please report it with the file").build());
        }
    }

    private static Item readFrm(Path file, String database, Dialect dialect) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, file + ": cannot read: " + e.getMessage()).path(file)
                    .cause(e).build();
        }
        String fileName = String.valueOf(file.getFileName());
        if (ViewFrmReader.isView(data)) {
            ViewDefinition v = ViewFrmReader.read(file, data, fileName);
            return new Item(file, Kind.VIEW, database, Status.OK, null, v, List.of(), ViewDdlWriter.write(v),
                    List.of(ViewDdlWriter.createView(v, null)), null, null, "");
        }
        TableDefinition t = FrmReader.read(file, data, fileName);
        long writer = FrmReader.writerVersion(data); // --dialect mysql follows the MySQL release that wrote it
        DdlWriter.Written w = DdlWriter.written(t, dialect, writer);
        return new Item(file, Kind.TABLE, database, Status.OK, t, null, List.of(), w.ddl(), w.statements(), null,
                null, "");
    }

    /**
     * The hook for {@code .ibd} files. Beside a {@code .frm} of the same table (MySQL ≤ 5.7, MariaDB) the file is
     * skipped; alone, it is a MySQL 8 tablespace whose definition is read from its SDI ({@link SdiReader}).
     */
    static Item readTablespace(Path file, String database, Dialect dialect) {
        String name = String.valueOf(file.getFileName());
        String base = name.substring(0, name.length() - ".ibd".length());
        int hash = base.indexOf('#');
        // partitions are t#P#p0.ibd (t#p#p0 on case-insensitive setups), t#P#p0#SP#s0.ibd
        String table = hash > 0 && base.toLowerCase(Locale.ROOT).contains("#p#") ? base.substring(0, hash) : base;
        Role role = DataDirFiles.alterLeftover(name).isPresent() ? Role.ALTER_LEFTOVER : Role.USER;
        if (Files.exists(file.resolveSibling(table + ".frm"))) {
            return new Item(file, Kind.TABLESPACE, database, Status.SKIPPED, null, null, List.of(), "", List.of(),
                    null, null, BESIDE_FRM + table + ".frm beside it", role);
        }
        Optional<Item> fulltext = ServerFileItems.fulltextAuxiliary(file, database);
        if (fulltext.isPresent()) {
            return fulltext.get();
        }
        int flags;
        try {
            flags = fspFlags(file);
        } catch (RecoveryException e) {
            if (role != Role.ALTER_LEFTOVER) {
                throw e;
            }
            // a leftover cut short by the crash holds nothing to read; it is named, not counted as damage
            return ServerFileItems.leftoverWithoutFrm(file, database, e.getMessage());
        }
        if ((flags & FSP_FLAGS_SDI) == 0 && role == Role.ALTER_LEFTOVER) {
            return ServerFileItems.leftoverWithoutFrm(file, database, null);
        }
        if ((flags & FSP_FLAGS_SDI) == 0) {
            throw RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, file + ": this tablespace has no .frm beside "
                    + "it and no SDI (FSP flags 0x" + Integer.toHexString(flags) + "): its definition must come "
                    + "from elsewhere").path(file).build();
        }
        List<SdiReader.Document> documents = SdiReader.read(file);
        List<TableDefinition> tables = SdiTables.tables(file, documents);
        long writer = documents.isEmpty() ? 0 : SdiTables.writerVersion(documents.get(0));
        if (tables.isEmpty()) {
            throw RecoveryException.of(ErrorCode.CORRUPT_INPUT, file + ": the SDI holds no table document")
                    .path(file).build();
        }
        StringBuilder ddl = new StringBuilder();
        List<String> statements = new ArrayList<>();
        for (TableDefinition t : tables) {
            DdlWriter.Written w = DdlWriter.written(t, dialect, writer);
            ddl.append(w.ddl());
            statements.addAll(w.statements());
        }
        // a general tablespace can hold several tables; the item carries the first, the DDL all of them
        Item item = new Item(file, Kind.TABLE, database, Status.OK, tables.get(0), null, List.of(), ddl.toString(),
                statements, null, null, "");
        return role == Role.ALTER_LEFTOVER ? ServerFileItems.leftoverFrm(item, dialect) : item;
    }

    private static int fspFlags(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(FSP_FLAGS_OFFSET + 4);
            if (head.length < FSP_FLAGS_OFFSET + 4) {
                throw RecoveryException.of(ErrorCode.CORRUPT_INPUT, file + ": damaged .ibd at byte offset "
                        + head.length + ": shorter than a page header").path(file).offset(head.length).build();
            }
            return (head[54] & 0xFF) << 24 | (head[55] & 0xFF) << 16 | (head[56] & 0xFF) << 8 | (head[57] & 0xFF);
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, file + ": cannot read: " + e.getMessage()).path(file)
                    .cause(e).build();
        }
    }

    private static boolean looksLikeView(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return ViewFrmReader.isView(in.readNBytes(10));
        } catch (IOException e) {
            return false;
        }
    }

    /** The database of a directory: its decoded name and the defaults of its {@code db.opt}. */
    public static Database database(Path dir) {
        if (dir == null || dir.getFileName() == null) {
            return new Database("", dir == null ? Path.of("/") : dir, "", "");
        }
        // the decoder strips an extension; directory names have none, so give it one to strip
        String decoded = TableFileName.decode(dir.getFileName() + ".dir").orElse(dir.getFileName().toString());
        // A directory name that is not in the file name encoding (from before MySQL 5.1, or made by hand) is the
        // database's name as it is: SHOW DATABASES would prefix it with #mysql50#, but CREATE DATABASE refuses
        // that prefix, and a new server should get the plain name.
        String name = decoded.startsWith("#mysql50#") ? decoded.substring("#mysql50#".length()) : decoded;
        String charset = "";
        String collation = "";
        Path opt = dir.resolve("db.opt");
        if (Files.isRegularFile(opt)) {
            try {
                for (String line : Files.readAllLines(opt, StandardCharsets.US_ASCII)) {
                    if (line.startsWith("default-character-set=")) {
                        charset = line.substring(line.indexOf('=') + 1).strip();
                    } else if (line.startsWith("default-collation=")) {
                        collation = line.substring(line.indexOf('=') + 1).strip();
                    }
                }
            } catch (IOException | RuntimeException e) {
                // db.opt only refines CREATE DATABASE; without it the server's defaults apply
                charset = "";
                collation = "";
            }
            if (!charset.matches("[A-Za-z0-9_]*") || !collation.matches("[A-Za-z0-9_]*")) {
                charset = "";
                collation = "";
            }
        }
        return new Database(name, dir, charset, collation);
    }

    /**
     * The whole scan as one script for the {@code mariadb} / {@code mysql} client: a header naming the sources,
     * what could not be read and the server's own files, {@code SET NAMES utf8mb4}, then per database {@code CREATE
     * DATABASE IF NOT EXISTS} and {@code USE}, its tables, then the views (those a view uses first), then the
     * triggers. Every statement ends with {@code ;} (trigger bodies are wrapped in {@code DELIMITER} lines).
     */
    public static String script(Scan scan) {
        return DdlScript.write(scan);
    }

    /**
     * {@link #script(Scan)} written straight into {@code out} (a large scan's script is never held as one string).
     *
     * @throws IOException when {@code out} throws it
     */
    public static void script(Scan scan, Appendable out) throws IOException {
        DdlScript.write(scan, out);
    }
}
