package io.dbrecover.influx.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.server.BinaryDiscovery;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.EngineCheck;
import io.dbrecover.core.spi.ToolCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery where nothing is installed: no program runs. */
class InfluxBinariesTest {
    @TempDir
    Path empty;

    @Test
    void saysToInstallTheDebianPackagesWhenInfluxdIsMissing() {
        InfluxBinaries binaries = new InfluxBinaries(Map.of("PATH", empty.toString()), List.of(empty.toString()),
                new ProcessRunner());

        BinaryDiscovery d = binaries.discover(ServerOptions.defaults());

        assertThat(d.found()).isFalse();
        assertThat(d.missingHint()).contains("apt-get install influxdb influxdb-client", "DBRECOVER_INFLUX_BIN",
                "no embedded InfluxDB");
        assertThat(d.searched()).contains("PATH", empty.toString());
    }

    @Test
    void treatsTheEnvironmentVariableAsBinding() {
        InfluxBinaries binaries = new InfluxBinaries(Map.of("DBRECOVER_INFLUX_BIN", empty.toString(), "PATH", "/usr/bin"),
                InfluxBinaries.WELL_KNOWN_DIRS, new ProcessRunner());

        BinaryDiscovery d = binaries.discover(ServerOptions.defaults());

        assertThat(d.found()).isFalse();
        assertThat(d.missingHint()).contains("$DBRECOVER_INFLUX_BIN (" + empty + ")", "apt-get install influxdb");
    }

    @Test
    void hasNoEmbeddedOrContainerOrigin() {
        InfluxBinaries binaries = new InfluxBinaries(Map.of(), List.of(), new ProcessRunner());

        for (BinaryOrigin origin : List.of(BinaryOrigin.EMBEDDED, BinaryOrigin.CONTAINER)) {
            BinaryDiscovery d = binaries.discover(ServerOptions.builder().origin(origin).build());
            assertThat(d.found()).isFalse();
            assertThat(d.missingHint()).contains("no " + origin.label() + " InfluxDB", "apt-get install influxdb");
        }
    }

    @Test
    void checkListsTheThreeProgramsWithTheInstallCommand() {
        InfluxBinaries binaries = new InfluxBinaries(Map.of("PATH", empty.toString()), List.of(), new ProcessRunner());

        EngineCheck check = binaries.check(ServerOptions.defaults(), "InfluxDB 1.x");

        assertThat(check.usable()).isFalse();
        assertThat(check.serverOrigin()).isNull();
        assertThat(check.tools()).extracting(ToolCheck::name).containsExactly("influxd", "influx", "influx_inspect");
        assertThat(check.tools()).noneMatch(ToolCheck::found);
        assertThat(check.tools()).extracting(ToolCheck::debianPackage)
                .containsExactly("influxdb", "influxdb-client", "influxdb (upstream packages only)");
        assertThat(check.tools().get(2).purpose()).contains("not shipped by Debian's influxdb 1.6");
        assertThat(check.advice()).contains("apt-get install influxdb influxdb-client");
    }

    @Test
    void providerFailsWithBinaryNotFoundAndTheHint() {
        InfluxServerProvider provider = new InfluxServerProvider(new ProcessRunner(),
                new InfluxBinaries(Map.of("PATH", empty.toString()), List.of(), new ProcessRunner()));

        assertThatThrownBy(() -> provider.create(ServerOptions.defaults()))
                .isInstanceOfSatisfying(RecoveryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BINARY_NOT_FOUND);
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("apt-get install influxdb"));
                });
    }
}
