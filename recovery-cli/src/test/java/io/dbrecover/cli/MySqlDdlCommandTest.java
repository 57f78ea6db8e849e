package io.dbrecover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbrecover.core.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mysql ddl} in process, over the committed fixtures of recovery-mysql. */
class MySqlDdlCommandTest {
    static final Path FIXTURES = Path.of("../recovery-mysql/src/test/resources");

    /** {@code root/w}: the view/trigger fixtures and the tables they use, under their real file names. */
    static Path viewDatabase(Path root) throws Exception {
        Path w = Files.createDirectories(root.resolve("w"));
        try (Stream<Path> s = Files.list(FIXTURES.resolve("views/mariadb-10.11.19"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".frm") || p.toString().endsWith(".TRG")).toList()) {
                Files.copy(f, w.resolve(f.getFileName().toString().substring("w__".length())));
            }
        }
        return w;
    }

    @Test
    void printsAScriptEndingEveryStatementWithASemicolonAndExitsZero(@TempDir Path root) throws Exception {
        Path w = viewDatabase(root);
        CliTest.Run r = CliTest.run("mysql", "ddl", w.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("-- dbrecover mysql ddl (dialect mariadb): 22 of 22 definition files read")
                .contains("USE `w`;", "CREATE TABLE `t1` (", ") ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE="
                        + "latin1_swedish_ci;\n", "VIEW `v_join` AS select", "DELIMITER ;;");
        assertThat(r.err()).contains("22 of 22 definition files read");
    }

    @Test
    void damagedFilesGoToStderrWithOffsetAndTheExitCodeIsThree(@TempDir Path root) throws Exception {
        Path w = viewDatabase(root);
        byte[] t1 = Files.readAllBytes(w.resolve("t1.frm"));
        Files.write(w.resolve("cut.frm"), Arrays.copyOf(t1, 80));
        CliTest.Run r = CliTest.run("mysql", "ddl", w.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("CORRUPT_INPUT", "cut.frm", "byte offset ").doesNotContain("Exception");
        assertThat(r.out()).contains("CREATE TABLE `t1`", "--   FAILED ");
    }

    @Test
    void fulltextTablespacesAndAlterLeftoversAreNamedAndTheExitCodeStaysZero(@TempDir Path root) throws Exception {
        Path shop = Files.createDirectories(root.resolve("shop"));
        Files.copy(FIXTURES.resolve("files/articles.frm"), shop.resolve("articles.frm"));
        Files.copy(FIXTURES.resolve("files/articles.frm"), shop.resolve("#sql-alter-1f-4.frm"));
        java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of("CONFIG", "DELETED",
                "DELETED_CACHE", "BEING_DELETED", "BEING_DELETED_CACHE"));
        for (int n = 1; n <= 6; n++) {
            names.add("000000000000008a_INDEX_" + n);
        }
        int space = 5;
        for (String f : java.util.stream.Stream.concat(java.util.stream.Stream.of("articles", "#sql-alter-1f-4"),
                names.stream().map(n -> "FTS_0000000000000079_" + n)).toList()) {
            // page 0 only: the space id in the FIL and FSP headers, FSP flags 0x15 (MariaDB full_crc32)
            java.nio.ByteBuffer page = java.nio.ByteBuffer.allocate(16384);
            page.putShort(24, (short) 8).putInt(34, space).putInt(38, space).putInt(54, 0x15);
            Files.write(shop.resolve(f + ".ibd"), page.array());
            space = f.startsWith("#") ? space : space + 1;
        }
        CliTest.Run r = CliTest.run("mysql", "ddl", shop.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("2 of 2 definition files read; 11 FULLTEXT index tablespaces are InnoDB's own",
                "1 file(s) left by an ALTER TABLE that did not finish").doesNotContain("UNSUPPORTED_FORMAT");
        assertThat(r.out()).containsOnlyOnce("FTS_0000000000000079_*.ibd (11 files)")
                .contains("of `shop`.`articles`", "CREATE TABLE `#sql-alter-1f-4` (");
    }

    @Test
    void controlBytesFromFilesAreEscapedOnStderrAndKeptExactInJson(@TempDir Path root) throws Exception {
        Path w = viewDatabase(root);
        String hostile = "root\u001b]2;owned\u0007\u001b[2J";
        Files.writeString(w.resolve("v_plain.frm"), Files.readString(w.resolve("v_plain.frm"),
                java.nio.charset.StandardCharsets.UTF_8).replace("definer_user=root", "definer_user=" + hostile),
                java.nio.charset.StandardCharsets.UTF_8);
        Files.copy(w.resolve("t1.frm"), w.resolve("evil\u001b[2J.frm"));
        CliTest.Run r = CliTest.run("mysql", "ddl", w.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).contains("v_plain.frm", "'definer_user'", "U+001B", "evil\\x1B[2J.frm")
                .doesNotContain("\u001b", "\u0007");
        assertThat(r.out()).doesNotContain("\u001b", "\u0007").contains("--   FAILED ");

        CliTest.Run json = CliTest.run("mysql", "ddl", "--json", w.toString());
        JsonNode items = Json.read(json.out(), JsonNode.class).get("items");
        // JSON is exact: the file's own bytes, escaped by JSON itself
        assertThat(json.out()).contains("\\u001B[2J").doesNotContain("\u001b");
        assertThat(items.findValuesAsText("file")).anyMatch(f -> f.endsWith("evil\u001b[2J.frm"));
    }

    @Test
    void aFrmOfGigabytesIsOneFailedFileAndTheOthersAreWritten(@TempDir Path root) throws Exception {
        Path w = viewDatabase(root);
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(w.resolve("huge.frm").toFile(), "rw")) {
            f.setLength(2560L << 20);
        }
        long t0 = System.nanoTime();
        CliTest.Run r = CliTest.run("mysql", "ddl", w.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).contains("CORRUPT_INPUT", "huge.frm", "at most 4194304 bytes").doesNotContain(
                "OutOfMemoryError", "Exception");
        assertThat(r.out()).contains("CREATE TABLE `t1`", "VIEW `v_join`");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(10_000);
    }

    @Test
    void exitCodeIsFourWhenNoFileCouldBeRead(@TempDir Path root) throws Exception {
        Files.write(root.resolve("a.frm"), new byte[] {(byte) 0xFE, 1, 10});
        Files.writeString(root.resolve("b.TRG"), "TYPE=TRIGGERS\ntriggers='CREATE\n");
        CliTest.Run r = CliTest.run("mysql", "ddl", root.toString());
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).contains("a.frm", "b.TRG");
    }

    @Test
    void noDefinitionFileIsAUsageError(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("notes.txt"), "x");
        CliTest.Run r = CliTest.run("mysql", "ddl", root.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no .frm, .TRG");
    }

    @Test
    void outRefusesAPathInsideASource(@TempDir Path root) throws Exception {
        Path w = viewDatabase(root);
        CliTest.Run r = CliTest.run("mysql", "ddl", root.toString(), "--out", w.resolve("x.sql").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("SOURCE_WRITE_REFUSED");
        assertThat(w.resolve("x.sql")).doesNotExist();
    }

    @Test
    void outWritesTheScriptToAFile(@TempDir Path root, @TempDir Path outDir) throws Exception {
        Path w = viewDatabase(root);
        Path out = outDir.resolve("w.sql");
        CliTest.Run r = CliTest.run("mysql", "ddl", w.toString(), "--out", out.toString(), "--dialect", "mysql");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(out)).contains("(dialect mysql)", "CREATE TABLE `t2`");
    }

    @Test
    void jsonListsEveryFileWithItsModel(@TempDir Path root) throws Exception {
        Path w = viewDatabase(root);
        Files.write(w.resolve("orphan.ibd"), new byte[16384]);
        CliTest.Run r = CliTest.run("mysql", "ddl", "--json", w.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(3);
        JsonNode doc = Json.mapper().readTree(r.out());
        assertThat(doc.get("ok").asInt()).isEqualTo(22);
        assertThat(doc.get("failed").asInt()).isEqualTo(1);
        boolean sawView = false;
        for (JsonNode item : doc.get("items")) {
            if (item.get("file").asText().endsWith("orphan.ibd")) {
                assertThat(item.get("status").asText()).isEqualTo("FAILED");
                assertThat(item.get("reason").asText()).contains("no .frm beside it and no SDI");
            }
            if (item.get("file").asText().endsWith("v_local.frm")) {
                assertThat(item.get("view").get("checkOption").asText()).isEqualTo("LOCAL");
                sawView = true;
            }
        }
        assertThat(sawView).isTrue();
    }

    @Test
    void badDialectIsAUsageErrorNamingTheKnownOnes() {
        CliTest.Run r = CliTest.run("mysql", "ddl", "--dialect", "oracle", ".");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown dialect 'oracle'", "mariadb, mysql, mysql-5.5, mysql-5.6, mysql-5.7, "
                + "mysql-8.0, mysql-8.4");
    }

    @Test
    void aReleaseLineDialectPrintsAsThatLinesShowCreateTable(@TempDir Path root) throws Exception {
        Path w = viewDatabase(root);
        CliTest.Run five = CliTest.run("mysql", "ddl", w.toString(), "--dialect", "mysql-5.6");
        assertThat(five.exit()).as(five.err()).isZero();
        assertThat(five.out()).startsWith("-- dbrecover mysql ddl (dialect mysql-5.6): 22 of 22 definition files read")
                .contains("-- MySQL 5.6 dialect: tables as its SHOW CREATE TABLE prints them", "int(11)",
                        ") ENGINE=InnoDB DEFAULT CHARSET=latin1;\n");
        CliTest.Run eight = CliTest.run("mysql", "ddl", w.toString(), "--dialect", "MySQL-8.0", "--json");
        assertThat(eight.exit()).as(eight.err()).isZero();
        JsonNode doc = Json.mapper().readTree(eight.out());
        assertThat(doc.get("dialect").asText()).isEqualTo("mysql-8.0");
        CliTest.Run help = CliTest.run("mysql", "ddl", "--help");
        assertThat(help.out()).contains("mysql-5.5", "mysql-8.4", "each table as the", "MySQL release that wrote its file");
    }
}
