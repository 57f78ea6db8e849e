package io.dbrecover.influx.model;

/**
 * The type of a field's values, numbered as the TSM format numbers its blocks (the block's first byte and the type
 * byte of an index entry).
 */
public enum FieldType {
    /** 64-bit IEEE 754 floating point. */
    FLOAT(0),
    /** Signed 64-bit integer. */
    INTEGER(1),
    /** Boolean. */
    BOOLEAN(2),
    /** UTF-8 string (InfluxDB does not check the encoding: the bytes are kept as written). */
    STRING(3),
    /** Unsigned 64-bit integer (held in a Java {@code long}; read it with {@link Long#toUnsignedString(long)}). */
    UNSIGNED(4);

    private static final FieldType[] BY_CODE = values();

    private final byte code;

    FieldType(int code) {
        this.code = (byte) code;
    }

    /** The TSM block type byte. */
    public byte code() {
        return code;
    }

    /**
     * The type of a TSM block type byte.
     *
     * @return the type, or {@code null} when the byte is no type the format knows (damage to report)
     */
    public static FieldType ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
