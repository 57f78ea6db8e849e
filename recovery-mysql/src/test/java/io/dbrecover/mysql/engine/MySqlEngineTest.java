package io.dbrecover.mysql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.spi.Capability;
import io.dbrecover.core.spi.Engine;
import io.dbrecover.core.spi.Engines;
import io.dbrecover.mysql.demo.MariaDbDemo;
import io.dbrecover.mysql.demo.OrphanedFilesDemo;
import org.junit.jupiter.api.Test;

class MySqlEngineTest {
    @Test
    void isRegisteredForTheServiceLoaderUnderItsId() {
        Engine engine = Engines.byId("mysql");
        assertThat(engine).isInstanceOf(MySqlEngine.class);
        assertThat(engine.displayName()).isEqualTo("MariaDB / MySQL");
    }

    @Test
    void declaresThrowawayServersSchemaAndDataRecoveryAndItsTwoDemos() {
        Engine engine = new MySqlEngine();
        assertThat(engine.capabilities()).containsExactlyInAnyOrder(Capability.THROWAWAY_SERVER, Capability.DEMO,
                Capability.SCHEMA_FROM_FILES, Capability.DATA_RECOVERY);
        assertThat(engine.servers()).hasValueSatisfying(p -> assertThat(p.engine()).isEqualTo("mysql"));
        assertThat(engine.demos()).extracting(d -> d.name()).containsExactly(OrphanedFilesDemo.NAME,
                MariaDbDemo.NAME);
        assertThat(engine.demos()).allSatisfy(d -> assertThat(d.description()).isNotBlank());
    }
}
