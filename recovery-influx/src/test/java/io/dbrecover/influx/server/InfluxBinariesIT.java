package io.dbrecover.influx.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.server.BinaryDiscovery;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.EngineCheck;
import io.dbrecover.core.spi.ToolCheck;
import io.dbrecover.testkit.RequiresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery that runs the programs found ({@code influxd version}). */
class InfluxBinariesIT {
    @TempDir
    Path tmp;

    @Test
    @RequiresServer("influx")
    void findsTheSystemInfluxdWithItsVersion() {
        BinaryDiscovery d = new InfluxServerProvider().discover(ServerOptions.defaults());

        assertThat(d.found()).isTrue();
        assertThat(d.origin()).contains(BinaryOrigin.SYSTEM);
        assertThat(d.binDir().resolve("influxd")).isExecutable();
        assertThat(d.version()).startsWith("1.");
    }

    @Test
    @RequiresServer("influx")
    void checkReportsInfluxdAndTheOptionalTools() {
        InfluxBinaries binaries = new InfluxBinaries(new ProcessRunner());

        EngineCheck check = binaries.check(ServerOptions.defaults(), "InfluxDB 1.x");

        assertThat(check.usable()).isTrue();
        assertThat(check.serverOrigin()).isEqualTo("system");
        ToolCheck influxd = check.tools().get(0);
        assertThat(influxd.name()).isEqualTo("influxd");
        assertThat(influxd.found()).isTrue();
        assertThat(influxd.version()).startsWith("1.");
        assertThat(check.tools()).extracting(ToolCheck::name).containsExactly("influxd", "influx", "influx_inspect");
        ToolCheck client = check.tools().get(1);
        if (client.found()) {
            assertThat(client.version()).startsWith("1.");
        }
        assertThat(check.advice()).doesNotContain("apt-get install influxdb influxdb-client");
    }

    @Test
    void refusesAnInflux2ServerProgram() throws IOException {
        Path fake = tmp.resolve("influxd");
        Files.writeString(fake, "#!/bin/sh\necho 'InfluxDB v2.7.1 (git: 407fa622e9) build_date: 2023-04-28T13:24:27Z'\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        InfluxBinaries binaries = new InfluxBinaries(Map.of("PATH", "/nonexistent"), List.of(), new ProcessRunner());

        BinaryDiscovery d = binaries.discover(ServerOptions.builder().binaryDir(tmp).build());

        assertThat(d.found()).isFalse();
        assertThat(d.version()).isEqualTo("2.7.1");
        assertThat(d.missingHint()).contains("need InfluxDB 1.x", "apt-get install influxdb influxdb-client");
    }
}
