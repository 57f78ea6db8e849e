package io.dbrecover.influx.rebuild;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.influx.server.InfluxBinaries;
import io.dbrecover.influx.server.InfluxServerProvider;
import io.dbrecover.testkit.RequiresServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The system's influxd (1.6, Debian) named as the index tool: its own version says it has no build-tsi. */
@RequiresServer("influx")
class InspectToolIT {
    @Test
    void refusesAnInfluxdOfOneXNamedAsTheToolAfterAskingItsVersion() {
        Path influxd = new InfluxServerProvider().discover(ServerOptions.defaults()).binDir()
                .resolve(InfluxBinaries.SERVER);

        assertThatThrownBy(() -> InspectTool.find(influxd, Map.of(), new ProcessRunner()))
                .isInstanceOf(RecoveryException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((RecoveryException) e).code())
                        .isEqualTo(ErrorCode.BINARY_NOT_FOUND))
                .hasMessageContaining("is not InfluxDB 2.x").hasMessageContaining("v1.6")
                .hasMessageContaining("influx_inspect");
    }
}
