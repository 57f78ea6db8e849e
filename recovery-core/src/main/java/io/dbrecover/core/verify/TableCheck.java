package io.dbrecover.core.verify;

import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.plan.StepContext;
import java.sql.SQLException;
import java.util.concurrent.Callable;

/**
 * The proof of one recovered table: its row count and ordered row hash against those taken from the original,
 * recorded as two verifications and one item. A table that cannot be read counts as failed, never as skipped.
 */
public final class TableCheck {
    private TableCheck() {
    }

    /**
     * Compares and records.
     *
     * @param item         the table, e.g. {@code shop.orders}
     * @param expected     rows and hash taken before the disaster
     * @param actual       reads rows and hash from the recovered server
     * @param orderedQuery the query whose rows were hashed, for the report
     * @return whether the table is verified
     */
    public static boolean record(StepContext sc, String item, RowHash expected, Callable<RowHash> actual,
                                 String orderedQuery) {
        RowHash got;
        try {
            got = actual.call();
        } catch (SQLException | RecoveryException e) {
            sc.verification(new Verification(item, "row-count", false, Long.toString(expected.rows()),
                    "error: " + e.getMessage()));
            sc.item(new ItemResult(item, ItemStatus.FAILED, "cannot read the table on the recovered server: "
                    + e.getMessage()));
            return false;
        } catch (Exception e) {
            throw new IllegalStateException("reading " + item + " failed unexpectedly", e);
        }
        Verification count = Verification.equality(item, "row-count", expected.rows(), got.rows());
        Verification hash = Verification.equality(item, "ordered-row-hash", expected.sha256(), got.sha256());
        sc.verification(count);
        sc.verification(hash);
        boolean ok = count.passed() && hash.passed();
        sc.item(new ItemResult(item, ok ? ItemStatus.VERIFIED : ItemStatus.VERIFICATION_FAILED, ok
                ? got.rows() + " rows, identical in content and order (" + orderedQuery + ")"
                : "expected " + expected.rows() + " rows hashing to " + expected.sha256() + ", found " + got.rows()
                        + " rows hashing to " + got.sha256()));
        return ok;
    }
}
