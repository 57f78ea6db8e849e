package io.dbrecover.mysql.ibd;

import java.util.List;
import java.util.Objects;

/**
 * Rows decoded from an {@code .ibd} file compared with what a server returns for the imported table.
 *
 * @param compared rows compared (each in every compared column)
 * @param equal every compared value was equal and both sides had the same number of rows
 * @param firstDifference {@code null} when equal, else the first row and column that differ, with both values
 * @param notes which columns were left out and why, one sentence each
 */
public record SampleCheck(int compared, boolean equal, String firstDifference, List<String> notes) {
    public SampleCheck {
        notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
        if (equal != (firstDifference == null)) {
            throw new IllegalArgumentException("a difference needs a description, equality none");
        }
        if (compared < 0) {
            throw new IllegalArgumentException("negative row count");
        }
    }
}
