package io.dbrecover.mysql.datadir;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.source.SourceFiles;
import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.ddl.Dialect;
import io.dbrecover.mysql.ddl.TriggerDdlWriter;
import io.dbrecover.mysql.ddl.ViewDdlWriter;
import io.dbrecover.mysql.frm.FrmReader;
import io.dbrecover.mysql.frm.TableFileName;
import io.dbrecover.mysql.frm.TriggerFileReader;
import io.dbrecover.mysql.frm.ViewFrmReader;
import io.dbrecover.mysql.model.TableDefinition;
import io.dbrecover.mysql.model.TriggerDefinition;
import io.dbrecover.mysql.model.ViewDefinition;
import io.dbrecover.mysql.scan.Scan;
import io.dbrecover.mysql.scan.Scan.Database;
import io.dbrecover.mysql.scan.Scan.Item;
import io.dbrecover.mysql.scan.Scan.Kind;
import io.dbrecover.mysql.scan.Scan.Link;
import io.dbrecover.mysql.scan.Scan.Role;
import io.dbrecover.mysql.scan.Scan.Status;
import io.dbrecover.mysql.sdi.SdiReader;
import io.dbrecover.mysql.sdi.SdiTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The scanner behind {@code MySqlDdl}: walks the sources ({@link SourceWalk}), reads each {@code .frm}, {@code .TRG}
 * and {@code .ibd} into a {@link Item} (one unreadable file never stops the others), names the server's own files
 * ({@link ServerFileItems}) and the databases with their {@code db.opt} defaults ({@link DbOpt}).
 */
public final class DefinitionFiles {
    /** FSP flags at byte 54 of page 0, big-endian; bit 14 says the tablespace carries SDI (MySQL 8). */
    private static final int FSP_FLAGS_OFFSET = 54;
    private static final int FSP_FLAGS_SDI = 1 << 14;
    /** How the reason of an {@code .ibd} skipped for the {@code .frm} beside it starts. */
    static final String BESIDE_FRM = "the definition comes from ";

    private DefinitionFiles() {
    }

    /**
     * The symbolic links {@link #scan} meets under a directory, followed or not; only directories are listed,
     * no file is read (a recovery inventories where the followed ones lead before it reads anything).
     */
    public static List<Link> links(Path dir) {
        SourceWalk walk = new SourceWalk();
        walk.walk(dir.toAbsolutePath().normalize());
        return List.copyOf(walk.links);
    }

    /**
     * Reads every definition file under the paths (files or directories, recursively).
     *
     * @throws RecoveryException {@code SOURCE_NOT_FOUND} when a path does not exist; nothing else, since each
     *         file's failure is an item of the result
     */
    public static Scan scan(List<Path> paths, Dialect dialect) {
        Objects.requireNonNull(dialect, "dialect");
        SourceWalk walk = new SourceWalk();
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (!Files.exists(abs)) {
                throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, abs + ": no such file or directory")
                        .path(abs).build();
            }
            walk.walk(abs);
        }
        List<Path> sorted = new ArrayList<>(walk.files);
        sorted.sort(null);
        Map<Path, Database> databases = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(sorted.size());
        List<String> dbProblems = new ArrayList<>(sorted.size());
        for (Path f : sorted) {
            Database db = databases.computeIfAbsent(f.getParent(), DefinitionFiles::database);
            names.add(db.name());
            dbProblems.add(db.name().isEmpty() ? null : TableFileName.problem(db.name()));
        }
        // The files are independent: read them on every core, each result in its file's slot, so that the order
        // (and so the script) is the same as one by one.
        Item[] read = new Item[sorted.size()];
        IntStream.range(0, read.length).parallel()
                .forEach(i -> read[i] = dbProblems.get(i) == null ? readOne(sorted.get(i), names.get(i), dialect)
                        : badDatabaseName(sorted.get(i), names.get(i), dbProblems.get(i)));
        List<Item> items = new ArrayList<>(walk.failures);
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
        return new Scan(dialect, items, used, walk.links);
    }

    /** The CREATE DATABASE of such a name would be refused, and the name may carry control bytes. */
    private static Item badDatabaseName(Path f, String name, String problem) {
        return Item.failed(f, kindOf(f), "", RecoveryException.of(ErrorCode.CORRUPT_INPUT, f + ": its directory "
                + "gives the database name '" + name + "', which is no valid name: " + problem).path(f)
                .hint("copy the files into a directory named as the database was").build());
    }

    /** What a file of this name holds, {@code null} when it is no definition file. */
    static Kind kindOf(Path file) {
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

    /** Reads one definition file, its DDL written for {@code dialect}; never throws for the file's content. */
    public static Item readOne(Path file, String database, Dialect dialect) {
        Kind kind = kindOf(file);
        if (kind == null) {
            return Item.failed(file, Kind.TABLE, database, RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT,
                    file + ": not a .frm, .TRG or .ibd file").path(file).build());
        }
        try {
            // a FIFO, a device or a directory of that name is never opened: a FIFO would block the reader
            String name = String.valueOf(file.getFileName());
            SourceFiles.requireRegular(file, name.substring(name.lastIndexOf('.')) + " file");
        } catch (RecoveryException e) {
            return Item.failed(file, kind, database, e);
        }
        try {
            return switch (kind) {
                case TABLE -> ServerFileItems.leftoverFrm(readFrm(file, database, dialect), dialect);
                case TRIGGERS -> {
                    List<TriggerDefinition> triggers = readTriggers(file);
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
        } catch (RuntimeException | StackOverflowError e) {
            // a reader bug must not stop the other files; it is reported as such
            return Item.failed(file, kind, database, RecoveryException.of(ErrorCode.INTERNAL, file
                    + ": internal error while reading: " + e).path(file).cause(e)
                    .hint("this is a bug in dbrecover; please report it with the file").build());
        }
    }

    /**
     * The triggers of a {@code .TRG}, their NEW/OLD references checked against the columns of the table's
     * {@code .frm} beside it when that reads.
     */
    private static List<TriggerDefinition> readTriggers(Path file) {
        byte[] data = TriggerFileReader.readBytes(file);
        String name = String.valueOf(file.getFileName());
        Path frm = file.resolveSibling(name.substring(0, name.length() - ".TRG".length()) + ".frm");
        Set<String> columns = null;
        if (SourceFiles.kindFollowingLinks(frm) == SourceFiles.Kind.FILE) {
            try {
                columns = FrmReader.read(frm).columns().stream().map(c -> c.name()).collect(Collectors.toSet());
            } catch (RecoveryException e) {
                // the table's own item says why; its triggers are read without the column check
            }
        }
        return TriggerFileReader.read(file, data, name, columns);
    }

    private static Item readFrm(Path file, String database, Dialect dialect) {
        byte[] data = FrmReader.readFile(file);
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
        Path frm = file.resolveSibling(table + ".frm");
        // only a .frm that is a file holds the definition (one that is not is an item of its own)
        if (SourceFiles.kindFollowingLinks(frm) == SourceFiles.Kind.FILE) {
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
            SourceFiles.Kind frmKind = SourceFiles.kindFollowingLinks(frm);
            String beside = frmKind == SourceFiles.Kind.MISSING ? "no .frm beside it"
                    : "no readable .frm beside it (" + frm.getFileName() + " is " + frmKind.description() + ")";
            throw RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, file + ": this tablespace has " + beside
                    + " and no SDI (FSP flags 0x" + Integer.toHexString(flags) + "): its definition must come "
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
        byte[] head = SourceFiles.readHead(file, FSP_FLAGS_OFFSET + 4, ".ibd file");
        if (head.length < FSP_FLAGS_OFFSET + 4) {
            throw RecoveryException.of(ErrorCode.CORRUPT_INPUT, file + ": damaged .ibd at byte offset "
                    + head.length + ": shorter than a page header").path(file).offset(head.length).build();
        }
        return (head[54] & 0xFF) << 24 | (head[55] & 0xFF) << 16 | (head[56] & 0xFF) << 8 | (head[57] & 0xFF);
    }

    private static boolean looksLikeView(Path file) {
        try {
            return ViewFrmReader.isView(SourceFiles.readHead(file, 10, ".frm file"));
        } catch (RecoveryException e) {
            return false;
        }
    }

    /** The database of a directory: its decoded name and the defaults of its {@code db.opt}. */
    public static Database database(Path dir) {
        if (dir == null || dir.getFileName() == null) {
            return new Database("", dir == null ? Path.of("/") : dir, "", "");
        }
        return DbOpt.read(databaseName(dir), dir);
    }

    /** The database name a directory stands for: its name decoded from the file-name encoding. */
    static String databaseName(Path dir) {
        // the decoder strips an extension; directory names have none, so give it one to strip
        String decoded = TableFileName.decode(dir.getFileName() + ".dir").orElse(dir.getFileName().toString());
        // A directory name that is not in the file name encoding (from before MySQL 5.1, or made by hand) is the
        // database's name as it is: SHOW DATABASES would prefix it with #mysql50#, but CREATE DATABASE refuses
        // that prefix, and a new server should get the plain name.
        return decoded.startsWith("#mysql50#") ? decoded.substring("#mysql50#".length()) : decoded;
    }
}
