package io.dbrecover.mysql.transplant;

import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.core.verify.RowHash;
import io.dbrecover.mysql.ibd.LayoutCheck;
import io.dbrecover.mysql.verify.FileComparison;
import io.dbrecover.mysql.verify.RowComparison;
import io.dbrecover.mysql.verify.TableHash;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The proof of one imported table: every row our own page reader decodes from the file compared with the server's
 * (right after the import, or in the pass that hashes the rows), CHECK TABLE, the row count against the rows hashed,
 * the ordered row hash against {@code --expect}; the table is VERIFIED only when every value was compared and every
 * check passed, NOT_PROVEN when a column could not be compared, VERIFICATION_FAILED when a check failed.
 */
final class TableProof {
    private final Map<String, RowHash> expected;

    /** @param expected row hashes known from before the disaster, by {@code db.table} */
    TableProof(Map<String, RowHash> expected) {
        this.expected = Map.copyOf(expected);
    }

    void prove(Work w, Connection c, StepContext sc, Proof proof, Phases phases, long millis)
            throws SQLException {
        TableSource t = w.source();
        String item = t.qualifiedName();
        String table = TransplantSql.qualified(t.database(), t.table());
        boolean ok = !proof.failed;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("CHECK TABLE " + table)) {
            String last = "no answer";
            boolean fine = false;
            while (rs.next()) {
                last = rs.getString("Msg_type") + ": " + rs.getString("Msg_text");
                fine |= "status".equalsIgnoreCase(rs.getString("Msg_type")) && "OK".equals(rs.getString("Msg_text"));
            }
            sc.verification(new Verification(item, "check-table", fine, "status: OK", last));
            ok &= fine;
        }
        LayoutCheck layout = w.layout();
        if (layout != null && layout.checked()) {
            sc.verification(new Verification(item, "definition-fits-file-records", true, "the stored column "
                    + "layout of " + t.definitionSource(), layout.recordsChecked() + " records of the file decoded "
                    + "with it"));
        }
        long count;
        // a system-versioned table's history rows are rows too: they are compared and hashed with the others
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table
                + (t.definition().systemVersioned() ? " FOR SYSTEM_TIME ALL" : ""))) {
            rs.next();
            count = rs.getLong(1);
        }
        long h0 = System.nanoTime();
        RowHash hash = proof.deferred ? compareAndHash(c, t, sc, proof) : null;
        if (hash == null) {
            if (proof.deferred) {
                compareRows(c, t, t.table(), t.tablespace(), sc, proof);
            }
            long h1 = System.nanoTime();
            hash = TableHash.of(c, t.database(), t.table());
            phases.hash = System.nanoTime() - h1;
        } else {
            // one pass: what it took beyond reading and hashing the rows counts as the comparison's
            phases.hash = System.nanoTime() - h0 - proof.comparisonNanos;
        }
        phases.compare = proof.comparisonNanos;
        Verification counted = Verification.equality(item, "row-count-equals-rows-hashed", count, hash.rows());
        sc.verification(counted);
        ok &= counted.passed();
        RowHash known = expected.get(item);
        if (known != null) {
            Verification same = Verification.equality(item, "ordered-row-hash-equals-expected", known.rows() + " rows "
                    + known.sha256(), hash.rows() + " rows " + hash.sha256());
            sc.verification(same);
            ok &= same.passed();
        }
        boolean proven = proof.compared && proof.notCompared.isEmpty();
        if (!proven) {
            String why = proof.notCompared.isEmpty() ? "no value could be compared"
                    : proof.notCompared.entrySet().stream().map(e -> "`" + e.getKey() + "` (" + e.getValue() + ")")
                    .collect(Collectors.joining(", "));
            sc.finding(Finding.warning("VALUES_NOT_COMPARED", item + ": imported, not proven: our reader could not "
                    + "compare the file's values with the server's for " + why + "; the row hash proves what the "
                    + "server reads, not that it reads the file as written", String.valueOf(t.files().get(0))));
        }
        String detail = hash.rows() + " rows, row hash sha256:" + hash.sha256() + "; " + w.facts().describe()
                + "; definition from " + t.definitionSource() + (TransplantSql.usesCfg(t) ? ", imported with its .cfg "
                + "(the server checked the definition against it)" : "") + (proven && ok
                        ? "; every value equal to what "
                + "our reader decodes from the file" : proven ? "" : "; not proven: values not compared") + "; "
                + millis + " ms ("
                + phases.describe() + ")";
        sc.item(new ItemResult(item, !ok ? ItemStatus.VERIFICATION_FAILED : proven ? ItemStatus.VERIFIED
                : ItemStatus.NOT_PROVEN, detail));
    }

    /**
     * Every row our own page reader decodes from the file, compared value by value and exactly with every row the
     * server returns right after the import (before other keys are added, so that a table clustered on the row id
     * is read in that order): two independent decoders of the same bytes. A column that cannot be compared is
     * named and keeps the table from counting as proven; a difference fails it.
     */
    static void compareRows(Connection c, TableSource t, String importedAs, Path file, StepContext sc,
                                    Proof proof) {
        String item = t.qualifiedName();
        long t0 = System.nanoTime();
        FileComparison s;
        try {
            s = RowComparison.compare(c, t.database(), importedAs, file, t.definition());
        } catch (RecoveryException e) {
            sc.verification(new Verification(item, "rows-equal-file", false, "every row of " + file.getFileName()
                    + " as our reader decodes it", e.getMessage()));
            proof.failed = true;
            return;
        }
        proof.comparisonNanos += System.nanoTime() - t0;
        record(item, file, s, sc, proof);
    }

    private static void record(String item, Path file, FileComparison s, StepContext sc, Proof proof) {
        s.notCompared().forEach((column, why) -> proof.notCompared.put(column, why));
        proof.compared |= !s.compared().isEmpty();
        if (s.compared().isEmpty() && s.equal()) {
            return;
        }
        sc.verification(new Verification(item, "rows-equal-file", s.equal(), "every row of " + file.getFileName()
                + " as our reader decodes it, in " + s.compared().size() + " column(s)", s.equal() ? s.rows()
                + " rows equal, every value exactly" + (s.notes().isEmpty() ? "" : " (" + String.join(" ", s.notes())
                + ")") : s.firstDifference()));
        proof.failed |= !s.equal();
    }

    /**
     * Compares every row with the file and hashes them in one pass (see {@link RowComparison#compareAndHash}); the
     * comparison's share of the time is the pass's time minus what a plain hash of the rows takes, estimated here as
     * the time our reader spent decoding the file.
     *
     * @return the row hash, or {@code null} when the hash's order is not the file's (then nothing was compared)
     */
    private static RowHash compareAndHash(Connection c, TableSource t, StepContext sc, Proof proof) {
        String item = t.qualifiedName();
        Path file = t.tablespace();
        long t0 = System.nanoTime();
        Optional<RowComparison.Proof> both;
        try {
            both = RowComparison.compareAndHash(c, t.database(), t.table(), file, t.definition());
        } catch (RecoveryException e) {
            sc.verification(new Verification(item, "rows-equal-file", false, "every row of " + file.getFileName()
                    + " as our reader decodes it", e.getMessage()));
            proof.failed = true;
            return null;
        }
        if (both.isEmpty()) {
            return null;
        }
        FileComparison s = both.get().comparison();
        proof.comparisonNanos += s.fileNanos();
        record(item, file, s, sc, proof);
        return both.get().hash();
    }

    /** What the row comparisons of one table (one per tablespace file) found. */
    static final class Proof {
        boolean deferred;
        boolean failed;
        boolean compared;
        long comparisonNanos;
        final Map<String, String> notCompared = new LinkedHashMap<>();
    }
}
