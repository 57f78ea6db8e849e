package io.dbrecover.mysql.frm;

import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.Engines;
import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.server.MariaDbServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Benchmark of the {@code .frm} reader (issue 4, "Speed"); a main program run by {@code bench/frm/run.sh}, never
 * by surefire or failsafe (the name ends in neither Test nor IT), because timings belong in a benchmark, not in
 * assertions.
 *
 * <p>It measures, in one run: our parse + render (warm JIT, several rounds, median) over the test-data corpus and
 * our fixtures, and the reference people use without dbrecover: a throwaway MariaDB server that opens each fixture
 * {@code .frm} (engine switched to MEMORY, since the engine data is absent) after {@code FLUSH TABLES} and answers
 * {@code SHOW CREATE TABLE}. Ratios are ours over the server's on the same files. Targets are printed, never
 * enforced.
 *
 * <p>Arguments: the corpus directory, the fixture directory, then optionally the number of rounds.
 */
public final class FrmBench {
    private static final double TARGET_WARM_PER_SECOND = 20_000;

    private FrmBench() {
    }

    private record FrmFile(Path path, byte[] data, String name) {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "/usr/share/mysql/mysql-test");
        Path fixtures = Path.of(args.length > 1 ? args[1] : "recovery-mysql/src/test/resources/frm");
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 15;

        List<FrmFile> corpusFiles = load(corpus);
        List<FrmFile> fixtureFiles = load(fixtures);
        List<FrmFile> all = new ArrayList<>(corpusFiles);
        all.addAll(fixtureFiles);

        // Files that give a typed error (views, unsupported layouts, damaged files) are counted and left out.
        List<FrmFile> readable = new ArrayList<>();
        int typedErrors = 0;
        for (FrmFile f : all) {
            try {
                DdlWriter.write(FrmReader.read(f.path(), f.data(), f.name()));
                readable.add(f);
            } catch (RecoveryException e) {
                typedErrors++;
            }
        }
        List<FrmFile> readableFixtures = readable.stream().filter(fixtureFiles::contains).toList();
        System.out.printf(Locale.ROOT, "files: %d .frm (%d corpus under %s, %d fixtures); %d give a typed error "
                + "(views, unsupported or damaged) and are skipped; %d measured%n", all.size(), corpusFiles.size(),
                corpus, fixtureFiles.size(), typedErrors, readable.size());

        warmUp(readable, 2_000_000);
        double memory = median(rounds, () -> fromMemory(readable), readable.size());
        double disk = median(rounds, () -> fromDisk(readable), readable.size());
        System.out.printf(Locale.ROOT, "ours, warm, parse + render from memory:           %,12.0f files/s "
                + "(target >= %,.0f)%n", memory, TARGET_WARM_PER_SECOND);
        System.out.printf(Locale.ROOT, "ours, warm, read file + parse + render:           %,12.0f files/s%n", disk);

        server(readableFixtures, rounds);
    }

    private static List<FrmFile> load(Path dir) throws IOException {
        List<Path> paths;
        try (Stream<Path> s = Files.walk(dir)) {
            paths = s.filter(p -> p.toString().endsWith(".frm") && Files.isRegularFile(p)).sorted().toList();
        }
        List<FrmFile> out = new ArrayList<>();
        for (Path p : paths) {
            out.add(new FrmFile(p, Files.readAllBytes(p), p.getFileName().toString()));
        }
        return out;
    }

    /** Runs the reader until about {@code target} files were read, so the JIT has compiled the hot paths. */
    private static void warmUp(List<FrmFile> files, int target) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        int done = 0;
        while (done < target && System.nanoTime() < deadline) {
            done += fromMemory(files);
        }
    }

    private static int fromMemory(List<FrmFile> files) {
        int sink = 0;
        for (FrmFile f : files) {
            sink += DdlWriter.write(FrmReader.read(f.path(), f.data(), f.name())).length();
        }
        return sink == 0 ? 0 : files.size();
    }

    private static int fromDisk(List<FrmFile> files) {
        int sink = 0;
        for (FrmFile f : files) {
            sink += DdlWriter.write(FrmReader.read(f.path())).length();
        }
        return sink == 0 ? 0 : files.size();
    }

    @FunctionalInterface
    private interface Round {
        int run() throws Exception;
    }

    /**
     * The median over {@code rounds} of files per second; a round repeats the pass until it lasts at least 200 ms
     * so that a small set still gives a stable timing.
     */
    private static double median(int rounds, Round pass, int perPass) throws Exception {
        double[] rates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            long files = 0;
            long elapsed;
            do {
                files += pass.run();
                elapsed = System.nanoTime() - start;
            } while (elapsed < 200_000_000L);
            if (files == 0 && perPass > 0) {
                throw new IllegalStateException("a pass read nothing");
            }
            rates[r] = files / (elapsed / 1e9);
        }
        Arrays.sort(rates);
        return rates[rounds / 2];
    }

    /** The reference: a throwaway MariaDB decodes the fixture tables; ratio ours/server on the same files. */
    private static void server(List<FrmFile> fixtures, int rounds) throws Exception {
        try (ManagedServer server = Engines.byId("mysql").servers().orElseThrow()
                .create(ServerOptions.builder().build())) {
            server.start();
            Path dbDir = server.info().dataDir().resolve("frm_bench");
            List<String> tables = new ArrayList<>();
            List<FrmFile> opened = new ArrayList<>();
            int refused = 0;
            try (Connection c = MariaDbServer.connect(server.endpoint()); Statement st = c.createStatement()) {
                st.execute("SET time_zone='+00:00'");
                st.execute("CREATE DATABASE frm_bench");
                for (FrmFile f : fixtures) {
                    if (isView(f.data())) {
                        refused++;
                        continue;
                    }
                    if (partitioned(f)) {
                        refused++; // needs its .par and per-partition engines patched; a bare copy crashes 10.11
                        continue;
                    }
                    // InnoDB/Aria tables without their data: MEMORY needs nothing but the .frm to open; MEMORY
                    // refuses generated columns and BLOBs, so those go to MyISAM with REPAIR … USE_FRM instead.
                    String table = tryOpen(st, dbDir, f, tables, 6, "MEMORY");
                    if (table == null) {
                        table = tryOpen(st, dbDir, f, tables, 9, "MyISAM");
                    }
                    if (table == null) {
                        refused++;
                    } else {
                        tables.add(table);
                        opened.add(f);
                    }
                }
                System.out.printf(Locale.ROOT, "server: MariaDB %s on port %d; %d fixture tables open after the MEMORY engine "
                        + "swap or MyISAM + REPAIR USE_FRM (%d it cannot open without their engine data or .par, or views, are left out)%n",
                        server.info().version(), server.endpoint().port(), tables.size(), refused);
                warmServer(st, tables);
                double serverRate = median(rounds, () -> serverPass(st, tables), tables.size());
                System.out.printf(Locale.ROOT, "server, FLUSH TABLES + SHOW CREATE TABLE:         %,12.0f files/s%n",
                        serverRate);
                double ours = median(rounds, () -> fromDisk(opened), opened.size());
                System.out.printf(Locale.ROOT, "ours on the same %2d files, read + parse + render:  %,12.0f files/s%n",
                        opened.size(), ours);
                System.out.printf(Locale.ROOT, "ratio ours/server on the same files:              %,12.1f x%n",
                        ours / serverRate);
            }
        }
    }

    private static boolean partitioned(FrmFile f) {
        try {
            return !FrmReader.read(f.path(), f.data(), f.name()).partitionClause().isEmpty();
        } catch (RecoveryException e) {
            return false;
        }
    }

    /** Copies the engine-swapped file in; the table name when the server shows it, else null (file removed). */
    private static String tryOpen(Statement st, Path dbDir, FrmFile f, List<String> known, int code, String engine)
            throws IOException, SQLException {
        byte[] swapped;
        try {
            swapped = FrmEngineSwap.swap(f.data(), code, engine);
        } catch (RuntimeException e) {
            return null;
        }
        Path target = dbDir.resolve(f.name());
        Files.write(target, swapped);
        st.execute("FLUSH TABLES");
        String table = tableFor(st, known);
        if (table != null && engine.equals("MyISAM")) {
            try (ResultSet rs = st.executeQuery("REPAIR TABLE frm_bench.`" + table.replace("`", "``")
                    + "` USE_FRM")) {
                while (rs.next()) {
                    continue; // the verdict shows in SHOW CREATE TABLE below
                }
            }
        }
        if (table != null && showCreate(st, table) != null) {
            return table;
        }
        st.execute("FLUSH TABLES");
        String base = f.name().substring(0, f.name().length() - 4);
        for (String ext : new String[] {".frm", ".MYD", ".MYI"}) {
            Files.deleteIfExists(dbDir.resolve(base + ext));
        }
        return null;
    }

    private static boolean isView(byte[] data) {
        return data.length >= 9 && new String(data, 0, 9, StandardCharsets.US_ASCII).equals("TYPE=VIEW");
    }

    /** The one table the server lists that is not yet known (the file just copied in). */
    private static String tableFor(Statement st, List<String> known) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW TABLES FROM frm_bench")) {
            while (rs.next()) {
                String t = rs.getString(1);
                if (!known.contains(t)) {
                    return t;
                }
            }
        }
        return null;
    }

    private static String showCreate(Statement st, String table) {
        try (ResultSet rs = st.executeQuery("SHOW CREATE TABLE frm_bench.`" + table.replace("`", "``") + "`")) {
            return rs.next() ? rs.getString(2) : null;
        } catch (SQLException e) {
            System.out.println("  server refuses " + table + ": " + e.getMessage());
            return null;
        }
    }

    private static void warmServer(Statement st, List<String> tables) throws Exception {
        for (int i = 0; i < 20; i++) {
            serverPass(st, tables);
        }
    }

    /** One pass: FLUSH TABLES empties the table definition cache, so every SHOW CREATE TABLE re-reads the .frm. */
    private static int serverPass(Statement st, List<String> tables) throws SQLException {
        st.execute("FLUSH TABLES");
        int n = 0;
        for (String t : tables) {
            if (showCreate(st, t) == null) {
                throw new SQLException("the server no longer shows " + t);
            }
            n++;
        }
        return n;
    }
}
