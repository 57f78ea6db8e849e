package io.dbrecover.mysql.sqlfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.process.ProcessSpec;
import io.dbrecover.core.server.Secrets;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.model.ForeignKey;
import io.dbrecover.mysql.server.MariaDbServer;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import io.dbrecover.testkit.RequiresServer;
import io.dbrecover.testkit.SourceSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DdlFile} against real files: a dump written by the real {@code mariadb-dump} of a seeded server must give
 * back every table as that server's SHOW CREATE TABLE prints it, foreign keys included; hand-written schema files
 * show the database fallback and how refused statements become problems.
 */
@RequiresServer("mysql")
class DdlFileIT {
    /** Tables in two databases covering the shapes a dump holds; the comments carry emoji, CJK and quotes. */
    private static final List<String> SEED = List.of(
            "CREATE DATABASE shop CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
            "CREATE DATABASE archive CHARACTER SET latin1",
            "USE shop",
            "CREATE TABLE customers (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL "
                    + "COMMENT 'Kundenname 😀 名前; it''s', email VARCHAR(200) DEFAULT NULL, created TIMESTAMP(3) "
                    + "NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE KEY uq_email "
                    + "(email)) COMMENT='客户 – clients; \"quoted\"'",
            "CREATE TABLE orders (id BIGINT UNSIGNED NOT NULL PRIMARY KEY, customer_id INT NOT NULL, total "
                    + "DECIMAL(12,2) NOT NULL DEFAULT 0.00, status ENUM('new','paid','sent') NOT NULL DEFAULT 'new', "
                    + "KEY ix_customer (customer_id), CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) "
                    + "REFERENCES customers (id) ON DELETE CASCADE) ROW_FORMAT=DYNAMIC",
            "CREATE TABLE order_lines (order_id BIGINT UNSIGNED NOT NULL, line SMALLINT NOT NULL, qty INT NOT NULL, "
                    + "price DECIMAL(10,2) NOT NULL, amount DECIMAL(14,2) AS (qty * price) STORED, doubled INT AS "
                    + "(qty * 2) VIRTUAL, PRIMARY KEY (order_id, line), KEY ix_doubled (doubled), CONSTRAINT "
                    + "fk_lines_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE ON UPDATE "
                    + "CASCADE, CONSTRAINT fk_a_lines_order FOREIGN KEY (order_id) REFERENCES orders (id))",
            "CREATE TABLE event_log (at DATETIME(6) NOT NULL, level CHAR(5) NOT NULL, message TEXT)",
            "CREATE TABLE articles (id INT NOT NULL PRIMARY KEY, title VARCHAR(200) NOT NULL, body MEDIUMTEXT, "
                    + "FULLTEXT KEY ft_text (title, body)) ENGINE=InnoDB",
            "CREATE TABLE visits (id INT NOT NULL, day DATE NOT NULL, hits INT NOT NULL DEFAULT 0, "
                    + "PRIMARY KEY (id, day)) PARTITION BY RANGE (YEAR(day)) (PARTITION p2023 VALUES LESS THAN "
                    + "(2024), PARTITION pmax VALUES LESS THAN MAXVALUE)",
            "CREATE TRIGGER orders_paid BEFORE UPDATE ON orders FOR EACH ROW BEGIN IF NEW.total < 0 THEN "
                    + "SET NEW.total = 0; END IF; END",
            "CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100",
            "CREATE PROCEDURE count_orders() BEGIN SELECT COUNT(*) FROM orders; SELECT 1; END",
            "USE archive",
            "CREATE TABLE old_orders (id INT NOT NULL PRIMARY KEY, customer_id INT DEFAULT NULL, note "
                    + "VARCHAR(50) DEFAULT 'n/a', KEY ix_customer (customer_id), CONSTRAINT fk_old_customer "
                    + "FOREIGN KEY (customer_id) REFERENCES shop.customers (id) ON DELETE SET NULL) "
                    + "ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8",
            "CREATE TABLE settings (k VARCHAR(50) NOT NULL, v LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin "
                    + "DEFAULT NULL CHECK (json_valid(v)), flags SET('a','b','c') NOT NULL DEFAULT 'a,b', "
                    + "UNIQUE KEY uq_k (k)) ENGINE=MyISAM",
            "INSERT INTO shop.customers (name, email) VALUES ('Ana; DROP TABLE x', 'a@x'), ('Bö 😀', 'b@x'), "
                    + "('it''s \\\\ back', NULL)",
            "INSERT INTO shop.orders VALUES (1, 1, 150.00, 'paid'), (2, 2, 5.50, 'new')",
            "INSERT INTO shop.order_lines (order_id, line, qty, price) VALUES (1, 1, 3, 50.00)",
            "INSERT INTO shop.event_log VALUES (NOW(6), 'INFO', 'started; \"quoted\" ''single'' `tick`')",
            "INSERT INTO shop.articles VALUES (1, 'CREATE TABLE fake (a INT);', 'DELIMITER ;;')",
            "INSERT INTO shop.visits VALUES (1, '2023-05-01', 3), (1, '2024-05-01', 4)",
            "INSERT INTO archive.old_orders VALUES (7, 1, 'kept')",
            "INSERT INTO archive.settings VALUES ('theme', '{\"dark\": true}', 'c')");

    @TempDir
    Path tmp;

    private final MariaDbServerProvider provider = new MariaDbServerProvider();

    @Test
    void aMariaDbDumpGivesEveryTableAsTheSourceServerShowsIt() throws Exception {
        Path dumpDir = Files.createDirectories(tmp.resolve("dump"));
        Path dump = dumpDir.resolve("shop-and-archive.sql");
        Map<String, String> expected = new TreeMap<>();
        Map<String, List<String>> expectedForeignKeys = new TreeMap<>();
        try (MariaDbServer source = provider.createServer(ServerOptions.builder()
                .baseDir(Files.createDirectories(tmp.resolve("source"))).build())) {
            source.start();
            try (Connection c = MariaDbServer.connect(source.endpoint()); Statement st = c.createStatement()) {
                for (String sql : SEED) {
                    st.execute(sql);
                }
                for (String db : List.of("shop", "archive")) {
                    try (ResultSet rs = st.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES WHERE "
                            + "TABLE_SCHEMA = '" + db + "' AND TABLE_TYPE = 'BASE TABLE'")) {
                        while (rs.next()) {
                            expected.put(db + "." + rs.getString(1), null);
                        }
                    }
                }
                for (String name : expected.keySet()) {
                    String[] p = name.split("\\.");
                    try (ResultSet rs = st.executeQuery("SHOW CREATE TABLE `" + p[0] + "`.`" + p[1] + "`")) {
                        rs.next();
                        expected.put(name, rs.getString(2));
                    }
                    try (ResultSet rs = st.executeQuery("SELECT CONSTRAINT_NAME FROM information_schema."
                            + "REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = '" + p[0] + "' AND TABLE_NAME = '"
                            + p[1] + "' ORDER BY CONSTRAINT_NAME")) {
                        List<String> fks = new java.util.ArrayList<>();
                        while (rs.next()) {
                            fks.add(rs.getString(1));
                        }
                        expectedForeignKeys.put(name, fks);
                    }
                }
            }
            mariaDbDump(source, dump, "shop", "archive");
        }
        assertThat(expected).hasSize(8);
        assertThat(dump).content(StandardCharsets.UTF_8).contains("DELIMITER ;;", "INSERT INTO `customers`",
                "TRIGGER orders_paid", "VIEW `big_orders`", "PROCEDURE `count_orders`");
        SourceSnapshot before = SourceSnapshot.of(dumpDir);
        Path scratch = tmp.resolve("scratch");

        DdlFile.Result result = DdlFile.read(dump, provider, ServerOptions.builder().build(), scratch);

        assertThat(result.problems()).isEmpty();
        assertThat(result.databases()).containsExactly("archive", "shop");
        assertThat(result.tables()).hasSize(expected.size());
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String[] p = e.getKey().split("\\.");
            DdlFile.Entry entry = result.lookup(p[0], p[1]).orElseThrow();
            assertThat(entry.database()).isEqualTo(p[0]);
            assertThat(comparable(DdlWriter.createTable(entry.definition()))).as(e.getKey())
                    .isEqualTo(comparable(e.getValue()));
            assertThat(entry.definition().foreignKeys()).as(e.getKey()).extracting(ForeignKey::name)
                    .containsExactlyElementsOf(expectedForeignKeys.get(e.getKey()));
            assertThat(entry.origin()).matches("shop-and-archive\\.sql line \\d+");
        }
        assertThat(result.lookup("archive", "old_orders").orElseThrow().definition().foreignKeys()).containsExactly(
                new ForeignKey("fk_old_customer", List.of("customer_id"), "shop", "customers", List.of("id"),
                        ForeignKey.Rule.NO_ACTION, ForeignKey.Rule.SET_NULL));
        assertThat(result.lookup("shop", "order_lines").orElseThrow().definition().notes())
                .noneMatch(n -> n.startsWith("foreign keys"));
        assertThat(result.lookup("other", "orders")).isEmpty();
        assertThat(String.join("\n", result.notes())).contains("INSERT/REPLACE statements skipped",
                "CREATE TRIGGER", "CREATE VIEW", "CREATE PROCEDURE", "not InnoDB, so not transplanted: "
                        + "archive.settings (MyISAM)");
        assertThat(before.compareNow().unchanged()).isTrue();
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left).as("the throwaway server's files are deleted").isEmpty();
        }
    }

    @Test
    void aSchemaFileWithoutUseAppliesToEveryDatabaseButAnExactDatabaseWins() throws Exception {
        Path file = write("schema.sql", """
                -- no database context: these apply to any database
                CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20));

                CREATE TABLE tags (id INT PRIMARY KEY);
                CREATE DATABASE special;
                USE special;
                CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20), extra INT);
                CREATE TABLE elsewhere.qualified (a INT);
                """);

        DdlFile.Result result = DdlFile.read(file, provider, ServerOptions.builder().build(), tmp.resolve("s"));

        assertThat(result.problems()).isEmpty();
        assertThat(result.lookup("any_db", "items").orElseThrow()).satisfies(e -> {
            assertThat(e.database()).isEqualTo(DdlFile.DEFAULT_DATABASE);
            assertThat(e.definition().columns()).hasSize(2);
            assertThat(e.origin()).isEqualTo("schema.sql line 2");
        });
        assertThat(result.lookup("special", "items").orElseThrow().definition().columns()).hasSize(3);
        assertThat(result.lookup("special", "tags").orElseThrow().origin()).isEqualTo("schema.sql line 4");
        assertThat(result.lookup("any_db", "Items")).as("names are case-sensitive").isEmpty();
        assertThat(result.lookup("elsewhere", "qualified")).isPresent();
        assertThat(result.lookup("special", "qualified")).isEmpty();
        assertThat(result.databases()).containsExactly(DdlFile.DEFAULT_DATABASE, "elsewhere", "special");
        assertThat(result.notes()).anyMatch(n -> n.contains("elsewhere") && n.contains("line 8"));
    }

    @Test
    void aBrokenStatementBecomesAProblemWithItsLineAndTheOthersAreRead() throws Exception {
        Path file = write("broken.sql", """
                CREATE DATABASE app;
                USE app;
                CREATE TABLE good_one (id INT PRIMARY KEY);
                CREATE TABLE broken (
                  id INT PRIMARY KEY,
                  name VARCHAR(20) NOT NULL DEFALT 'x'
                );
                ALTER TABLE broken ADD COLUMN more INT;
                CREATE TABLE good_two (id INT PRIMARY KEY, note TEXT);
                """);

        DdlFile.Result result = DdlFile.read(file, provider, ServerOptions.builder().build(), tmp.resolve("s"));

        assertThat(result.problems()).extracting(DdlFile.Problem::line, DdlFile.Problem::database,
                DdlFile.Problem::table).containsExactly(org.assertj.core.groups.Tuple.tuple(4L, "app", "broken"),
                org.assertj.core.groups.Tuple.tuple(8L, "app", "broken"));
        assertThat(result.problems().get(0).message()).contains("SQL syntax", "'x'", "file line 6");
        assertThat(result.lookup("app", "broken")).isEmpty();
        assertThat(result.tables()).extracting(e -> e.definition().name()).containsExactly("good_one", "good_two");
        assertThat(result.lookup("app", "good_two").orElseThrow().origin()).isEqualTo("broken.sql line 9");
    }

    @Test
    void aMySql8OnlyCollationIsAProblemNamingTheTable() throws Exception {
        Path file = write("mysql8.sql", """
                CREATE DATABASE /*!32312 IF NOT EXISTS*/ `m8` /*!40100 DEFAULT CHARACTER SET utf8mb4 */ /*!80016 DEFAULT ENCRYPTION='N' */;
                USE `m8`;
                CREATE TABLE `modern` (
                  `id` int NOT NULL,
                  `name` varchar(20) COLLATE utf8mb4_0900_ai_ci DEFAULT NULL,
                  PRIMARY KEY (`id`)
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
                CREATE TABLE `plain` (`id` int NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB;
                """);

        DdlFile.Result result = DdlFile.read(file, provider, ServerOptions.builder().build(), tmp.resolve("s"));

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.table()).isEqualTo("modern");
            assertThat(p.database()).isEqualTo("m8");
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("utf8mb4_0900_ai_ci");
        });
        assertThat(result.lookup("m8", "plain")).isPresent();
    }

    @Test
    void aFileCannotMakeTheServerWriteOutsideItsScratchDirectory() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path file = write("far.sql", "SET GLOBAL general_log_file = '" + outside.resolve("general.log") + "';\n"
                + "SET @@global.general_log = 1;\n"
                + "CREATE TABLE far (id INT PRIMARY KEY) DATA DIRECTORY = '" + outside + "';\n"
                + "CREATE TABLE parts (id INT PRIMARY KEY) PARTITION BY HASH (id) (PARTITION p0 DATA DIRECTORY = '"
                + outside + "', PARTITION p1);\n"
                + "CREATE TABLE mine (id INT) ENGINE=MyISAM DATA DIRECTORY = '" + outside + "' INDEX DIRECTORY = '"
                + outside + "';\n");

        DdlFile.Result result = DdlFile.read(file, provider, ServerOptions.builder().build(), tmp.resolve("s"));

        assertThat(result.problems()).isEmpty();
        assertThat(result.tables()).extracting(e -> e.definition().name()).containsExactly("far", "mine", "parts");
        try (Stream<Path> written = Files.list(outside)) {
            assertThat(written).isEmpty();
        }
        assertThat(result.notes()).anyMatch(n -> n.startsWith("line 1 of far.sql sets server-wide settings"))
                .anyMatch(n -> n.startsWith("line 2 of far.sql sets server-wide settings"));
    }

    @Test
    void theFilesSqlModeKeepsItsQuotingButNotItsStrictness() throws Exception {
        Path file = write("ansi.sql", """
                SET sql_mode = 'ANSI_QUOTES,TRADITIONAL';
                CREATE TABLE "old dates" ("d" DATE NOT NULL DEFAULT '0000-00-00', "s" VARCHAR(5) DEFAULT 'a\\b');
                SET sql_mode = 'NO_BACKSLASH_ESCAPES';
                CREATE TABLE "not quoted" (s VARCHAR(5) DEFAULT 'a\\');
                CREATE TABLE after_that (s VARCHAR(5) DEFAULT 'x;y');
                """);

        DdlFile.Result result = DdlFile.read(file, provider, ServerOptions.builder().build(), tmp.resolve("s"));

        assertThat(result.problems()).extracting(DdlFile.Problem::line, DdlFile.Problem::table)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(4L, "not quoted"));
        assertThat(result.lookup("x", "old dates").orElseThrow().definition().columns()).hasSize(2);
        assertThat(result.lookup("x", "after_that")).isPresent();
    }

    @Test
    void aFileWithoutCreateTableIsAUsageError() throws Exception {
        Path file = write("data-only.sql", "INSERT INTO t VALUES (1);\nUSE shop;\n");

        assertThatThrownBy(() -> DdlFile.read(file, provider, ServerOptions.builder().build(), tmp.resolve("s")))
                .isInstanceOfSatisfying(RecoveryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
                    assertThat(e.getMessage()).contains("data-only.sql", "no CREATE TABLE");
                });
    }

    @Test
    void aTruncatedDumpKeepsTheTablesBeforeTheCut() throws Exception {
        Path file = write("cut.sql", "CREATE TABLE first (id INT PRIMARY KEY);\n"
                + "INSERT INTO first VALUES (1),(2),('three\n");

        DdlFile.Result result = DdlFile.read(file, provider, ServerOptions.builder().build(), tmp.resolve("s"));

        assertThat(result.lookup("x", "first")).isPresent();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).contains("cut.sql line 2", "ends inside a string");
        });
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(Files.createDirectories(tmp.resolve("in")).resolve(name), text,
                StandardCharsets.UTF_8);
    }

    /** The real mariadb-dump, as a user would run it: data, routines, triggers. */
    private void mariaDbDump(MariaDbServer server, Path target, String... databases) {
        Path tool = server.installation().program("mariadb-dump").orElseThrow();
        Path options = Secrets.writePrivateFile(Secrets.privateDir(tmp.resolve("client")).resolve("client.cnf"),
                MariaDbServer.clientOptions(server.endpoint()));
        List<String> cmd = new java.util.ArrayList<>(List.of(tool.toString(), "--defaults-extra-file=" + options,
                "--routines", "--triggers", "--default-character-set=utf8mb4", "--result-file=" + target,
                "--databases"));
        cmd.addAll(List.of(databases));
        new ProcessRunner().run(ProcessSpec.of(cmd).timeout(Duration.ofMinutes(2)).logName("mariadb-dump").build());
    }

    /** Whitespace normalised, without the AUTO_INCREMENT counter (engine state, not a definition). */
    private static String comparable(String ddl) {
        return ddl.replaceAll(" AUTO_INCREMENT=\\d+", "").replaceAll("\\s+", " ").strip();
    }
}
