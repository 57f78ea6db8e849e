package io.dbrecover.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.spi.Capability;
import io.dbrecover.core.spi.Engine;
import io.dbrecover.core.spi.Engines;
import io.dbrecover.mysql.demo.MariaDbDemo;
import org.junit.jupiter.api.Test;

class MySqlEngineTest {
    @Test
    void isRegisteredForTheServiceLoaderUnderItsId() {
        Engine engine = Engines.byId("mysql");
        assertThat(engine).isInstanceOf(MySqlEngine.class);
        assertThat(engine.displayName()).isEqualTo("MariaDB / MySQL");
    }

    @Test
    void declaresThrowawayServersAndTheColdCopyDemo() {
        Engine engine = new MySqlEngine();
        assertThat(engine.capabilities()).containsExactlyInAnyOrder(Capability.THROWAWAY_SERVER, Capability.DEMO);
        assertThat(engine.servers()).hasValueSatisfying(p -> assertThat(p.engine()).isEqualTo("mysql"));
        assertThat(engine.demos()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo(MariaDbDemo.NAME).isEqualTo("mariadb-cold-copy");
            assertThat(d.description()).isNotBlank();
        });
    }
}
