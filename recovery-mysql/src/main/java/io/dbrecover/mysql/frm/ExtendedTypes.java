package io.dbrecover.mysql.frm;

import io.dbrecover.mysql.model.ExtendedValues;

/** Storage and text form of MariaDB plugin types named in extra2 type 130 ({@code inet6}, {@code inet4}, {@code
 * uuid}). */
final class ExtendedTypes {
    private ExtendedTypes() {
    }

    static int storageBytes(String name, FrmBytes b, long at) {
        return ExtendedValues.storageBytes(name).orElseThrow(() -> b.unsupported(at, "defaults of data type " + name
                + " are not decoded yet"));
    }

    static String format(String name, byte[] v, FrmBytes b, long at) {
        storageBytes(name, b, at);
        return ExtendedValues.text(name, v);
    }
}
