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

    /** Floating point is hashed by its bits: values one bit apart hash differently, the same values alike. */
    @Test
    void rowHashesTellApartFloatsThatDifferOnlyInTheirLastBit() throws Exception {
        try (ManagedServer server = new PostgresServerProvider().create(ServerOptions.defaults())) {
            server.start();
            try (Connection c = PostgresServer.connect(server.endpoint()); Statement st = c.createStatement()) {
                float f = 123456.7890625f;
                double d = 0.1;
                float[] floats = {f, Math.nextUp(f), f, f};
                double[] doubles = {d, d, Math.nextUp(d), d};
                java.util.List<String> hashes = new java.util.ArrayList<>();
                for (int i = 0; i < floats.length; i++) {
                    st.execute("CREATE TABLE t" + i + " (id int PRIMARY KEY, f real, d double precision, "
                            + "ts timestamptz)");
                    try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO t" + i
                            + " VALUES (1, ?, ?, '2024-10-27 00:30:00+00')")) {
                        ps.setFloat(1, floats[i]);
                        ps.setDouble(2, doubles[i]);
                        ps.execute();
                    }
                    hashes.add(DemoData.proveTable(c, "t" + i).sha256());
                }
                assertThat(hashes.get(0)).isNotEqualTo(hashes.get(1)).isNotEqualTo(hashes.get(2))
                        .isEqualTo(hashes.get(3));
                assertThat(hashes.get(1)).isNotEqualTo(hashes.get(2));
                // a timestamptz is hashed as its instant, whatever the session's time zone
                st.execute("SET TIME ZONE 'Asia/Kolkata'");
                assertThat(DemoData.proveTable(c, "t3").sha256()).isEqualTo(hashes.get(3));
            }
        }
    }
}
