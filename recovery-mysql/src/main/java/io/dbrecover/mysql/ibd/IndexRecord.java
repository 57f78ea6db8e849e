package io.dbrecover.mysql.ibd;

/**
 * One record of an index page decoded with a layout: where it starts and ends and where each field lies.
 *
 * @param origin offset of the record origin in the page (end of its header)
 * @param headerStart offset of the first header byte (lowest address the record uses)
 * @param dataEnd offset just past its last stored field
 * @param infoBits the info bits (0x20 delete-marked, 0x10 minimum record)
 * @param status 0 ordinary, 1 node pointer, 2 infimum, 3 supremum, 4 MariaDB instant
 * @param next offset of the next record origin in the list, 0 at the end
 * @param fieldCount how many fields the record stores
 * @param offsets offset of each stored field
 * @param lengths length of each stored field in the page, -1 for SQL NULL
 * @param external whether each field continues off-page (the last 20 stored bytes are a pointer)
 * @param error why the record does not fit the layout, or {@code null}
 * @param errorField the field index the error is about, -1 when none
 */
record IndexRecord(int origin, int headerStart, int dataEnd, int infoBits, int status, int next, int fieldCount,
                   int[] offsets, int[] lengths, boolean[] external, String error, int errorField) {

    boolean deleted() {
        return (infoBits & 0x20) != 0;
    }

    boolean minimum() {
        return (infoBits & 0x10) != 0;
    }

    /** The record without one of its fields (the metadata BLOB pointer), so that the others keep their numbers. */
    IndexRecord withoutField(int field) {
        if (field < 0 || field >= fieldCount) {
            return this;
        }
        int n = fieldCount - 1;
        int[] o = new int[n];
        int[] l = new int[n];
        boolean[] e = new boolean[n];
        for (int i = 0, j = 0; i < fieldCount; i++) {
            if (i != field) {
                o[j] = offsets[i];
                l[j] = lengths[i];
                e[j++] = external[i];
            }
        }
        return new IndexRecord(origin, headerStart, dataEnd, infoBits, status, next, n, o, l, e, error, errorField);
    }

    boolean ok() {
        return error == null;
    }
}
