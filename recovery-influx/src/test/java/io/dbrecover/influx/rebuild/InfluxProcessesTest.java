package io.dbrecover.influx.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A /proc-shaped tree: each process's cmdline (NUL-separated), cwd link and fd links, as Linux shows them. */
class InfluxProcessesTest {
    @TempDir
    Path tmp;

    @Test
    void findsAnInfluxdThatHasAShardFileOpen() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("var/lib/influxdb/data/db/autogen/1"));
        Path proc = tmp.resolve("proc");
        process(proc, 4242, "/usr/bin/influxd\0run\0-config\0/etc/influxdb/influxdb.conf\0", tmp.resolve("/"),
                data.resolve("000000001-000000001.tsm"));
        process(proc, 77, "/bin/bash\0", data, data.resolve("000000001-000000001.tsm"));

        List<InfluxProcesses.User> users = new InfluxProcesses(proc).using(List.of(tmp.resolve(
                "var/lib/influxdb/data")));

        assertThat(users).singleElement().satisfies(u -> {
            assertThat(u.pid()).isEqualTo(4242);
            assertThat(u.command()).isEqualTo("/usr/bin/influxd run -config /etc/influxdb/influxdb.conf");
            assertThat(u.why()).contains("has ", "000000001-000000001.tsm", " open");
        });
    }

    @Test
    void findsOneWorkingInTheDirectoryOrNamingItAndRefusesWithThePid() throws IOException {
        Path wal = Files.createDirectories(tmp.resolve("wal"));
        Path proc = tmp.resolve("proc");
        process(proc, 10, "influx_inspect\0buildtsi\0-datadir\0/x\0-waldir\0" + wal + "\0", tmp, null);
        process(proc, 11, "/opt/influxd\0", wal, null);
        process(proc, 12, "/usr/bin/influxd\0", tmp, tmp.resolve("elsewhere.tsm"));

        InfluxProcesses p = new InfluxProcesses(proc);

        assertThat(p.using(List.of(wal))).extracting(InfluxProcesses.User::pid).containsExactly(10L, 11L);
        assertThat(p.using(List.of(wal)).get(1).why()).startsWith("works in ");
        assertThatThrownBy(() -> p.refuseWhileUsed(List.of(wal))).isInstanceOf(RecoveryException.class)
                .hasMessageContaining("pid 10").hasMessageContaining("(and 1 more)")
                .satisfies(e -> assertThat(((RecoveryException) e).code()).isEqualTo(ErrorCode.USAGE));
        p.refuseWhileUsed(List.of(Files.createDirectories(tmp.resolve("unused"))));
    }

    private static void process(Path proc, long pid, String cmdline, Path cwd, Path openFile) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("cmdline"), cmdline);
        Files.createSymbolicLink(dir.resolve("cwd"), cwd.toAbsolutePath());
        Path fd = Files.createDirectories(dir.resolve("fd"));
        Files.createSymbolicLink(fd.resolve("0"), Path.of("/dev/null"));
        if (openFile != null) {
            Files.createSymbolicLink(fd.resolve("7"), openFile.toAbsolutePath());
        }
    }
}
