package io.dbrecover.postgres.restore;

import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.postgres.server.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The proof of a recovered cluster through JDBC, database by database: every table read to its end with an exact
 * {@code count(*)} over the heap (a damaged page fails the read: the throwaway cluster's data checksums, when the
 * original had them, and the page header checks), the same count again through each table's B-tree primary key or
 * first B-tree index (an index-only scan: the index and the heap must agree), and {@code amcheck}'s
 * {@code bt_index_check(index, heapallindexed => true)} on every B-tree index where the extension can be created
 * (it is dropped again when this proof created it). Never estimates ({@code reltuples}).
 */
final class ClusterProof {
    private final StepContext ctx;

    /** What the proof found, per table. */
    record Table(String database, String name, long rows) {
    }

    private final List<Table> tables = new ArrayList<>();

    ClusterProof(StepContext ctx) {
        this.ctx = ctx;
    }

    List<Table> tables() {
        return tables;
    }

    /** Proves every database that accepts connections. */
    void run(Endpoint ep) throws SQLException {
        List<String> databases = new ArrayList<>();
        try (Connection c = PostgresServer.connect(ep); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery()")) {
                rs.next();
                ctx.verification(Verification.equality("*", "pg_is_in_recovery", false, rs.getBoolean(1)));
            }
            try (ResultSet rs = st.executeQuery("SELECT datname, datallowconn FROM pg_database ORDER BY datname")) {
                while (rs.next()) {
                    if (rs.getBoolean(2)) {
                        databases.add(rs.getString(1));
                    } else {
                        ctx.finding(Finding.info("DATABASE_NOT_CHECKED", "database " + rs.getString(1) + " does not "
                                + "accept connections (datallowconn = false, as template0): not read"));
                    }
                }
            }
        }
        for (String db : databases) {
            database(new Endpoint(ep.host(), ep.port(), url(ep, db), ep.user(), ep.password()), db);
        }
    }

    private static String url(Endpoint ep, String db) {
        return "jdbc:postgresql://" + ep.host() + ":" + ep.port() + "/" + java.net.URLEncoder.encode(db,
                java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void database(Endpoint ep, String db) throws SQLException {
        try (Connection c = PostgresServer.connect(ep); Statement st = c.createStatement()) {
            boolean amcheck = amcheck(st, db);
            List<String[]> rels = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname),"
                    + " n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE c.relkind IN ('r', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
                    + "AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%' ORDER BY 3")) {
                while (rs.next()) {
                    rels.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            ctx.verification(new Verification(db, "database-connect", true, "connects", "connects, "
                    + rels.size() + " tables"));
            for (String[] rel : rels) {
                table(st, db, rel[0], rel[1], db + "." + rel[2], amcheck);
            }
            if (amcheck) {
                st.execute("DROP EXTENSION amcheck");
            }
        }
    }

    /** Creates amcheck when it is installed and not there yet; false (with a finding) when it cannot. */
    private boolean amcheck(Statement st, String db) {
        try {
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'amcheck'")) {
                if (rs.next()) {
                    // the cluster's own: used, and left as it was
                    return false;
                }
            }
            st.execute("CREATE EXTENSION amcheck");
            return true;
        } catch (SQLException e) {
            ctx.finding(Finding.warning("AMCHECK_UNAVAILABLE", "database " + db + ": amcheck cannot be created ("
                    + e.getMessage().lines().findFirst().orElse("") + "): B-tree indexes are compared by their counts "
                    + "only, not checked with bt_index_check", null));
            return false;
        }
    }

    private void table(Statement st, String db, String oid, String quoted, String item, boolean createdAmcheck)
            throws SQLException {
        long heap;
        try {
            st.execute("SET enable_indexscan = off; SET enable_indexonlyscan = off; SET enable_bitmapscan = off");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM ONLY " + quoted)) {
                rs.next();
                heap = rs.getLong(1);
            }
            ctx.verification(new Verification(item, "heap-row-count", true, "every page read", heap + " rows"));
        } catch (SQLException e) {
            ctx.verification(new Verification(item, "heap-row-count", false, "every page read", "error: "
                    + e.getMessage()));
            ctx.item(new ItemResult(item, ItemStatus.FAILED, "cannot be read to its end: " + e.getMessage()));
            return;
        } finally {
            st.execute("RESET enable_indexscan; RESET enable_indexonlyscan; RESET enable_bitmapscan");
        }
        tables.add(new Table(db, item, heap));
        boolean ok = true;
        List<String[]> indexes = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT i.indexrelid::regclass::text, i.indisprimary FROM pg_index i "
                + "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam WHERE i.indrelid = " + oid
                + " AND a.amname = 'btree' AND i.indisvalid AND i.indpred IS NULL ORDER BY NOT i.indisprimary, 1")) {
            while (rs.next()) {
                indexes.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        if (!indexes.isEmpty()) {
            ok &= indexCount(st, item, quoted, heap);
        }
        if (createdAmcheck) {
            for (String[] idx : indexes) {
                try {
                    st.execute("SELECT bt_index_check('" + idx[0].replace("'", "''") + "'::regclass, true)");
                    ctx.verification(new Verification(item, "bt_index_check " + idx[0], true, "no error",
                            "no error"));
                } catch (SQLException e) {
                    ok = false;
                    ctx.verification(new Verification(item, "bt_index_check " + idx[0], false, "no error",
                            e.getMessage()));
                }
            }
        }
        ctx.item(new ItemResult(item, ok ? ItemStatus.VERIFIED : ItemStatus.FAILED, heap + " rows (exact count)"
                + (indexes.isEmpty() ? ", no B-tree index" : ", " + indexes.size() + " B-tree indexes"
                + (createdAmcheck ? " checked by amcheck" : " (counted, not amchecked)"))));
    }

    private boolean indexCount(Statement st, String item, String quoted, long heap) {
        String check = "index-row-count";
        try {
            st.execute("SET enable_seqscan = off; SET enable_bitmapscan = off");
            // count(*) through an index: the planner takes an index (only) scan when sequential scans are off; the
            // plan says which, and a plan without one is not counted as an index count
            String index = null;
            try (ResultSet rs = st.executeQuery("EXPLAIN SELECT count(*) FROM ONLY " + quoted)) {
                while (rs.next() && index == null) {
                    var m = java.util.regex.Pattern.compile("Index (?:Only )?Scan using (\\S+)").matcher(
                            rs.getString(1));
                    index = m.find() ? m.group(1) : null;
                }
            }
            if (index == null) {
                ctx.finding(Finding.info("NO_INDEX_COUNT", item + ": the planner takes no index scan for count(*); "
                        + "the heap count stands alone"));
                return true;
            }
            check = "index-row-count " + index;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM ONLY " + quoted)) {
                rs.next();
                Verification v = Verification.equality(item, check, heap, rs.getLong(1));
                ctx.verification(v);
                return v.passed();
            }
        } catch (SQLException e) {
            ctx.verification(new Verification(item, check, false, Long.toString(heap), "error: "
                    + e.getMessage()));
            return false;
        } finally {
            try {
                st.execute("RESET enable_seqscan; RESET enable_bitmapscan");
            } catch (SQLException e) {
                ctx.finding(Finding.warning("RESET_FAILED", e.getMessage(), null));
            }
        }
    }
}
