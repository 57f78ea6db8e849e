package io.dbrecover.mysql.frm;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.mysql.model.Identifiers;
import io.dbrecover.mysql.model.StorageEngines;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
    private final boolean preUtf8Names;

    FrmBytes(Path file, byte[] data) {
        this.file = file;
        this.data = data;
        // MySQL 3.23/4.0 (frm version 6/7) had no character sets for names: the server's, latin1 by default
        this.preUtf8Names = data.length > 2 && (data[2] & 0xFF) < FrmHeader.FIRST_17_BYTE_VERSION;
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

    /**
     * A name (of a column, an index, a constraint…) stored at {@code offset}: strict UTF-8 (latin1 in MySQL
     * 3.23/4.0 files, which knew no character sets for names), valid as MariaDB's names are
     * ({@link Identifiers#nameProblem}); else damage at that offset.
     */
    String name(long offset, long length, String what) {
        return name(slice(offset, length, what), 0, (int) length, offset, what);
    }

    /** A name held in {@code v[from, from + length)}, which lies at {@code fileOffset} of the file. */
    String name(byte[] v, int from, int length, long fileOffset, String what) {
        String s = decode(v, from, length, fileOffset, what);
        String problem = Identifiers.nameProblem(s);
        if (problem != null) {
            throw corrupt(fileOffset, what + " '" + s + "' is no valid name: " + problem);
        }
        return s;
    }

    /**
     * A text (comment, CONNECTION string) of at most {@code maxChars} characters (0: any), strict UTF-8 without
     * control characters but tab and line breaks ({@link Identifiers#textProblem}).
     */
    String text(long offset, long length, String what, int maxChars) {
        String s = decode(slice(offset, length, what), 0, (int) length, offset, what);
        String problem = Identifiers.textProblem(s, maxChars);
        if (problem != null) {
            throw corrupt(offset, what + " is no valid text: " + problem);
        }
        return s;
    }

    /** A SQL text (expression, partition clause): as {@link #text}, with balanced quotes and parentheses. */
    String sql(long offset, long length, String what) {
        return sql(slice(offset, length, what), 0, (int) length, offset, what);
    }

    /** A SQL text held in {@code v[from, from + length)}, which lies at {@code fileOffset} of the file. */
    String sql(byte[] v, int from, int length, long fileOffset, String what) {
        String s = decode(v, from, length, fileOffset, what);
        String problem = Identifiers.expressionProblem(s);
        if (problem != null) {
            throw corrupt(fileOffset, what + " is no valid SQL text: " + problem);
        }
        return s;
    }

    /** An expression the server printed (MariaDB 10.2+): as {@link #sql}, and every bare word a keyword. */
    String printedSql(long offset, long length, String what) {
        String s = sql(offset, length, what);
        String problem = Identifiers.printedExpressionProblem(s, true);
        if (problem != null) {
            throw corrupt(offset, what + " is no expression the server printed: " + problem);
        }
        return s;
    }

    /** Fails unless {@code name} is an engine some server had ({@link StorageEngines}). */
    String engine(String name, long offset, String what) {
        String problem = StorageEngines.problem(name);
        if (problem != null) {
            throw corrupt(offset, what + ": " + problem);
        }
        return name;
    }

    private String decode(byte[] v, int from, int length, long fileOffset, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(v, from, length))
                    .toString();
        } catch (CharacterCodingException e) {
            if (preUtf8Names) {
                return new String(v, from, length, StandardCharsets.ISO_8859_1);
            }
            throw corrupt(fileOffset, what + " is not valid UTF-8");
        }
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
