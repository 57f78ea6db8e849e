package io.dbrecover.core.api;

import java.util.Objects;

/**
 * One check of a result against an independent answer.
 *
 * @param item     the item checked (table, shard, file), or "*" for the whole run
 * @param check    what was checked, e.g. {@code row-count}, {@code ordered-row-hash}, {@code select-1}
 * @param passed   whether the check passed
 * @param expected the expected value as text
 * @param actual   the value found
 */
public record Verification(String item, String check, boolean passed, String expected, String actual) {
    public Verification {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
    }

    /** A check that passes exactly when expected equals actual. */
    public static Verification equality(String item, String check, Object expected, Object actual) {
        String e = String.valueOf(expected);
        String a = String.valueOf(actual);
        return new Verification(item, check, e.equals(a), e, a);
    }
}
