package io.dbrecover.mysql.model;

import java.util.Locale;

/** The spatial column types, in the order of their subtype codes in a {@code .frm}. */
public enum GeometryType {
    GEOMETRY, POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON, GEOMETRYCOLLECTION;

    /** The lower-case SQL name, e.g. {@code point}. */
    public String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
