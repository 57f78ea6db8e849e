package io.dbrecover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.DemoContext;
import io.dbrecover.core.spi.DemoScenario;
import io.dbrecover.core.spi.Engines;
import io.dbrecover.testkit.RequiresServer;
import io.dbrecover.testkit.SourceSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links planted at the names the product writes once a server is involved: the report of {@code mysql recover},
 * the option-file directory of its dump, the data directory a resumed run starts its server on, the copy
 * {@code <engine> server --datadir --workdir} runs on, the demo's work dir. Each run is refused with exit 2 (or
 * {@code SOURCE_WRITE_REFUSED}) and the source stays byte-identical.
 */
class PlantedLinksIT {
    @TempDir
    Path tmp;

    private Path recoverSource() throws IOException {
        Path db = Files.createDirectories(tmp.resolve("src/shop"));
        Files.copy(MySqlRecoverCommandTest.IBD_FIXTURES.resolve("small.frm"), db.resolve("small.frm"));
        Files.copy(MySqlRecoverCommandTest.IBD_FIXTURES.resolve("small.ibd"), db.resolve("small.ibd"));
        return db;
    }

    @Test
    @RequiresServer("mysql")
    void recoverRefusesALinkAtItsReportAndTheSourceKeepsItsBytes() throws Exception {
        Path src = recoverSource();
        SourceSnapshot snapshot = SourceSnapshot.of(src);
        for (String kind : new String[] {"symbolic link", "hard link"}) {
            Path work = Files.createDirectories(tmp.resolve("wd-" + kind.charAt(0)));
            if (kind.startsWith("hard")) {
                Files.createLink(work.resolve("report.json"), src.resolve("small.frm"));
            } else {
                Files.createSymbolicLink(work.resolve("report.json"), src.resolve("small.frm"));
            }

            CliTest.Run r = CliTest.run("mysql", "recover", "--from", src.toString(), "--workdir", work.toString());

            assertThat(r.exit()).as(kind + ": " + r.out() + r.err()).isEqualTo(2);
            assertThat(r.err()).contains("SOURCE_WRITE_REFUSED", "report.json");
            assertThat(snapshot.compareNow().unchanged()).as(kind).isTrue();
        }
    }

    @Test
    @RequiresServer("mysql")
    void recoverWithDumpRefusesALinkAtItsOptionFileDirectory() throws Exception {
        Path src = recoverSource();
        SourceSnapshot snapshot = SourceSnapshot.of(src);
        Path elsewhere = Files.createDirectories(tmp.resolve("someone-elses-dir"));
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path work = Files.createDirectories(tmp.resolve("wd/server"));
        Files.createSymbolicLink(work.resolve("client"), elsewhere);

        CliTest.Run r = CliTest.run("mysql", "recover", "--from", src.toString(), "--workdir",
                tmp.resolve("wd").toString(), "--dump", tmp.resolve("shop.sql").toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("SOURCE_WRITE_REFUSED", "client");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(elsewhere))).isEqualTo("rwxr-xr-x");
        try (Stream<Path> names = Files.list(elsewhere)) {
            assertThat(names).isEmpty();
        }
        assertThat(tmp.resolve("shop.sql")).doesNotExist();
        assertThat(tmp.resolve("shop.sql.partial")).doesNotExist();
        assertThat(snapshot.compareNow().unchanged()).isTrue();
    }

    @Test
    @RequiresServer("mysql")
    void aResumedRecoverStartsItsServerOnlyOnItsOwnDataDirectoryWithoutLinks() throws Exception {
        Path src = recoverSource();
        SourceSnapshot snapshot = SourceSnapshot.of(src);
        Path work = tmp.resolve("wd");
        CliTest.Run first = CliTest.run("mysql", "recover", "--from", src.toString(), "--workdir", work.toString());
        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        Path marker = work.resolve("server/datadir.path");
        String kept = Files.readString(marker, StandardCharsets.UTF_8).strip();

        // a marker naming a directory outside the work dir (here: the source) is refused
        Files.writeString(marker, src + "\n");
        CliTest.Run outside = CliTest.run("mysql", "recover", "--from", src.toString(), "--workdir",
                work.toString());
        assertThat(outside.exit()).as(outside.out() + outside.err()).isEqualTo(2);
        assertThat(outside.err()).contains("SOURCE_WRITE_REFUSED", "datadir.path", "only ever works in the work dir");
        assertThat(snapshot.compareNow().unchanged()).isTrue();

        // the kept data directory holding a hard link of a source file is refused before the server starts on it
        Files.writeString(marker, kept + "\n");
        Path planted = Files.createLink(Path.of(kept).resolve("shop/planted.ibd"), src.resolve("small.ibd"));
        CliTest.Run linked = CliTest.run("mysql", "recover", "--from", src.toString(), "--workdir",
                work.toString());
        assertThat(linked.exit()).as(linked.out() + linked.err()).isEqualTo(2);
        assertThat(linked.err()).contains("SOURCE_WRITE_REFUSED", "2 hard links", planted.toString());
        assertThat(snapshot.compareNow().unchanged()).isTrue();

        Files.delete(planted);
        CliTest.Run again = CliTest.run("mysql", "recover", "--from", src.toString(), "--workdir", work.toString());
        assertThat(again.exit()).as(again.out() + again.err()).isZero();
    }

    @Test
    @RequiresServer("mysql")
    @RequiresServer("postgres")
    @RequiresServer("influx")
    void serverDatadirRefusesACopyHoldingAHardLinkOfASourceFile() throws Exception {
        // PostgreSQL and influxd run as their own users, who must reach the work dir
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String engine : new String[] {"mysql", "postgres", "influx"}) {
            Path src = Files.createDirectories(tmp.resolve(engine + "-src"));
            Path file = Files.writeString(src.resolve("ibdata1"), "the only copy");
            SourceSnapshot snapshot = SourceSnapshot.of(src);
            Path work = Files.createDirectories(tmp.resolve(engine + "-wd/datadir"));
            Files.createLink(work.resolve("planted"), file);

            CliTest.Run r = CliTest.run(engine, "server", "--datadir", src.toString(), "--workdir",
                    work.getParent().toString(), "--check");

            assertThat(r.exit()).as(engine + ": " + r.out() + r.err()).isEqualTo(2);
            assertThat(r.err()).contains("SOURCE_WRITE_REFUSED", "2 hard links", "planted");
            assertThat(r.out()).contains("unchanged: yes");
            assertThat(snapshot.compareNow().unchanged()).as(engine).isTrue();
        }
    }

    @Test
    @RequiresServer("mysql")
    void serverDatadirRefusesAHardLinkAtTheWorkDirLockBeforeCopying() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Path file = Files.writeString(src.resolve("ibdata1"), "the only copy");
        SourceSnapshot snapshot = SourceSnapshot.of(src);
        Path work = Files.createDirectories(tmp.resolve("wd"));
        Files.createLink(work.resolve(".dbrecover.lock"), file);

        CliTest.Run r = CliTest.run("mysql", "server", "--datadir", src.toString(), "--workdir", work.toString(),
                "--check");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("SOURCE_WRITE_REFUSED", ".dbrecover.lock");
        assertThat(work.resolve("datadir")).doesNotExist();
        assertThat(snapshot.compareNow().unchanged()).isTrue();
    }

    @Test
    @RequiresServer("mysql")
    void theDemoRefusesAHardLinkPlantedInItsWorkDir() throws Exception {
        Path victim = Files.writeString(tmp.resolve("victim.frm"), "someone's only copy");
        Path base = Files.createDirectories(tmp.resolve("demo"));
        Path work = Files.createDirectories(base.resolve("work"));
        Files.createLink(work.resolve(".dbrecover.lock"), victim);
        DemoScenario orphaned = Engines.byId("mysql").demos().stream()
                .filter(d -> d.name().equals("mariadb-orphaned-files")).findFirst().orElseThrow();

        RecoveryException e = org.assertj.core.api.Assertions.catchThrowableOfType(RecoveryException.class,
                () -> orphaned.run(new DemoContext(base, ServerOptions.builder().baseDir(base).build(),
                        ProgressListener.NONE)));

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_WRITE_REFUSED);
        assertThat(Files.readString(victim)).isEqualTo("someone's only copy");
    }
}
