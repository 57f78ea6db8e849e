package io.dbrecover.influx.tsm;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A bounded reader over a part of a byte array: big-endian numbers and Go's uvarints. Every read is checked against
 * the end; a read past it is a {@code CORRUPT_INPUT} exception whose offset is relative to {@link #base} (the start
 * of the block), which the file reader turns into damage.
 */
final class ByteCursor {
    static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    byte[] bytes;
    int base;
    int pos;
    int end;

    void reset(byte[] b, int base, int pos, int end) {
        this.bytes = b;
        this.base = base;
        this.pos = pos;
        this.end = end;
    }

    int remaining() {
        return end - pos;
    }

    void need(int n, String what) {
        if (n < 0 || end - pos < n) {
            throw corrupt(pos, what + " needs " + n + " bytes, " + (end - pos) + " are left");
        }
    }

    int u8(String what) {
        need(1, what);
        return bytes[pos++] & 0xFF;
    }

    long int64(String what) {
        need(8, what);
        long v = (long) LONG_BE.get(bytes, pos);
        pos += 8;
        return v;
    }

    /** Go's {@code binary.Uvarint}: at most 10 bytes, the tenth at most 1. */
    long uvarint(String what) {
        long v = 0;
        int shift = 0;
        int start = pos;
        for (int i = 0; i < 10; i++) {
            if (pos >= end) {
                throw corrupt(start, what + ": the uvarint runs past the end");
            }
            int b = bytes[pos++] & 0xFF;
            if (b < 0x80) {
                if (i == 9 && b > 1) {
                    break;
                }
                return v | (long) b << shift;
            }
            v |= (long) (b & 0x7F) << shift;
            shift += 7;
        }
        throw corrupt(start, what + ": the uvarint overflows 64 bits");
    }

    /** A uvarint that must lie in {@code [0, max]}. */
    int uvarintAtMost(long max, String what) {
        int start = pos;
        long v = uvarint(what);
        if (v < 0 || v > max) {
            throw corrupt(start, what + " " + Long.toUnsignedString(v) + " exceeds " + max);
        }
        return (int) v;
    }

    RecoveryException corrupt(int at, String what) {
        return corruptAt(at - base, what);
    }

    static RecoveryException corruptAt(long relative, String what) {
        return RecoveryException.of(ErrorCode.CORRUPT_INPUT, what + " (byte " + relative + " of the block's data)")
                .offset(relative).build();
    }
}
