package io.dbrecover.mysql.sqlfile;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.frm.FrmReader;
import io.dbrecover.mysql.frm.TableFileName;
import io.dbrecover.mysql.model.ForeignKey;
import io.dbrecover.mysql.model.TableDefinition;
import io.dbrecover.mysql.server.MariaDbServer;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Table definitions from a user's SQL file (an old mysqldump, a schema file) for when {@code .frm} files are
 * missing or wrong. The server parses, so dbrecover needs no SQL grammar of its own: a throwaway MariaDB runs the
 * file's table statements ({@link SqlScript}) and the {@code .frm} files it writes are read back with
 * {@link FrmReader}; foreign keys, which a {@code .frm} cannot hold, come from its {@code information_schema}.
 *
 * <p>The session accepts what old servers accepted ({@code foreign_key_checks=0}, no strict modes,
 * {@code innodb_strict_mode=OFF}) but refuses engine substitution: a table keeps the engine the file names.
 * {@code DATA DIRECTORY} and {@code INDEX DIRECTORY} are ignored and {@code SET GLOBAL} is not run, so that the file
 * cannot make the server write outside its scratch directory. A
 * statement the server refuses does not stop the file: it becomes a {@link Problem} with its line. Statements
 * before any {@code USE} go to {@link #DEFAULT_DATABASE}, whose tables {@link Result#lookup} offers for every
 * database; a statement naming a database the file never creates gets it created and is run again.
 */
public final class DdlFile {
    /** Where tables defined without a database context are created. */
    public static final String DEFAULT_DATABASE = "dbrecover_ddl";
    private static final Logger LOG = LoggerFactory.getLogger(DdlFile.class);
    private static final Set<String> SYSTEM_DATABASES = Set.of("mysql", "information_schema", "performance_schema",
            "sys");
    /** sql_mode flags that reject definitions old servers accepted (zero dates, over-long defaults). */
    private static final Set<String> REFUSING_MODES = Set.of("STRICT_TRANS_TABLES", "STRICT_ALL_TABLES",
            "NO_ZERO_DATE", "NO_ZERO_IN_DATE", "TRADITIONAL");
    /**
     * sql_mode flags always on: a table keeps the engine the file names, and DATA/INDEX DIRECTORY are ignored, so
     * that a file cannot make the server (running as root) write outside its scratch directory.
     */
    private static final List<String> ADDED_MODES = List.of("NO_ENGINE_SUBSTITUTION", "NO_DIR_IN_CREATE");
    /** SET of server-wide settings: not the file's business on dbrecover's throwaway server. */
    private static final Pattern GLOBAL_SET = Pattern.compile(
            "(?i)\\b(GLOBAL|PERSIST|PERSIST_ONLY)\\b");
    private static final int UNKNOWN_DATABASE = 1049;
    private static final int NO_DATABASE_SELECTED = 1046;
    private static final int STATEMENT_TIMEOUT_SECONDS = 120;
    private static final int MAX_RETRIES = 3;
    private static final Pattern SYNTAX_LINE = Pattern.compile(" at line (\\d{1,9})$");
    private static final String FRM_FOREIGN_KEY_NOTE = "foreign keys are not stored in .frm files";

    /**
     * One table the file defines.
     *
     * @param database the database it was created in ({@link #DEFAULT_DATABASE} when the file gave none)
     * @param definition the definition, read back from the server's {@code .frm}, with its foreign keys
     * @param origin where it comes from, e.g. {@code schema.sql line 12}
     */
    public record Entry(String database, TableDefinition definition, String origin) {
        public Entry {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(definition, "definition");
            Objects.requireNonNull(origin, "origin");
        }
    }

    /**
     * Something in the file the server refused or dbrecover could not read back.
     *
     * @param line the line of the statement, 0 when none is known
     * @param database the database concerned, or {@code null}
     * @param table the table concerned, or {@code null}
     * @param message what went wrong, in the server's words where it was the server
     */
    public record Problem(long line, String database, String table, String message) {
        public Problem {
            Objects.requireNonNull(message, "message");
            if (line < 0) {
                throw new IllegalArgumentException("line must not be negative: " + line);
            }
        }
    }

    /**
     * What a file defines.
     *
     * @param file the SQL file
     * @param tables every table read back, ordered by database and name
     * @param problems statements the server refused and tables that could not be read back, in file order
     * @param notes what was left out or assumed, one sentence each
     * @param databases the databases the file created or used (not {@link #DEFAULT_DATABASE} unless it holds a
     *        table), sorted
     */
    public record Result(Path file, List<Entry> tables, List<Problem> problems, List<String> notes,
                         List<String> databases) {
        public Result {
            Objects.requireNonNull(file, "file");
            tables = List.copyOf(tables);
            problems = List.copyOf(problems);
            notes = List.copyOf(notes);
            databases = List.copyOf(databases);
        }

        /**
         * The definition of a table: from that database first, else from the file's tables without a database
         * (which apply to any database). Names are compared exactly, as on Linux.
         */
        public Optional<Entry> lookup(String database, String table) {
            Optional<Entry> exact = find(database, table);
            return exact.isPresent() ? exact : find(DEFAULT_DATABASE, table);
        }

        private Optional<Entry> find(String database, String table) {
            return tables.stream().filter(e -> e.database().equals(database)
                    && e.definition().name().equals(table)).findFirst();
        }
    }

    private final Path file;
    private final String fileLabel;
    private final List<Problem> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** The line each table was created at, by database and name. */
    private final Map<List<String>, Long> createdAt = new HashMap<>();
    private String restoreSession;
    private long createTables;

    private DdlFile(Path file) {
        this.file = file;
        Path name = file.getFileName();
        this.fileLabel = name == null ? file.toString() : name.toString();
    }

    /**
     * Runs the file's table statements in a throwaway MariaDB and reads the definitions back.
     *
     * @param sqlFile the SQL file (UTF-8; bytes that are not are read as U+FFFD)
     * @param provider makes the throwaway server
     * @param options how to start it (its base and data directories are replaced: it lives in {@code scratchDir}
     *        and is deleted afterwards)
     * @param scratchDir where the server's files go
     * @throws RecoveryException {@link ErrorCode#SOURCE_NOT_FOUND} or {@link ErrorCode#IO_ERROR} when the file
     *         cannot be read, {@link ErrorCode#USAGE} when it holds no CREATE TABLE, and the server's start errors
     */
    public static Result read(Path sqlFile, MariaDbServerProvider provider, ServerOptions options, Path scratchDir) {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(scratchDir, "scratchDir");
        return new DdlFile(Objects.requireNonNull(sqlFile, "sqlFile")).run(provider, options, scratchDir);
    }

    private Result run(MariaDbServerProvider provider, ServerOptions options, Path scratchDir) {
        long t0 = System.nanoTime();
        try (SqlScript script = new SqlScript(open(), file)) {
            createDirectories(scratchDir);
            try (MariaDbServer server = provider.createServer(options.toBuilder().baseDir(scratchDir).dataDir(null)
                    .keepFiles(false).build())) {
                server.start();
                try (Connection c = MariaDbServer.connect(server.endpoint())) {
                    prepareSession(c);
                    execute(c, script);
                    if (createTables == 0) {
                        throw RecoveryException.of(ErrorCode.USAGE, file + " holds no CREATE TABLE statement")
                                .path(file).hint("give a schema file or a mysqldump with the table definitions "
                                        + "(not one made with --no-create-info)").build();
                    }
                    notes.addAll(skipNotes(script.skipped()));
                    Result result = readBack(c, server.info().dataDir());
                    LOG.info("{}: {} tables read back, {} problems, in {} ms", file, result.tables().size(),
                            result.problems().size(), (System.nanoTime() - t0) / 1_000_000);
                    return result;
                } catch (SQLException e) {
                    throw RecoveryException.of(ErrorCode.PROCESS_FAILED, "the throwaway MariaDB failed while reading "
                            + file + ": " + e.getMessage()).path(file).cause(e).build();
                }
            }
        }
    }

    private Reader open() {
        if (Files.isDirectory(file)) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, file + " is a directory, not a SQL file")
                    .path(file).hint("give the SQL file (a mysqldump or a schema file) itself").build();
        }
        try {
            // InputStreamReader replaces malformed input: one stray Latin-1 byte in a comment must not stop a file
            return new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, file + ": no such file").path(file)
                    .hint("give the path of the SQL file (a mysqldump or a schema file)").cause(e).build();
        } catch (AccessDeniedException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, file + ": permission denied").path(file)
                    .hint("make the file readable for the user running dbrecover, or copy it").cause(e).build();
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, file + ": cannot read: " + e.getMessage()).path(file)
                    .hint("copy the file to a healthy disk and try again").cause(e).build();
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot create " + dir + ": " + e.getMessage()).path(dir)
                    .cause(e).build();
        }
    }

    /** Our session settings, and the statement that puts them back after each SET of the file. */
    private void prepareSession(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET SESSION foreign_key_checks=0, sql_mode='" + String.join(",", ADDED_MODES)
                    + "', innodb_strict_mode=OFF");
            st.execute("CREATE DATABASE " + DdlWriter.id(DEFAULT_DATABASE));
            st.execute("USE " + DdlWriter.id(DEFAULT_DATABASE));
            try (ResultSet rs = st.executeQuery("SELECT @@character_set_client, @@character_set_connection, "
                    + "@@collation_connection, @@character_set_results")) {
                rs.next();
                // the driver encodes our text in its own character set: a file's SET NAMES must not outlive the SET
                restoreSession = "SET SESSION foreign_key_checks=0, innodb_strict_mode=OFF, character_set_client="
                        + literal(rs.getString(1)) + ", character_set_connection=" + literal(rs.getString(2))
                        + ", collation_connection=" + literal(rs.getString(3)) + ", character_set_results="
                        + literal(rs.getString(4));
            }
        }
    }

    private static String literal(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }

    private void execute(Connection c, SqlScript script) throws SQLException {
        while (true) {
            Optional<SqlScript.Statement> next;
            try {
                next = script.next();
            } catch (RecoveryException e) {
                if (e.code() != ErrorCode.CORRUPT_INPUT) {
                    throw e;
                }
                // a truncated dump: what came before the cut is still good
                problems.add(new Problem(script.line(), null, null, e.getMessage()));
                notes.add("reading stopped at line " + script.line() + " of " + fileLabel + ": " + e.getMessage());
                return;
            }
            if (next.isEmpty()) {
                return;
            }
            SqlScript.Statement s = next.get();
            if (s.kind() == SqlScript.Kind.CREATE_TABLE) {
                createTables++;
            }
            if (s.kind() == SqlScript.Kind.SET && GLOBAL_SET.matcher(s.text()).find()) {
                notes.add("line " + s.line() + " of " + fileLabel + " sets server-wide settings: not run");
                continue;
            }
            try {
                run(c, s);
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                    // the connection is gone (the server died on this statement?): every later one would fail too
                    throw RecoveryException.of(ErrorCode.PROCESS_FAILED, "the throwaway MariaDB stopped answering at "
                                    + "line " + s.line() + " of " + file + ": " + e.getMessage()).path(file)
                            .hint("cut that statement out of a copy of the file and try again").cause(e).build();
                }
                problems.add(new Problem(s.line(), s.database() != null ? s.database()
                        : s.table() == null ? null : currentDatabase(c), s.table(), serverMessage(e, s.line())));
                continue;
            }
            switch (s.kind()) {
                case CREATE_TABLE -> createdAt.put(List.of(s.database() != null ? s.database() : currentDatabase(c),
                        s.table() == null ? "" : s.table()), s.line());
                case SET -> afterSet(c, script);
                default -> {
                    // nothing to track: the server knows the current database
                }
            }
        }
    }

    /** Runs a statement, creating databases it names but that do not exist and selecting one when none is. */
    private void run(Connection c, SqlScript.Statement s) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            try (Statement st = c.createStatement()) {
                st.setEscapeProcessing(false);
                st.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
                st.execute(s.text());
                return;
            } catch (SQLException e) {
                if (attempt >= MAX_RETRIES) {
                    throw e;
                }
                if (e.getErrorCode() == UNKNOWN_DATABASE && quotedName(e.getMessage()) != null) {
                    String db = quotedName(e.getMessage());
                    try (Statement st = c.createStatement()) {
                        st.execute("CREATE DATABASE IF NOT EXISTS " + DdlWriter.id(db));
                    }
                    notes.add("database " + db + " is used at line " + s.line() + " of " + fileLabel
                            + " without being created there: created it");
                } else if (e.getErrorCode() == NO_DATABASE_SELECTED) {
                    try (Statement st = c.createStatement()) {
                        st.execute("USE " + DdlWriter.id(DEFAULT_DATABASE));
                    }
                } else {
                    throw e;
                }
            }
        }
    }

    /**
     * The server's message with its error number; a syntax error's {@code at line N} counts from the statement's
     * start, so the file's line is added.
     */
    static String serverMessage(SQLException e, long statementLine) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        Matcher m = SYNTAX_LINE.matcher(message);
        String where = m.find() ? ", file line " + (statementLine + Long.parseLong(m.group(1)) - 1) : "";
        return message + " (error " + e.getErrorCode() + where + ")";
    }

    /** The name in {@code Unknown database 'x'}. */
    private static String quotedName(String message) {
        int a = message == null ? -1 : message.indexOf('\'');
        int b = message == null ? -1 : message.lastIndexOf('\'');
        return a >= 0 && b > a + 1 ? message.substring(a + 1, b) : null;
    }

    /**
     * After the file's SET: our session settings back, the file's sql_mode kept for how it parses (ANSI_QUOTES,
     * NO_BACKSLASH_ESCAPES…) but without the strict modes and with {@link #ADDED_MODES}.
     */
    private void afterSet(Connection c, SqlScript script) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(restoreSession);
            String mode;
            try (ResultSet rs = st.executeQuery("SELECT @@sql_mode")) {
                rs.next();
                mode = rs.getString(1) == null ? "" : rs.getString(1);
            }
            Set<String> flags = new LinkedHashSet<>();
            for (String f : mode.split(",")) {
                if (!f.isBlank() && !REFUSING_MODES.contains(f.toUpperCase(Locale.ROOT))) {
                    flags.add(f.toUpperCase(Locale.ROOT));
                }
            }
            flags.addAll(ADDED_MODES);
            String wanted = String.join(",", flags);
            if (!wanted.equalsIgnoreCase(mode)) {
                st.execute("SET SESSION sql_mode=" + literal(wanted));
            }
            script.backslashEscapes(!flags.contains("NO_BACKSLASH_ESCAPES"));
        }
    }

    private static String currentDatabase(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT DATABASE()")) {
            rs.next();
            String db = rs.getString(1);
            return db == null ? DEFAULT_DATABASE : db;
        }
    }

    private Result readBack(Connection c, Path dataDir) throws SQLException {
        List<String> databases = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA")) {
            while (rs.next()) {
                if (!SYSTEM_DATABASES.contains(rs.getString(1))) {
                    databases.add(rs.getString(1));
                }
            }
        }
        databases.sort(null);
        Map<String, Path> dirs = decodedEntries(dataDir, true);
        List<Entry> entries = new ArrayList<>();
        List<String> otherEngines = new ArrayList<>();
        for (String db : databases) {
            Path dir = dirs.get(db);
            Map<String, Path> frms = dir == null ? Map.of() : decodedEntries(dir, false);
            Map<String, List<ForeignKey>> foreignKeys = foreignKeys(c, db);
            for (String table : baseTables(c, db)) {
                long line = createdAt.getOrDefault(List.of(db, table), 0L);
                Path frm = frms.get(table);
                if (frm == null) {
                    problems.add(new Problem(line, db, table, "the server wrote no .frm file for " + db + "."
                            + table + " in " + (dir == null ? dataDir : dir)));
                    continue;
                }
                TableDefinition t;
                try {
                    t = withForeignKeys(FrmReader.read(frm), foreignKeys.getOrDefault(table, List.of()));
                } catch (RecoveryException | IllegalArgumentException e) {
                    problems.add(new Problem(line, db, table, "cannot read back the definition the server wrote: "
                            + e.getMessage()));
                    continue;
                }
                entries.add(new Entry(db, t, line > 0 ? fileLabel + " line " + line : fileLabel));
                if (!"InnoDB".equalsIgnoreCase(t.options().engine())) {
                    otherEngines.add(db + "." + table + " (" + t.options().engine() + ")");
                }
            }
        }
        if (!otherEngines.isEmpty()) {
            notes.add("not InnoDB, so not transplanted: " + String.join(", ", otherEngines));
        }
        if (entries.stream().noneMatch(e -> e.database().equals(DEFAULT_DATABASE))) {
            databases.remove(DEFAULT_DATABASE);
        } else {
            notes.add("tables defined before any USE apply to every database: "
                    + String.join(", ", entries.stream().filter(e -> e.database().equals(DEFAULT_DATABASE))
                    .map(e -> e.definition().name()).toList()));
        }
        return new Result(file, entries, problems, notes, databases);
    }

    /** Base tables (and system-versioned ones, which are base tables too), sorted by name. */
    private static List<String> baseTables(Connection c, String db) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        names.sort(null);
        return names;
    }

    /**
     * The foreign keys of a database's tables, each table's sorted by name as InnoDB keeps (and SHOW CREATE TABLE
     * prints) them.
     */
    private static Map<String, List<ForeignKey>> foreignKeys(Connection c, String db) throws SQLException {
        // table -> constraint -> columns in ORDINAL_POSITION order
        Map<String, Map<String, ForeignKeyRows>> rows = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, "
                + "k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE, "
                + "r.DELETE_RULE FROM information_schema.KEY_COLUMN_USAGE k "
                + "JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA "
                + "AND r.TABLE_NAME = k.TABLE_NAME AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME "
                + "WHERE k.CONSTRAINT_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL "
                + "ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String schema = rs.getString(4);
                    String parent = rs.getString(5);
                    ForeignKey.Rule onUpdate = rule(rs.getString(7));
                    ForeignKey.Rule onDelete = rule(rs.getString(8));
                    ForeignKeyRows fk = rows.computeIfAbsent(rs.getString(1), t -> new TreeMap<>())
                            .computeIfAbsent(rs.getString(2), n -> new ForeignKeyRows(db.equals(schema) ? "" : schema,
                                    parent, onUpdate, onDelete));
                    fk.columns().add(rs.getString(3));
                    fk.referencedColumns().add(rs.getString(6));
                }
            }
        }
        Map<String, List<ForeignKey>> out = new HashMap<>();
        rows.forEach((table, byName) -> out.put(table, byName.entrySet().stream().map(e -> new ForeignKey(e.getKey(),
                e.getValue().columns(), e.getValue().schema(), e.getValue().table(), e.getValue().referencedColumns(),
                e.getValue().onUpdate(), e.getValue().onDelete())).toList()));
        return out;
    }

    private record ForeignKeyRows(String schema, String table, ForeignKey.Rule onUpdate, ForeignKey.Rule onDelete,
                                  List<String> columns, List<String> referencedColumns) {
        ForeignKeyRows(String schema, String table, ForeignKey.Rule onUpdate, ForeignKey.Rule onDelete) {
            this(schema, table, onUpdate, onDelete, new ArrayList<>(), new ArrayList<>());
        }
    }

    /**
     * A rule as information_schema names it. InnoDB has no RESTRICT of its own: its default, which it reports as
     * RESTRICT and SHOW CREATE TABLE leaves out, behaves as NO ACTION, the model's default.
     */
    static ForeignKey.Rule rule(String name) {
        return switch (name == null ? "" : name.toUpperCase(Locale.ROOT)) {
            case "CASCADE" -> ForeignKey.Rule.CASCADE;
            case "SET NULL" -> ForeignKey.Rule.SET_NULL;
            case "SET DEFAULT" -> ForeignKey.Rule.SET_DEFAULT;
            default -> ForeignKey.Rule.NO_ACTION;
        };
    }

    private static TableDefinition withForeignKeys(TableDefinition t, List<ForeignKey> foreignKeys) {
        List<String> notes = t.notes().stream().filter(n -> !n.startsWith(FRM_FOREIGN_KEY_NOTE)).toList();
        return new TableDefinition(t.name(), t.columns(), t.indexes(), t.options(), t.comment(), t.partitionClause(),
                t.checks(), t.applicationPeriod(), t.systemPeriod(), t.systemVersioned(), notes, foreignKeys);
    }

    /** Directory entries by decoded name: database directories, or a database's {@code .frm} files. */
    private static Map<String, Path> decodedEntries(Path dir, boolean directories) {
        Map<String, Path> out = new HashMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                boolean wanted = directories ? Files.isDirectory(p) : name.endsWith(".frm") && Files.isRegularFile(p);
                if (wanted) {
                    TableFileName.decode(name).ifPresent(n -> out.put(n, p));
                }
            }
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot list " + dir + ": " + e.getMessage()).path(dir)
                    .cause(e).build();
        }
        return out;
    }

    /** Notes for what the file holds but no table definition: data, views, triggers, routines… */
    static List<String> skipNotes(Map<String, Long> skipped) {
        List<String> out = new ArrayList<>();
        long data = 0;
        List<String> objects = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (Map.Entry<String, Long> e : skipped.entrySet()) {
            String kind = e.getKey();
            long n = e.getValue();
            if (kind.equals("INSERT") || kind.equals("REPLACE") || kind.equals("LOAD")) {
                data += n;
            } else if (kind.startsWith("CREATE ") && !kind.equals("CREATE TEMPORARY TABLE")) {
                objects.add(String.format(Locale.ROOT, "%,d %s", n, kind));
            } else {
                other.add(String.format(Locale.ROOT, "%,d %s", n, kind));
            }
        }
        if (data > 0) {
            out.add(String.format(Locale.ROOT, "%,d INSERT/REPLACE statement%s skipped: only definitions are read "
                    + "from the file, the rows come from the table files", data, data == 1 ? "" : "s"));
        }
        if (!objects.isEmpty()) {
            out.add("not recreated (only tables are read): " + String.join(", ", objects) + " statements");
        }
        if (!other.isEmpty()) {
            out.add("also skipped: " + String.join(", ", other) + " statements");
        }
        return out;
    }
}
