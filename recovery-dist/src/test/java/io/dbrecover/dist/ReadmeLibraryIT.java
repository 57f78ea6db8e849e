package io.dbrecover.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.Engines;
import io.dbrecover.testkit.RequiresServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's library examples, compiled and run exactly as printed (the Java blocks of its "Library" section),
 * the way Testcontainers includes tested code in its docs: the library's face cannot drift from what the README
 * shows. The recovery example runs on orphaned files of a real MariaDB made here.
 */
@RequiresServer("mysql")
class ReadmeLibraryIT {
    static final Path README = Path.of(System.getProperty("dbrecover.dist.readme"));

    @TempDir
    static Path tmp;
    static Map<String, Class<?>> examples;

    @BeforeAll
    static void compileTheExamples() throws IOException, ClassNotFoundException {
        Map<String, String> sources = javaBlocks(Files.readString(README, StandardCharsets.UTF_8));
        assertThat(sources).as("the README's library examples").containsKeys("RecoverShop", "ThrowawayServer",
                "CheckInfluxFiles");
        Path src = Files.createDirectories(tmp.resolve("src"));
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            files.add(Files.writeString(src.resolve(e.getKey() + ".java"), e.getValue()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
            boolean ok = javac.getTask(diagnostics, fm, null, List.of("-classpath",
                    System.getProperty("java.class.path"), "-d", classes.toString(), "-Xlint:all", "-Werror"),
                    null, units).call();
            assertThat(ok).as("the README's examples compile as printed:%n%s", diagnostics).isTrue();
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeLibraryIT.class.getClassLoader());
        examples = new LinkedHashMap<>();
        for (String name : sources.keySet()) {
            examples.put(name, loader.loadClass(name));
        }
    }

    @Test
    void recoverShopBringsBackOrphanedTablesVerified() throws Exception {
        Path shop = orphanedShop();
        Path work = tmp.resolve("work");
        Map<String, String> before = sha256Tree(shop);
        String out = runMain(examples.get("RecoverShop"), shop.toString(), work.toString());

        assertThat(out).contains("2 definitions read, 0 failed", "CREATE TABLE `orders` (", "CREATE TABLE `notes` (",
                "shop.orders: VERIFIED", "shop.notes: VERIFIED", "VERIFIED, sources unchanged: yes");
        // not only the product's word: the report holds the 500 rows inserted into each table before the disaster
        JsonNode items = new ObjectMapper().readTree(work.resolve("report.json").toFile()).get("items");
        assertThat(items).extracting(i -> i.get("name").asText() + ": " + i.get("detail").asText())
                .anySatisfy(d -> assertThat(d).startsWith("shop.orders: 500 rows, row hash sha256:"))
                .anySatisfy(d -> assertThat(d).startsWith("shop.notes: 500 rows, row hash sha256:"));
        assertThat(sha256Tree(shop)).isEqualTo(before);
    }

    @Test
    void throwawayServerAnswersAndStops() throws Exception {
        String out = runMain(examples.get("ThrowawayServer"));
        assertThat(out).containsPattern("mysql 10\\.\\d+\\.\\d+-MariaDB\\S* at Endpoint\\[host=127\\.0\\.0\\.1");
        assertThat(out).doesNotContainPattern("password=[^*\\]]");
    }

    @Test
    void checkInfluxFilesReadsATsmFileInfluxdWrote() throws Exception {
        // a shard of a data directory holding a TSM file influxd 1.6 wrote (recovery-influx's test fixture)
        Path shard = Files.createDirectories(tmp.resolve("influx/data/spans/autogen/2"));
        Files.copy(Path.of("../recovery-influx/src/test/resources/tsm/influxd-1.6-uncompressed-times.tsm"),
                shard.resolve("000000001-000000001.tsm"));
        Map<String, String> before = sha256Tree(shard);
        String out = runMain(examples.get("CheckInfluxFiles"), tmp.resolve("influx/data").toString());

        assertThat(out).contains("1 TSM files, 1 blocks, ", " values: no damage",
                "spans.autogen span: 1 series, ", " points, fields {v=integer}");
        assertThat(sha256Tree(shard)).isEqualTo(before);
    }

    /** Every file of the directory by name, with its SHA-256: the source as it was, compared after the run. */
    static Map<String, String> sha256Tree(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(), HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
            }
        }
        return out;
    }

    /** The ```java blocks of the README's "## Library" section, by the public class each declares. */
    static Map<String, String> javaBlocks(String readme) {
        int start = readme.indexOf("\n## Library\n");
        assertThat(start).as("a '## Library' section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Map<String, String> blocks = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?s)\n```java\n(.*?)\n```").matcher(section);
        while (m.find()) {
            Matcher name = Pattern.compile("public (?:final )?class (\\w+)").matcher(m.group(1));
            assertThat(name.find()).as("every example is a whole class: %s", m.group(1)).isTrue();
            assertThat(blocks).as("two examples declare %s", name.group(1)).doesNotContainKey(name.group(1));
            blocks.put(name.group(1), m.group(1) + "\n");
        }
        return blocks;
    }

    /** Calls {@code main} and returns what it printed on standard output. */
    static String runMain(Class<?> example, String... args) throws Exception {
        Method main = example.getMethod("main", String[].class);
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            System.setOut(stdout);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        stdout.print(out);
        return out;
    }

    /** A shop database of a real MariaDB, left as only its .frm and .ibd files: what a wrecked disk gives back. */
    static Path orphanedShop() throws Exception {
        Path base = Files.createDirectories(tmp.resolve("server"));
        Path dataDir;
        try (ManagedServer server = Engines.byId("mysql").servers().orElseThrow().create(
                ServerOptions.builder().baseDir(base).keepFiles(true).build())) {
            server.start();
            dataDir = server.info().dataDir();
            Endpoint ep = server.endpoint();
            try (Connection c = DriverManager.getConnection(ep.url(), ep.user(), ep.password());
                 Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE shop");
                st.execute("CREATE TABLE shop.orders (id INT PRIMARY KEY, customer VARCHAR(40) NOT NULL, "
                        + "total DECIMAL(10,2), placed DATETIME(3), KEY by_customer (customer))");
                st.execute("CREATE TABLE shop.notes (body TEXT, weight DOUBLE)");
                try (PreparedStatement o = c.prepareStatement("INSERT INTO shop.orders VALUES (?, ?, ?, ?)");
                     PreparedStatement n = c.prepareStatement("INSERT INTO shop.notes VALUES (?, ?)")) {
                    for (int i = 1; i <= 500; i++) {
                        o.setInt(1, i);
                        o.setString(2, "customer " + i % 37 + " ünïcödé");
                        o.setBigDecimal(3, BigDecimal.valueOf(i * 1999L, 2));
                        o.setString(4, "2024-01-01 10:00:00." + String.format("%03d", i % 1000));
                        o.addBatch();
                        n.setString(1, "note " + i);
                        n.setDouble(2, i / 7.0);
                        n.addBatch();
                    }
                    o.executeBatch();
                    n.executeBatch();
                }
            }
        }
        Path shop = Files.createDirectories(tmp.resolve("old-disk/shop"));
        try (Stream<Path> files = Files.list(dataDir.resolve("shop"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".frm") || f.toString().endsWith(".ibd"))
                    .toList()) {
                Files.copy(f, shop.resolve(f.getFileName()));
            }
        }
        return shop;
    }
}
