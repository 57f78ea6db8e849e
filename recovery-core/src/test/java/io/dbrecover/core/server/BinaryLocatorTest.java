package io.dbrecover.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinaryLocatorTest {
    @TempDir
    Path tmp;

    private Path program(String dir, String name) throws Exception {
        Path d = Files.createDirectories(tmp.resolve(dir));
        Path p = d.resolve(name);
        Files.writeString(p, "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void explicitDirWinsOverEnvironmentAndPath() throws Exception {
        program("explicit", "initdb");
        program("env", "initdb");
        program("path", "initdb");
        BinaryLocator l = new BinaryLocator(Map.of("PG_BIN", tmp.resolve("env").toString(), "PATH", tmp.resolve("path").toString()));
        assertThat(l.findDir("initdb", tmp.resolve("explicit"), "PG_BIN", List.of())).contains(tmp.resolve("explicit").toRealPath());
        assertThat(new BinaryLocator(Map.of("PG_BIN", tmp.resolve("env").toString(), "PATH", tmp.resolve("path").toString()))
                .findDir("initdb", null, "PG_BIN", List.of())).contains(tmp.resolve("env").toRealPath());
        assertThat(new BinaryLocator(Map.of("PATH", tmp.resolve("path").toString()))
                .findDir("initdb", null, "PG_BIN", List.of())).contains(tmp.resolve("path").toRealPath());
    }

    @Test
    void explicitDirWithoutTheProgramFindsNothingRatherThanSomethingElse() throws Exception {
        program("path", "initdb");
        Files.createDirectories(tmp.resolve("empty"));
        BinaryLocator l = new BinaryLocator(Map.of("PATH", tmp.resolve("path").toString()));
        assertThat(l.findDir("initdb", tmp.resolve("empty"), null, List.of())).isEmpty();
    }

    @Test
    void wellKnownGlobsPreferTheNewestVersion() throws Exception {
        program("pg/9.6/bin", "postgres");
        program("pg/15/bin", "postgres");
        program("pg/13/bin", "postgres");
        BinaryLocator l = new BinaryLocator(Map.of("PATH", tmp.resolve("none").toString()));
        assertThat(l.findDir("postgres", null, null, List.of(tmp.resolve("pg") + "/*/bin")))
                .contains(tmp.resolve("pg/15/bin").toRealPath());
    }

    @Test
    void symlinkedProgramResolvesToItsRealDirectory() throws Exception {
        Path real = program("lib/postgresql/15/bin", "pg_ctl");
        Path bin = Files.createDirectories(tmp.resolve("usr-local-bin"));
        Files.createSymbolicLink(bin.resolve("pg_ctl"), real);
        BinaryLocator l = new BinaryLocator(Map.of("PATH", bin.toString()));
        assertThat(l.findDir("pg_ctl", null, null, List.of())).contains(real.getParent().toRealPath());
    }

    @Test
    void nonExecutableFileIsNotAProgram() throws Exception {
        Path p = program("path", "influxd");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        BinaryLocator l = new BinaryLocator(Map.of("PATH", tmp.resolve("path").toString()));
        assertThat(l.findDir("influxd", null, null, List.of())).isEmpty();
        assertThat(l.searched()).contains("PATH");
    }
}
