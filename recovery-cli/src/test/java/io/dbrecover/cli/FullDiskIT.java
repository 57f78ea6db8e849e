package io.dbrecover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.process.ProcessSpec;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.Engines;
import io.dbrecover.testkit.RequiresServer;
import io.dbrecover.testkit.SourceSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full work disk, made for real: a small tmpfs mounted for the test (the test command runs as root). Whether the
 * disk fills while dbrecover copies or while the throwaway MariaDB starts on its copy (InnoDB then says it cannot
 * create its temporary tablespace and gives up on the data directory), the user reads "no space left" and where,
 * with exit 5, never an internal error or a hint about a damaged copy.
 */
class FullDiskIT {
    @TempDir
    Path tmp;

    private final ProcessRunner runner = new ProcessRunner();

    private Path mountTmpfs(String name, long kib) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        runner.run(ProcessSpec.of("mount", "-t", "tmpfs", "-o", "size=" + kib + "k,mode=0755", "tmpfs",
                dir.toString()).logName("mount").build());
        return dir;
    }

    private void unmount(Path dir) {
        runner.run(ProcessSpec.of("umount", dir.toString()).logName("umount").build());
    }

    @Test
    @RequiresServer("mysql")
    void recoverOnAFullWorkDiskSaysNoSpaceLeft() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/shop"));
        Files.copy(MySqlRecoverCommandTest.IBD_FIXTURES.resolve("small.frm"), src.resolve("small.frm"));
        Files.copy(MySqlRecoverCommandTest.IBD_FIXTURES.resolve("small.ibd"), src.resolve("small.ibd"));
        SourceSnapshot snapshot = SourceSnapshot.of(src);
        Path disk = mountTmpfs("disk", 1024);
        try {
            CliTest.Run r = CliTest.run("mysql", "recover", "--from", src.toString(), "--workdir",
                    disk.resolve("wd").toString());

            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(5);
            assertThat(r.err()).contains("IO_ERROR: no space left on the disk of " + disk.resolve("wd"))
                    .doesNotContain("internal error", "a bug", "Exception");
        } finally {
            unmount(disk);
        }
        assertThat(snapshot.compareNow().unchanged()).isTrue();
    }

    @Test
    @RequiresServer("mysql")
    void aServerThatCannotStartForWantOfSpaceIsReportedAsAFullDisk() throws Exception {
        // a real data directory as the source, made by the product's own server
        Path data;
        try (ManagedServer made = Engines.byId("mysql").servers().orElseThrow().create(ServerOptions.builder()
                .baseDir(Files.createDirectories(tmp.resolve("made"))).keepFiles(true).build())) {
            made.start();
            data = made.info().dataDir();
        }
        long bytes;
        try (Stream<Path> files = Files.walk(data)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        SourceSnapshot snapshot = SourceSnapshot.of(data);
        // room for the copy and the work dir's own files, not for the 12 MiB InnoDB writes at start (ibtmp1)
        Path disk = mountTmpfs("disk", bytes / 1024 + 4096);
        try {
            CliTest.Run r = CliTest.run("mysql", "server", "--datadir", data.toString(), "--workdir",
                    disk.resolve("wd").toString(), "--check");

            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(5);
            assertThat(r.out()).contains("copied ");
            assertThat(r.err()).contains("IO_ERROR: no space left on the disk of " + disk.resolve("wd"),
                            "did not start")
                    .doesNotContain("internal error", "the copy may be damaged");
        } finally {
            unmount(disk);
        }
        assertThat(snapshot.compareNow().unchanged()).isTrue();
    }
}
