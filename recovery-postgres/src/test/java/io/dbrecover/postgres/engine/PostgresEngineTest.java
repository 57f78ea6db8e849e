package io.dbrecover.postgres.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.spi.Capability;
import io.dbrecover.core.spi.DemoScenario;
import io.dbrecover.core.spi.Engine;
import io.dbrecover.core.spi.Engines;
import io.dbrecover.postgres.server.PostgresServerProvider;
import java.util.List;
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
        boolean basebackup = new PostgresServerProvider().binaries().tool(PostgresEngine.PITR_NEEDS, null).isPresent();
        assertThat(engine.demos()).extracting(DemoScenario::name).containsExactlyElementsOf(basebackup
                ? List.of("postgres-cold-copy", "postgres-pitr") : List.of("postgres-cold-copy"));
    }
}
