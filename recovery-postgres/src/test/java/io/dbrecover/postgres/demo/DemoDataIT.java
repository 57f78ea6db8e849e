package io.dbrecover.postgres.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.verify.RowHash;
import io.dbrecover.postgres.server.PostgresServer;
import io.dbrecover.postgres.server.PostgresServerProvider;
import io.dbrecover.testkit.RequiresServer;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's proof must notice the smallest change, or a VERIFIED outcome would mean nothing. */
@RequiresServer("postgres")
class DemoDataIT {
    @Test
    void proofChangesWhenOneTimestampMovesByOneMicrosecond() throws Exception {
        try (ManagedServer server = new PostgresServerProvider().create(ServerOptions.defaults())) {
            server.start();
            try (Connection c = PostgresServer.connect(server.endpoint())) {
                DemoData.create(c);
                Map<String, RowHash> before = DemoData.prove(c);
                assertThat(before.get("customers").rows()).isEqualTo(DemoData.CUSTOMERS);
                assertThat(before.get("orders").rows()).isEqualTo(DemoData.ORDERS);
                assertThat(DemoData.prove(c)).as("the proof is stable").isEqualTo(before);

                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("UPDATE orders SET placed_at = placed_at + interval '1 microsecond' WHERE id = 1000777");
                }
                Map<String, RowHash> after = DemoData.prove(c);
                assertThat(after.get("customers")).isEqualTo(before.get("customers"));
                assertThat(after.get("orders").rows()).isEqualTo(before.get("orders").rows());
                assertThat(after.get("orders").sha256()).isNotEqualTo(before.get("orders").sha256());
            }
        }
    }
}
