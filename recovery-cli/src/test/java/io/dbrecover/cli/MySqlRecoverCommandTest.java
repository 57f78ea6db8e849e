package io.dbrecover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mysql recover}: the mistakes a user can make get exit 2 and one clear line, before any server starts. */
class MySqlRecoverCommandTest {
    static final Path IBD_FIXTURES = Path.of("../recovery-mysql/src/test/resources/ibd");

    @Test
    void withoutFromItSaysWhatIsMissing() {
        CliTest.Run r = CliTest.run("mysql", "recover", "--workdir", "/tmp/x");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--from");
    }

    @Test
    void aMissingSourceIsAUsageErrorNamingIt(@TempDir Path tmp) {
        CliTest.Run r = CliTest.run("mysql", "recover", "--from", tmp.resolve("nope").toString(), "--workdir",
                tmp.resolve("work").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("SOURCE_NOT_FOUND", "nope").doesNotContain("Exception");
    }

    @Test
    void aDirectoryWithoutTableFilesIsRefusedWithAHint(@TempDir Path tmp) throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "nothing here");
        CliTest.Run r = CliTest.run("mysql", "recover", "--from", empty.toString(), "--workdir",
                tmp.resolve("work").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no .frm or .ibd files", "database directory");
    }

    @Test
    void aDumpInsideTheSourceIsRefused(@TempDir Path tmp) throws Exception {
        Path db = Files.createDirectories(tmp.resolve("src/shop"));
        Files.copy(IBD_FIXTURES.resolve("small.frm"), db.resolve("small.frm"));
        Files.copy(IBD_FIXTURES.resolve("small.ibd"), db.resolve("small.ibd"));
        CliTest.Run r = CliTest.run("mysql", "recover", "--from", db.toString(), "--workdir",
                tmp.resolve("work").toString(), "--dump", db.resolve("dump.sql").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("SOURCE_WRITE_REFUSED");
        assertThat(db.resolve("dump.sql")).doesNotExist();
    }

    @Test
    void aPasswordInTheIntoUrlIsRefusedAndNotEchoed(@TempDir Path tmp) throws Exception {
        Path db = Files.createDirectories(tmp.resolve("src/shop"));
        Files.copy(IBD_FIXTURES.resolve("small.frm"), db.resolve("small.frm"));
        CliTest.Run r = CliTest.run("mysql", "recover", "--from", db.toString(), "--workdir",
                tmp.resolve("work").toString(), "--into", "jdbc:mariadb://127.0.0.1:1/?user=root&password=hunter2",
                "--confirm-into", "shop");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("must not hold a password", "DBRECOVER_INTO_PASSWORD")
                .doesNotContain("hunter2");
    }

    @Test
    void intoNeedsItsConfirmationAndTheConfirmationNeedsInto(@TempDir Path tmp) throws Exception {
        Path db = Files.createDirectories(tmp.resolve("src/shop"));
        Files.copy(IBD_FIXTURES.resolve("small.frm"), db.resolve("small.frm"));
        CliTest.Run unconfirmed = CliTest.run("mysql", "recover", "--from", db.toString(), "--workdir",
                tmp.resolve("work").toString(), "--into", "jdbc:mariadb://127.0.0.1:1/?user=root");
        assertThat(unconfirmed.exit()).isEqualTo(2);
        assertThat(unconfirmed.err()).contains("--confirm-into");
        CliTest.Run stray = CliTest.run("mysql", "recover", "--from", db.toString(), "--workdir",
                tmp.resolve("work").toString(), "--confirm-into", "shop");
        assertThat(stray.exit()).isEqualTo(2);
        assertThat(stray.err()).contains("go with --into");
    }

    @Test
    void anIntoServerThatDoesNotAnswerIsAClearError(@TempDir Path tmp) throws Exception {
        Path db = Files.createDirectories(tmp.resolve("src/shop"));
        Files.copy(IBD_FIXTURES.resolve("small.frm"), db.resolve("small.frm"));
        CliTest.Run r = CliTest.run("mysql", "recover", "--from", db.toString(), "--workdir",
                tmp.resolve("work").toString(), "--into", "jdbc:mariadb://127.0.0.1:1/?user=root",
                "--confirm-into", "shop");
        assertThat(r.exit()).isEqualTo(5);
        assertThat(r.err()).contains("--into jdbc:mariadb://127.0.0.1:1/", "listening on 127.0.0.1:1")
                .doesNotContain("at com.");
    }

    @Test
    void aMissingDdlFileIsNamedBeforeAnyServerStarts(@TempDir Path tmp) throws Exception {
        Path db = Files.createDirectories(tmp.resolve("src/shop"));
        Files.copy(IBD_FIXTURES.resolve("small.ibd"), db.resolve("small.ibd"));
        CliTest.Run r = CliTest.run("mysql", "recover", "--from", db.toString(), "--workdir",
                tmp.resolve("work").toString(), "--ddl", tmp.resolve("schema.sql").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("SOURCE_NOT_FOUND", "schema.sql").doesNotContain("Exception");
    }

    @Test
    void aMalformedExpectFileNamesItsLine(@TempDir Path tmp) throws Exception {
        Path db = Files.createDirectories(tmp.resolve("src/shop"));
        Files.copy(IBD_FIXTURES.resolve("small.frm"), db.resolve("small.frm"));
        Path expect = Files.writeString(tmp.resolve("expect.tsv"), "# hashes\nshop.small\t10\tnot-a-hash\n");
        CliTest.Run r = CliTest.run("mysql", "recover", "--from", db.toString(), "--workdir",
                tmp.resolve("work").toString(), "--expect", expect.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("line 2", "db.table<TAB>rows<TAB>sha256");
    }

    @Test
    void dryRunListsTheTablesItWouldTransplantAndStartsNothing(@TempDir Path tmp) throws Exception {
        Path db = Files.createDirectories(tmp.resolve("src/shop"));
        Files.copy(IBD_FIXTURES.resolve("small.frm"), db.resolve("small.frm"));
        Files.copy(IBD_FIXTURES.resolve("small.ibd"), db.resolve("small.ibd"));
        CliTest.Run r = CliTest.run("mysql", "recover", "--from", db.toString(), "--dry-run");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("PLANNED", "table:shop.small", "start-server");
        assertThat(tmp.resolve("work")).doesNotExist();
    }
}
