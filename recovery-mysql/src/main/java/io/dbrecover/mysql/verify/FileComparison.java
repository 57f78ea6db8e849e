package io.dbrecover.mysql.verify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every row a server returns for an imported table compared with every row our page reader decodes from the
 * tablespace file: two independent decoders of the same bytes.
 *
 * @param rows rows compared (each in every compared column)
 * @param compared the columns compared, in the file's stored column order
 * @param notCompared stored columns whose values could not be compared, with why: the table is then not proven
 * @param equal every compared value was equal and both sides had the same number of rows
 * @param firstDifference {@code null} when equal, else the first row and column that differ, with both values
 * @param notes other facts (why nothing could be compared at all, instant ALTER metadata…)
 * @param fileNanos time spent decoding the file and comparing values (not reading the server's rows)
 */
public record FileComparison(long rows, List<String> compared, Map<String, String> notCompared, boolean equal,
                             String firstDifference, List<String> notes, long fileNanos) {
    public FileComparison {
        compared = List.copyOf(compared);
        notCompared = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(notCompared,
                "notCompared")));
        notes = List.copyOf(notes);
        if (equal != (firstDifference == null)) {
            throw new IllegalArgumentException("a difference needs a description, equality none");
        }
        if (rows < 0) {
            throw new IllegalArgumentException("negative row count");
        }
    }

    /** Whether every stored value of every row was compared and found equal. */
    public boolean proves() {
        return equal && notCompared.isEmpty() && !compared.isEmpty();
    }
}
