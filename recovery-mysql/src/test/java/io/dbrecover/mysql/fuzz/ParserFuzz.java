package io.dbrecover.mysql.fuzz;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.report.TerminalText;
import io.dbrecover.mysql.MySqlDdl;
import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.ddl.Dialect;
import io.dbrecover.mysql.ddl.TriggerDdlWriter;
import io.dbrecover.mysql.ddl.ViewDdlWriter;
import io.dbrecover.mysql.frm.FrmReader;
import io.dbrecover.mysql.frm.TriggerFileReader;
import io.dbrecover.mysql.frm.TriggerNameFiles;
import io.dbrecover.mysql.frm.ViewFrmReader;
import io.dbrecover.mysql.ibd.FileRows;
import io.dbrecover.mysql.ibd.Tablespaces;
import io.dbrecover.mysql.model.Collations;
import io.dbrecover.mysql.model.TableDefinition;
import io.dbrecover.mysql.model.TriggerDefinition;
import io.dbrecover.mysql.scan.Scan;
import io.dbrecover.mysql.sdi.SdiReader;
import io.dbrecover.mysql.sdi.SdiTables;
import io.dbrecover.testkit.Mutator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The parser fuzz of issue 16: every reader of MariaDB/MySQL files run over seeded, reproducible damaged copies of
 * real files ({@link Mutator}), each result checked for what must hold whatever the input:
 *
 * <ul>
 *   <li>a result or our typed error ({@link RecoveryException} with a file-format code), never another exception,
 *       never an {@code INTERNAL} item (a caught reader bug);
 *   <li>a typed error names the file, and an "at byte offset N" in its message is its offset;
 *   <li>no raw control byte reaches human output: the {@code mysql ddl} script outside its string literals, and
 *       messages once escaped as the CLI prints them;
 *   <li>every statement of an OK result is kept (deduplicated) for {@code ParserFuzzIT}, which loads each into a
 *       real MariaDB: an OK whose statement the server refuses is a failure there.
 * </ul>
 *
 * <p>Seeds: the committed fixtures (written by MariaDB 10.11 here, and MySQL 8 tablespaces of innodb-java-reader),
 * plus the MariaDB test corpus files read in place when Debian's mariadb-test-data is installed. Mutant {@code i} of
 * a format is made by a {@link Mutator} seeded with {@code (seed, i)} from seed file {@code i % seeds}: any failure
 * names a variant anyone can make again.
 */
public final class ParserFuzz {
    /** The MariaDB test corpus (GPL test data: read in place, damaged copies only in temp dirs). */
    static final Path CORPUS = Path.of("/usr/share/mysql/mysql-test");
    /** The database name mutants are read under. */
    static final String DATABASE = "fz";

    /** What is fuzzed. */
    public enum Format {
        FRM_TABLE, FRM_VIEW, TRG, TRN, PAR, DB_OPT, IBD, SDI_FILE, SDI_JSON
    }

    /**
     * One real file to damage.
     *
     * @param name where it came from, for messages
     * @param fileName the name it is read under (the table name comes from it)
     * @param data its bytes
     * @param layout where its fields and texts are
     * @param companion the definition it goes with (an {@code .ibd}'s table), a {@code .par}'s {@code .frm} bytes,
     *        an SDI document's id; else {@code null}
     */
    record Seed(String name, String fileName, byte[] data, Mutator.Layout layout, Object companion) {
    }

    /**
     * A statement of an OK result, for the server oracle.
     *
     * @param format the format it was read from
     * @param seed the seed file
     * @param database the database to run it in ({@code null}: any scratch one)
     * @param sql the statements to run in order (a trigger's: sql_mode, CREATE, restore)
     * @param cleanup what undoes it (DROP …)
     */
    public record Statement(Format format, String seed, String database, List<String> sql, List<String> cleanup) {
    }

    /** What a run found. */
    public static final class Summary {
        final Format format;
        final AtomicInteger mutants = new AtomicInteger();
        final AtomicInteger ok = new AtomicInteger();
        final Map<ErrorCode, AtomicInteger> typed = new ConcurrentHashMap<>();
        /** CORRUPT_INPUT errors that carry no byte offset. */
        final AtomicInteger withoutOffset = new AtomicInteger();
        final List<String> violations = Collections.synchronizedList(new ArrayList<>());
        final Set<Statement> statements = ConcurrentHashMap.newKeySet();
        long millis;

        Summary(Format format) {
            this.format = format;
        }

        public int mutants() {
            return mutants.get();
        }

        public int ok() {
            return ok.get();
        }

        public Map<ErrorCode, Integer> typed() {
            Map<ErrorCode, Integer> m = new EnumMap<>(ErrorCode.class);
            typed.forEach((k, v) -> m.put(k, v.get()));
            return m;
        }

        public List<String> violations() {
            return List.copyOf(violations);
        }

        public Set<Statement> statements() {
            return Set.copyOf(statements);
        }

        public long millis() {
            return millis;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-9s %6d mutants in %5d ms: %5d OK, typed %s (%d damage without "
                    + "offset), %d violations, %d distinct OK statements", format, mutants(), millis, ok(), typed(),
                    withoutOffset.get(), violations.size(), statements.size());
        }

        public int withoutOffset() {
            return withoutOffset.get();
        }

        void violation(String seed, String mutation, String what) {
            if (violations.size() < 50) {
                violations.add(format + " " + seed + " [" + mutation + "]: " + what);
            } else {
                violations.add("…");
            }
        }
    }

    private ParserFuzz() {
    }

    /**
     * Runs {@code count} mutants of one format, over both cores.
     *
     * @param dir a scratch directory for the damaged copies
     */
    public static Summary run(Format format, int count, long seed, Path dir) {
        List<Seed> seeds = seeds(format);
        if (seeds.isEmpty()) {
            throw new IllegalStateException("no seed files for " + format);
        }
        Summary summary = new Summary(format);
        long t0 = System.nanoTime();
        IntStream.range(0, count).parallel().forEach(i -> {
            Seed s = seeds.get(i % seeds.size());
            Mutator.Mutant m = new Mutator(seed * 1_000_003L + i).next(s.data(), s.layout());
            Path work = dir.resolve(Thread.currentThread().getName().replaceAll("[^A-Za-z0-9]", "_"));
            summary.mutants.incrementAndGet();
            try {
                check(format, s, m, work, summary);
            } catch (RecoveryException e) {
                typed(format, s, m, e, summary);
            } catch (RuntimeException | Error e) {
                summary.violation(s.name(), m.description(), "untyped " + e);
            }
        });
        summary.millis = (System.nanoTime() - t0) / 1_000_000;
        return summary;
    }

    /**
     * The seeds themselves, undamaged, through the same checks: their statements are what the server says of the
     * real files, the baseline of the server oracle.
     */
    public static Summary baseline(Format format, Path dir) {
        List<Seed> seeds = seeds(format);
        Summary summary = new Summary(format);
        for (Seed s : seeds) {
            Mutator.Mutant m = new Mutator.Mutant("undamaged", s.data());
            summary.mutants.incrementAndGet();
            try {
                check(format, s, m, dir.resolve("baseline"), summary);
            } catch (RecoveryException e) {
                typed(format, s, m, e, summary);
            }
        }
        return summary;
    }

    private static void check(Format format, Seed s, Mutator.Mutant m, Path work, Summary summary) {
        switch (format) {
            case FRM_TABLE, FRM_VIEW, TRG, SDI_FILE -> item(format, s, m, work, summary);
            case TRN -> {
                Path f = write(work.resolve(DATABASE), s.fileName(), m.data());
                TriggerNameFiles.table(f, m.data());
                summary.ok.incrementAndGet();
            }
            case PAR -> par(s, m, work, summary);
            case DB_OPT -> dbOpt(s, m, work, summary);
            case IBD -> ibd(s, m, work, summary);
            case SDI_JSON -> sdiJson(s, m, work, summary);
            default -> throw new IllegalStateException(format.name());
        }
    }

    /** Through {@code mysql ddl}'s own path: the bounded read, the reader, the item, the script. */
    private static void item(Format format, Seed s, Mutator.Mutant m, Path work, Summary summary) {
        if (format == Format.TRG && s.companion() != null) {
            // the table beside its triggers, as in a database directory: NEW/OLD columns are checked against it
            write(work.resolve(DATABASE), s.fileName().replaceFirst("\\.TRG$", ".frm"), (byte[]) s.companion());
        }
        Path f = write(work.resolve(DATABASE), s.fileName(), m.data());
        Scan.Item item = MySqlDdl.readOne(f, DATABASE, Dialect.MARIADB);
        if (format == Format.SDI_FILE) {
            try {
                Tablespaces.inspect(f);
            } catch (RecoveryException e) {
                expectTyped(format, s, m, e, summary);
            }
        }
        if (item.status() == Scan.Status.FAILED) {
            if (item.errorCode() == ErrorCode.INTERNAL) {
                summary.violation(s.name(), m.description(), "a reader bug caught as INTERNAL: " + item.reason());
                return;
            }
            summary.typed.computeIfAbsent(item.errorCode(), k -> new AtomicInteger()).incrementAndGet();
            if (!allowed(format).contains(item.errorCode())) {
                summary.violation(s.name(), m.description(), "unexpected " + item.errorCode() + ": " + item.reason());
            }
            offsetNamed(s, m, item.reason(), item.offset(), summary);
            if (item.errorCode() == ErrorCode.CORRUPT_INPUT && item.offset() == null) {
                summary.withoutOffset.incrementAndGet();
            }
            humanOutput(s, m, item, summary);
            return;
        }
        if (item.status() != Scan.Status.OK) {
            summary.violation(s.name(), m.description(), "status " + item.status() + ": " + item.reason());
            return;
        }
        summary.ok.incrementAndGet();
        humanOutput(s, m, item, summary);
        if (item.table() != null) {
            // the other dialect writes from the same model: it must not fail on what the reader let through
            DdlWriter.write(item.table(), Dialect.MYSQL);
            summary.statements.add(new Statement(format, s.name(), DATABASE,
                    DdlWriter.statements(item.table(), Dialect.MARIADB),
                    List.of("DROP TABLE IF EXISTS " + DdlWriter.id(item.table().name()))));
        }
        if (item.view() != null) {
            String name = "fz_view_" + Integer.toHexString(item.ddl().hashCode());
            String sql = ViewDdlWriter.createView(item.view(), null);
            // under a name of its own: every distinct view can be made and dropped beside the seeds' views
            sql = sql.replaceFirst(" VIEW " + Pattern.quote(DdlWriter.id(item.view().name())) + " AS ",
                    Matcher.quoteReplacement(" VIEW " + DdlWriter.id(name) + " AS "));
            summary.statements.add(new Statement(format, s.name(), null, List.of(sql),
                    List.of("DROP VIEW IF EXISTS " + DdlWriter.id(name))));
        }
        for (TriggerDefinition t : item.triggers()) {
            summary.statements.add(new Statement(format, s.name(), null, TriggerDdlWriter.statements(t),
                    List.of("DROP TRIGGER IF EXISTS " + DdlWriter.id(t.name()))));
        }
    }

    private static void par(Seed s, Mutator.Mutant m, Path work, Summary summary) {
        // a directory per seed file: the table's .frm written once, the damaged .par over the last one
        Path db = work.resolve("par-" + Integer.toHexString(s.name().hashCode())).resolve(DATABASE);
        String base = s.fileName().substring(0, s.fileName().length() - ".par".length());
        Path frm = db.resolve(base + ".frm");
        if (!Files.exists(frm)) {
            write(db, base + ".frm", (byte[]) s.companion());
        }
        String reference = REFERENCE.computeIfAbsent(s.name(), k -> MySqlDdl.readOne(frm, DATABASE, Dialect.MARIADB)
                .ddl());
        write(db, s.fileName(), m.data());
        // a .par holds only the partitions' names and engines, which the .frm has too: the scan never reads it,
        // and its damage changes nothing
        Scan scan = MySqlDdl.scan(List.of(db), Dialect.MARIADB);
        if (scan.items().size() != 1 || scan.items().get(0).status() != Scan.Status.OK
                || !scan.items().get(0).ddl().equals(reference)) {
            summary.violation(s.name(), m.description(), "a damaged .par changed the table read beside it: "
                    + scan.items());
        }
        summary.ok.incrementAndGet();
    }

    /** What a seed's own files give, read once: the .frm beside a .par, the table beside a db.opt. */
    private static final Map<String, String> REFERENCE = new ConcurrentHashMap<>();
    private static final Map<String, Scan.Item> TABLE = new ConcurrentHashMap<>();

    private static void dbOpt(Seed s, Mutator.Mutant m, Path work, Summary summary) {
        Path dir = work.resolve(DATABASE);
        write(dir, "db.opt", m.data());
        Scan.Database d = MySqlDdl.database(dir);
        if (!d.charset().isEmpty() && !Collations.isCharset(d.charset().toLowerCase(Locale.ROOT))
                && !d.charset().equalsIgnoreCase("utf8")) {
            summary.violation(s.name(), m.description(), "unknown charset kept: " + d.charset());
        }
        Scan.Item read = TABLE.computeIfAbsent(s.name(), k -> MySqlDdl.readOne(write(dir, "t.frm",
                (byte[]) s.companion()), DATABASE, Dialect.MARIADB));
        Scan.Item table = new Scan.Item(dir.resolve("t.frm"), read.kind(), DATABASE, read.status(),
                read.table(), null, List.of(), read.ddl(), read.statements(), null, null, "");
        String script = MySqlDdl.script(new Scan(Dialect.MARIADB, List.of(table), List.of(d)));
        String raw = ScriptCheck.rawControl(script);
        if (raw != null) {
            summary.violation(s.name(), m.description(), "raw control byte in the script: " + raw);
        }
        StringBuilder create = new StringBuilder("CREATE DATABASE IF NOT EXISTS `fz_db`");
        if (!d.charset().isEmpty()) {
            create.append(" CHARACTER SET ").append(d.charset());
        }
        if (!d.collation().isEmpty()) {
            create.append(" COLLATE ").append(d.collation());
        }
        summary.statements.add(new Statement(Format.DB_OPT, s.name(), null, List.of(create.toString()),
                List.of("DROP DATABASE IF EXISTS `fz_db`")));
        summary.ok.incrementAndGet();
    }

    private static void ibd(Seed s, Mutator.Mutant m, Path work, Summary summary) {
        Path f = write(work.resolve(DATABASE), s.fileName(), m.data());
        TableDefinition definition = (TableDefinition) s.companion();
        Tablespaces.inspect(f);
        Tablespaces.checkLayout(f, definition, 1000);
        try (FileRows rows = Tablespaces.rows(f, definition)) {
            for (int n = 0; n < 100 && rows.next() != null; n++) {
                // decode every value of the first rows
            }
        }
        summary.ok.incrementAndGet();
    }

    private static void sdiJson(Seed s, Mutator.Mutant m, Path work, Summary summary) {
        Path f = work.resolve(DATABASE).resolve(s.fileName());
        String json;
        try {
            // as SdiReader decodes a document: strictly, bytes that are no UTF-8 are damage
            json = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(m.data())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            summary.typed.computeIfAbsent(ErrorCode.CORRUPT_INPUT, k -> new AtomicInteger()).incrementAndGet();
            return;
        }
        TableDefinition t = SdiTables.table(f, new SdiReader.Document(SdiTables.TABLE, (Long) s.companion(), json,
                0));
        DdlWriter.write(t, Dialect.MYSQL);
        String ddl = DdlWriter.write(t, Dialect.MARIADB);
        Scan.Item item = new Scan.Item(f, Scan.Kind.TABLE, DATABASE, Scan.Status.OK, t, null,
                List.of(), ddl, DdlWriter.statements(t, Dialect.MARIADB), null, null, "");
        summary.ok.incrementAndGet();
        humanOutput(s, m, item, summary);
        summary.statements.add(new Statement(Format.SDI_JSON, s.name(), DATABASE,
                DdlWriter.statements(t, Dialect.MARIADB), List.of("DROP TABLE IF EXISTS " + DdlWriter.id(t.name()))));
    }

    private static void typed(Format format, Seed s, Mutator.Mutant m, RecoveryException e, Summary summary) {
        summary.typed.computeIfAbsent(e.code(), k -> new AtomicInteger()).incrementAndGet();
        expectTyped(format, s, m, e, summary);
    }

    private static void expectTyped(Format format, Seed s, Mutator.Mutant m, RecoveryException e, Summary summary) {
        if (!allowed(format).contains(e.code())) {
            summary.violation(s.name(), m.description(), "unexpected " + e.code() + ": " + e.getMessage());
        }
        if (e.path().isEmpty() || !e.getMessage().contains(e.path().get().toString())) {
            summary.violation(s.name(), m.description(), "the error does not name its file: " + e.getMessage());
        }
        offsetNamed(s, m, e.getMessage(), e.offset().isPresent() ? e.offset().getAsLong() : null, summary);
        if (e.code() == ErrorCode.CORRUPT_INPUT && e.offset().isEmpty()) {
            summary.withoutOffset.incrementAndGet();
        }
        String shown = TerminalText.escape(e.describe());
        if (TerminalText.hasControl(shown, true)) {
            summary.violation(s.name(), m.description(), "control byte left in the message as shown");
        }
    }

    private static final Pattern AT_OFFSET = Pattern.compile("at byte offset (\\d+)");

    private static void offsetNamed(Seed s, Mutator.Mutant m, String message, Long offset, Summary summary) {
        Matcher at = AT_OFFSET.matcher(message);
        if (at.find() && (offset == null || offset != Long.parseLong(at.group(1)))) {
            summary.violation(s.name(), m.description(), "the message names offset " + at.group(1) + " but the "
                    + "error carries " + offset + ": " + message);
        }
    }

    /** The script {@code mysql ddl} writes for the item, and its line on stderr as the CLI escapes it. */
    private static void humanOutput(Seed s, Mutator.Mutant m, Scan.Item item, Summary summary) {
        Scan scan = new Scan(Dialect.MARIADB, List.of(item),
                item.status() == Scan.Status.OK ? List.of(new Scan.Database(DATABASE,
                        item.file().getParent(), "", "")) : List.of());
        String raw = ScriptCheck.rawControl(MySqlDdl.script(scan));
        if (raw != null) {
            summary.violation(s.name(), m.description(), "raw control byte in the script: " + raw);
        }
        if (TerminalText.hasControl(TerminalText.escape(item.reason()), true)) {
            summary.violation(s.name(), m.description(), "control byte left in the reason as shown");
        }
    }

    private static Set<ErrorCode> allowed(Format format) {
        return format == Format.IBD
                // a definition that does not fit the records is the layout check's own verdict
                ? Set.of(ErrorCode.CORRUPT_INPUT, ErrorCode.UNSUPPORTED_FORMAT, ErrorCode.VERIFICATION_FAILED)
                : Set.of(ErrorCode.CORRUPT_INPUT, ErrorCode.UNSUPPORTED_FORMAT);
    }

    private static Path write(Path dir, String name, byte[] data) {
        try {
            Files.createDirectories(dir);
            return Files.write(dir.resolve(name), data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------- seeds

    private static final Map<Format, List<Seed>> SEEDS = new ConcurrentHashMap<>();

    /** The seed files of a format (cached). */
    static List<Seed> seeds(Format format) {
        return SEEDS.computeIfAbsent(format, f -> {
            try {
                return List.copyOf(load(f));
            } catch (IOException | URISyntaxException e) {
                throw new IllegalStateException("cannot load the seeds of " + f, e);
            }
        });
    }

    /** Whether the MariaDB test corpus is here to add its files to the seeds. */
    static boolean corpus() {
        return Files.isDirectory(CORPUS.resolve("std_data"));
    }

    private static Path resources() throws URISyntaxException {
        return Path.of(ParserFuzz.class.getResource("/frm").toURI()).getParent();
    }

    private static List<Seed> load(Format format) throws IOException, URISyntaxException {
        Path res = resources();
        List<Seed> out = new ArrayList<>();
        switch (format) {
            case FRM_TABLE, FRM_VIEW -> {
                List<Path> files = new ArrayList<>();
                for (String dir : List.of("frm/mariadb-10.11.19", "ibd", "files", "views/mariadb-10.11.19",
                        "fuzz/mariadb-10.11.19")) {
                    files.addAll(list(res.resolve(dir), ".frm"));
                }
                if (corpus()) {
                    files.addAll(list(CORPUS, ".frm"));
                }
                for (Path p : files) {
                    byte[] d = Files.readAllBytes(p);
                    boolean view = new String(d, 0, Math.min(9, d.length), StandardCharsets.ISO_8859_1)
                            .equals("TYPE=VIEW");
                    if (view == (format == Format.FRM_VIEW) && readable(p)) {
                        out.add(new Seed(label(res, p), fileName(p), d, view ? Layouts.text(d) : Layouts.frm(d),
                                null));
                    }
                }
            }
            case TRG -> {
                List<Path> files = new ArrayList<>(list(res.resolve("views/mariadb-10.11.19"), ".TRG"));
                files.addAll(list(res.resolve("fuzz/mariadb-10.11.19"), ".TRG"));
                if (corpus()) {
                    files.addAll(list(CORPUS, ".TRG"));
                }
                for (Path p : files) {
                    if (readable(p)) {
                        byte[] d = Files.readAllBytes(p);
                        Path frm = p.resolveSibling(p.getFileName().toString().replaceFirst("\\.TRG$", ".frm"));
                        out.add(new Seed(label(res, p), fileName(p), d, Layouts.text(d),
                                Files.isRegularFile(frm) ? Files.readAllBytes(frm) : null));
                    }
                }
            }
            case TRN -> {
                for (Path p : list(res.resolve("fuzz/mariadb-10.11.19"), ".TRN")) {
                    byte[] d = Files.readAllBytes(p);
                    out.add(new Seed(label(res, p), fileName(p), d, Layouts.text(d), null));
                }
            }
            case PAR -> {
                List<Path> files = new ArrayList<>(list(res.resolve("fuzz/mariadb-10.11.19"), ".par"));
                if (corpus()) {
                    files.addAll(list(CORPUS, ".par"));
                }
                for (Path p : files) {
                    Path frm = p.resolveSibling(p.getFileName().toString().replaceFirst("\\.par$", ".frm"));
                    if (Files.isRegularFile(frm) && readable(frm)) {
                        byte[] d = Files.readAllBytes(p);
                        out.add(new Seed(label(res, p), fileName(p), d, Layouts.par(d), Files.readAllBytes(frm)));
                    }
                }
            }
            case DB_OPT -> {
                byte[] table = Files.readAllBytes(res.resolve("frm/mariadb-10.11.19/v__t_int.frm"));
                for (Path p : list(res.resolve("fuzz/mariadb-10.11.19"), ".opt")) {
                    byte[] d = Files.readAllBytes(p);
                    out.add(new Seed(label(res, p), "db.opt", d, Layouts.text(d), table));
                }
            }
            case IBD -> {
                for (String n : List.of("small", "instant", "instant_redundant", "zipped")) {
                    Path ibd = res.resolve("ibd/" + n + ".ibd");
                    byte[] d = Files.readAllBytes(ibd);
                    TableDefinition t = FrmReader.read(res.resolve("ibd/" + n + ".frm"));
                    int pageSize = n.equals("zipped") ? 4096 : 16384;
                    out.add(new Seed(label(res, ibd), n + ".ibd", d, Layouts.ibd(d, pageSize), t));
                }
            }
            case SDI_FILE, SDI_JSON -> {
                List<Path> files = new ArrayList<>(list(res.resolve("sdi/innodb-java-reader-mysql80"), ".ibd"));
                if (corpus()) {
                    files.addAll(list(CORPUS.resolve("std_data/mysql80"), ".ibd"));
                }
                for (Path p : files) {
                    byte[] d = Files.readAllBytes(p);
                    List<SdiReader.Document> docs;
                    try {
                        docs = SdiReader.read(p);
                        SdiTables.tables(p, docs);
                    } catch (RecoveryException e) {
                        continue; // a corpus file the reader refuses as it is (t1.ibd: its SDI is elsewhere)
                    }
                    if (format == Format.SDI_FILE) {
                        out.add(new Seed(label(res, p), fileName(p), d, Layouts.ibd(d, 16384), null));
                        continue;
                    }
                    for (SdiReader.Document doc : docs) {
                        if (doc.type() == SdiTables.TABLE) {
                            byte[] j = doc.json().getBytes(StandardCharsets.UTF_8);
                            out.add(new Seed(label(res, p) + "#" + doc.id(), fileName(p), j, Layouts.json(j),
                                    doc.id()));
                        }
                    }
                }
            }
            default -> throw new IllegalStateException(format.name());
        }
        return out;
    }

    /** Seeds are files the readers read as they are: a damaged copy of an unreadable file tests nothing. */
    private static boolean readable(Path p) {
        try {
            byte[] d = Files.readAllBytes(p);
            String name = fileName(p);
            if (name.endsWith(".TRG")) {
                TriggerFileReader.read(p, d, name);
            } else if (ViewFrmReader.isView(d)) {
                ViewFrmReader.read(p, d, name);
            } else {
                FrmReader.read(p, d, name);
            }
            return true;
        } catch (RecoveryException | IOException e) {
            return false;
        }
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p)).sorted()
                    .toList();
        }
    }

    /** The file name the server wrote: fixtures carry a {@code <db>__} prefix. */
    private static String fileName(Path p) {
        String n = p.getFileName().toString();
        int cut = n.indexOf("__");
        return cut > 0 ? n.substring(cut + 2) : n;
    }

    private static String label(Path res, Path p) {
        return p.startsWith(res) ? res.relativize(p).toString() : CORPUS.relativize(p).toString();
    }
}
