package io.dbrecover.influx.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.spi.Capability;
import io.dbrecover.core.spi.DemoScenario;
import io.dbrecover.core.spi.Engine;
import io.dbrecover.core.spi.Engines;
import org.junit.jupiter.api.Test;

class InfluxEngineTest {
    @Test
    void isRegisteredWithServiceLoaderUnderItsId() {
        Engine engine = Engines.byId("influx");

        assertThat(engine).isInstanceOf(InfluxEngine.class);
        assertThat(engine.displayName()).isEqualTo("InfluxDB 1.x");
    }

    @Test
    void declaresThrowawayServersAndTheColdCopyDemo() {
        Engine engine = new InfluxEngine();

        assertThat(engine.capabilities()).containsExactlyInAnyOrder(Capability.THROWAWAY_SERVER, Capability.DEMO);
        assertThat(engine.servers()).hasValueSatisfying(p -> assertThat(p.engine()).isEqualTo("influx"));
        assertThat(engine.demos()).extracting(DemoScenario::name).containsExactly("influx-cold-copy", "influx-lost-index");
    }
}
