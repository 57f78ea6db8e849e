package io.dbrecover.postgres.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.spi.Capability;
import io.dbrecover.core.spi.DemoScenario;
import io.dbrecover.core.spi.Engine;
import io.dbrecover.core.spi.Engines;
import io.dbrecover.postgres.server.PostgresServerProvider;
import org.junit.jupiter.api.Test;

class PostgresEngineTest {
    @Test
    void isRegisteredWithServiceLoader() {
        Engine engine = Engines.byId("postgres");
        assertThat(engine).isInstanceOf(PostgresEngine.class);
        assertThat(engine.displayName()).isEqualTo("PostgreSQL");
    }

    @Test
    void declaresThrowawayServersAndADemo() {
        Engine engine = new PostgresEngine();
        assertThat(engine.capabilities()).containsExactlyInAnyOrder(Capability.THROWAWAY_SERVER, Capability.DEMO);
        assertThat(engine.servers()).hasValueSatisfying(p -> {
            assertThat(p).isInstanceOf(PostgresServerProvider.class);
            assertThat(p.engine()).isEqualTo("postgres");
        });
        assertThat(engine.demos()).extracting(DemoScenario::name).containsExactly("postgres-cold-copy");
    }
}
