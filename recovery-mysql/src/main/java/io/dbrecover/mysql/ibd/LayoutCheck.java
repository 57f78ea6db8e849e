package io.dbrecover.mysql.ibd;

import io.dbrecover.mysql.model.RowFormat;
import java.util.List;
import java.util.Objects;

/**
 * Whether a table definition fits the records stored in an {@code .ibd} file.
 *
 * @param matches no checked record contradicts the definition (also true when nothing could be checked: see
 *        {@code checked})
 * @param recordsChecked user records decoded with the definition's layout
 * @param mismatch {@code null} when matching, else a sentence naming the first column where the layout breaks
 * @param notes what was and was not checked, one sentence each
 * @param checked records were actually decoded and compared; false when the format is not decoded here (for
 *        example MySQL 8 or encryption) or the table is empty
 * @param storedRowFormat COMPACT or DYNAMIC as seen from an off-page column's local prefix (768 bytes kept in
 *        COMPACT/REDUNDANT, none in DYNAMIC), REDUNDANT or COMPRESSED from the page format, or {@code null} when
 *        no record said
 */
public record LayoutCheck(boolean matches, int recordsChecked, String mismatch, List<String> notes, boolean checked,
                          RowFormat storedRowFormat) {
    public LayoutCheck {
        notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
        if (matches != (mismatch == null)) {
            throw new IllegalArgumentException("a mismatch needs a reason, a match none");
        }
        if (recordsChecked < 0) {
            throw new IllegalArgumentException("negative record count");
        }
    }
}
