package io.dbrecover.mysql.frm;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A bounds-checked, little-endian view of a whole {@code .frm} file. Each read names what it reads, so that a
 * damaged file yields "CORRUPT_INPUT at offset N reading X" instead of an index exception.
 */
final class FrmBytes {
    private final Path file;
    private final byte[] data;

    FrmBytes(Path file, byte[] data) {
        this.file = file;
        this.data = data;
    }

    Path file() {
        return file;
    }

    int length() {
        return data.length;
    }

    /** Fails unless {@code [offset, offset+length)} lies inside the file. */
    void require(long offset, long length, String what) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw corrupt(offset, what + " (" + length + " bytes) runs past the end of the file ("
                    + data.length + " bytes)");
        }
    }

    int u8(long offset, String what) {
        require(offset, 1, what);
        return data[(int) offset] & 0xFF;
    }

    int u16(long offset, String what) {
        require(offset, 2, what);
        int o = (int) offset;
        return (data[o] & 0xFF) | (data[o + 1] & 0xFF) << 8;
    }

    int u24(long offset, String what) {
        require(offset, 3, what);
        int o = (int) offset;
        return (data[o] & 0xFF) | (data[o + 1] & 0xFF) << 8 | (data[o + 2] & 0xFF) << 16;
    }

    long u32(long offset, String what) {
        require(offset, 4, what);
        int o = (int) offset;
        return ((data[o] & 0xFFL) | (data[o + 1] & 0xFFL) << 8 | (data[o + 2] & 0xFFL) << 16
                | (data[o + 3] & 0xFFL) << 24);
    }

    byte[] slice(long offset, long length, String what) {
        require(offset, length, what);
        return Arrays.copyOfRange(data, (int) offset, (int) (offset + length));
    }

    String utf8(long offset, long length, String what) {
        return new String(slice(offset, length, what), StandardCharsets.UTF_8);
    }

    RecoveryException corrupt(long offset, String message) {
        return RecoveryException.of(ErrorCode.CORRUPT_INPUT, file + ": damaged .frm at byte offset " + offset + ": "
                + message).path(file).offset(offset).hint("the file is truncated or damaged; try another copy of it")
                .build();
    }

    RecoveryException unsupported(long offset, String message) {
        return RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, file + ": unsupported .frm at byte offset " + offset
                + ": " + message).path(file).offset(offset).build();
    }
}
