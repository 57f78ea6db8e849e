package io.dbrecover.mysql.transplant;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.mysql.MySqlDdl;
import io.dbrecover.mysql.ddl.Dialect;
import io.dbrecover.mysql.scan.Scan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entries named like data files that are no files (made with {@code mkfifo} and {@code mknod}, hence an IT): never
 * opened (a FIFO blocks its reader until something writes into it), each named with what it is, and the files
 * beside them still read, by {@code mysql ddl} and by {@code mysql recover}'s scan.
 */
class SpecialFilesIT {
    @TempDir
    Path root;

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    }

    @Test
    @Timeout(value = 40, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // opening a FIFO would wait for ever
    void fifosAndDevicesNamedLikeTableFilesAreNamedAndNeverOpened() throws Exception {
        Path shop = HostileSourcesTest.database(root);
        run("mkfifo", shop.resolve("fifo.frm").toString());
        run("mkfifo", shop.resolve("t_int.ibd").toString()); // beside a real .frm: the table's rows are not there
        run("mkfifo", shop.resolve("t1.TRG").toString());
        run("mkfifo", shop.resolve("t1.cfg").toString());
        run("mknod", shop.resolve("dev.ibd").toString(), "c", "1", "3"); // /dev/null's numbers
        run("mkfifo", root.resolve("fifo-db.opt").toString());
        Files.createSymbolicLink(shop.resolve("db.opt"), root.resolve("fifo-db.opt"));

        Scan scan = MySqlDdl.scan(List.of(shop), Dialect.MARIADB);
        assertThat(scan.ok()).isEqualTo(2);
        assertThat(scan.items()).filteredOn(i -> i.status() == Scan.Status.FAILED)
                .extracting(i -> i.file().getFileName().toString())
                .containsExactlyInAnyOrder("fifo.frm", "t_int.ibd", "t1.TRG", "dev.ibd");
        assertThat(scan.items()).filteredOn(i -> i.status() == Scan.Status.FAILED).allSatisfy(i -> {
            assertThat(i.errorCode()).isEqualTo(ErrorCode.CORRUPT_INPUT);
            assertThat(i.reason()).containsAnyOf("but a FIFO (named pipe): not opened, since reading a FIFO waits",
                    "but a character device: not opened");
        });
        assertThat(scan.databases().get(0).note()).contains("db.opt not read", "a FIFO");

        SourceScan.Result recover = SourceScan.scan(List.of(shop), Set.of());
        assertThat(recover.tables()).filteredOn(t -> t.table().equals("t_int")).singleElement()
                .satisfies(t -> assertThat(t.definitionProblem()).contains("t_int.ibd", "FIFO"));
        assertThat(recover.tables()).filteredOn(t -> t.table().equals("t1")).singleElement()
                .satisfies(t -> assertThat(t.definitionProblem()).isNull());
        assertThat(recover.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("t1.cfg is a FIFO (named pipe), not a file: not read"));
        assertThat(recover.tables()).extracting(TableSource::table).contains("fifo", "dev");
    }
}
