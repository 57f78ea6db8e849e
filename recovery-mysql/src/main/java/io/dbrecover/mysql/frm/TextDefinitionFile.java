package io.dbrecover.mysql.frm;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.source.SourceFiles;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's text definition files (view {@code .frm}, {@code .TRG}, {@code .TRN}): a first line
 * {@code TYPE=<kind>}, then one {@code key=value} per line. Values keep line breaks and backslashes escaped
 * ({@code \n}, {@code \\}, {@code \'}, {@code \0}, {@code \z}); list values are {@code 'a' 'b'} or {@code 1 2}.
 *
 * <p>Values are kept as bytes: the file does not say its character set, each value's meaning does (a view query
 * is UTF-8, a trigger statement is in its client character set).
 */
final class TextDefinitionFile {
    /** Text definitions are small; a bigger file is not one. */
    static final long MAX_FILE_SIZE = 16L << 20;
    static final String SIZE_REASON = "a view query or a trigger came in one client packet, 16 MiB by default "
            + "(max_allowed_packet); such files are a few KiB";

    private final Path file;
    private final String type;
    private final Map<String, Value> values;
    /** The file's length: where a missing key would have had to be. */
    private final long end;

    /** One raw value and the byte offset where it starts, for messages. */
    record Value(byte[] raw, long offset) {
    }

    private TextDefinitionFile(Path file, String type, Map<String, Value> values, long end) {
        this.file = file;
        this.type = type;
        this.values = values;
        this.end = end;
    }

    static byte[] readBytes(Path file, String what) {
        return SourceFiles.read(file, MAX_FILE_SIZE, what + " file", SIZE_REASON);
    }

    /** True when the bytes start with {@code TYPE=<kind>} and a line break. */
    static boolean startsWith(byte[] data, String kind) {
        byte[] head = ("TYPE=" + kind + "\n").getBytes(StandardCharsets.US_ASCII);
        if (data.length < head.length) {
            return false;
        }
        for (int i = 0; i < head.length; i++) {
            if (data[i] != head[i]) {
                return false;
            }
        }
        return true;
    }

    /** Parses the file, which must be of the given kind. */
    static TextDefinitionFile parse(Path file, byte[] data, String kind) {
        if (!startsWith(data, kind)) {
            throw corrupt(file, 0, "does not start with TYPE=" + kind);
        }
        Map<String, Value> values = new LinkedHashMap<>();
        int pos = 5 + kind.length() + 1;
        while (pos < data.length) {
            int end = pos;
            while (end < data.length && data[end] != '\n') {
                end++;
            }
            if (end > pos) {
                int eq = pos;
                while (eq < end && data[eq] != '=') {
                    eq++;
                }
                if (eq == end || eq == pos) {
                    throw corrupt(file, pos, "line without key=value");
                }
                String key = new String(data, pos, eq - pos, StandardCharsets.US_ASCII);
                for (int i = pos; i < eq; i++) {
                    int c = data[i] & 0xFF;
                    if (c < 0x21 || c > 0x7E) {
                        throw corrupt(file, i, "key contains byte " + c);
                    }
                }
                byte[] raw = new byte[end - eq - 1];
                System.arraycopy(data, eq + 1, raw, 0, raw.length);
                // the server keeps the first of duplicated keys; a duplicate here means damage either way
                if (values.putIfAbsent(key, new Value(raw, eq + 1L)) != null) {
                    throw corrupt(file, pos, "key '" + key + "' appears twice");
                }
            }
            pos = end + 1;
        }
        return new TextDefinitionFile(file, kind, values, data.length);
    }

    Path file() {
        return file;
    }

    String type() {
        return type;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** The byte offset where the key's value starts, -1 when the key is missing. */
    long offsetOf(String key) {
        Value v = values.get(key);
        return v == null ? -1 : v.offset();
    }

    /** Fails, naming the key and its offset, when {@code problem} is not null. */
    void check(String key, String what, String problem) {
        if (problem != null) {
            throw corrupt(file, offsetOf(key), "'" + key + "': " + what + " is not valid: " + problem);
        }
    }

    /** A name of a character set or collation ({@code utf8mb4_general_ci}), or fails; {@code ""} stays. */
    String charsetName(String key, String value) {
        if (!value.matches("[A-Za-z0-9_]{0,64}")) {
            throw corrupt(file, offsetOf(key), "'" + key + "' is no character set or collation name: " + value);
        }
        return value;
    }

    /** The value unescaped, decoded in the charset, or fails when the key is missing. */
    String required(String key, Charset charset) {
        Value v = values.get(key);
        if (v == null) {
            throw corrupt(file, end, "the key '" + key + "' is missing");
        }
        return decode(unescape(v.raw(), v.offset()), charset, v.offset(), key);
    }

    /** Strict decoding: bytes that are not valid in the charset mean damage, never a replacement character. */
    String decode(byte[] bytes, Charset charset, long offset, String what) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw corrupt(file, offset, "'" + what + "' is not valid " + charset.name());
        }
    }

    /** The value unescaped and decoded, or the fallback when the key is missing. */
    String optional(String key, Charset charset, String fallback) {
        return has(key) ? required(key, charset) : fallback;
    }

    /** An integer value, or fails when the key is missing or not a number. */
    long number(String key) {
        Value v = values.get(key);
        String s = required(key, StandardCharsets.US_ASCII);
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw corrupt(file, v.offset(), "'" + key + "' is not a number: " + s);
        }
    }

    /** A list of quoted strings ({@code 'a' 'b'}), each unescaped, as raw bytes; empty when the key is missing. */
    List<byte[]> quotedList(String key) {
        Value v = values.get(key);
        List<byte[]> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        byte[] raw = v.raw();
        int i = 0;
        while (i < raw.length) {
            if (raw[i] == ' ') {
                i++;
                continue;
            }
            if (raw[i] != '\'') {
                throw corrupt(file, v.offset() + i, "'" + key + "': expected a quoted item");
            }
            ByteArrayOutputStream item = new ByteArrayOutputStream();
            int j = i + 1;
            boolean closed = false;
            while (j < raw.length) {
                byte c = raw[j];
                if (c == '\\' && j + 1 < raw.length) {
                    item.write(c);
                    item.write(raw[j + 1]);
                    j += 2;
                } else if (c == '\'') {
                    closed = true;
                    j++;
                    break;
                } else {
                    item.write(c);
                    j++;
                }
            }
            if (!closed) {
                throw corrupt(file, v.offset() + i, "'" + key + "': unterminated quoted item");
            }
            out.add(unescape(item.toByteArray(), v.offset() + i + 1));
            i = j;
        }
        return out;
    }

    /** A list of space-separated integers; empty when the key is missing. */
    List<Long> numberList(String key) {
        Value v = values.get(key);
        List<Long> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        String s = new String(v.raw(), StandardCharsets.US_ASCII).strip();
        if (s.isEmpty()) {
            return out;
        }
        for (String part : s.split(" +")) {
            try {
                out.add(Long.parseLong(part));
            } catch (NumberFormatException e) {
                throw corrupt(file, v.offset(), "'" + key + "' holds a non-number: " + part);
            }
        }
        return out;
    }

    private byte[] unescape(byte[] raw, long offset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            byte c = raw[i];
            if (c != '\\') {
                out.write(c);
                continue;
            }
            if (i + 1 >= raw.length) {
                throw corrupt(file, offset + i, "a value ends in a lone backslash");
            }
            byte n = raw[++i];
            switch (n) {
                case 'n' -> out.write('\n');
                case '0' -> out.write(0);
                case 'z' -> out.write(0x1A);
                default -> out.write(n); // \\ \' \" and anything else stand for the character itself
            }
        }
        return out.toByteArray();
    }

    static RecoveryException corrupt(Path file, long offset, String message) {
        String where = offset >= 0 ? " at byte offset " + offset : "";
        return RecoveryException.of(ErrorCode.CORRUPT_INPUT, file + ": damaged definition file" + where + ": "
                + message).path(file).offset(offset).hint("the file is truncated or damaged; try another copy of it")
                .build();
    }

    static RecoveryException unsupported(Path file, long offset, String message) {
        String where = offset >= 0 ? " at byte offset " + offset : "";
        return RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, file + ": unsupported definition file" + where
                + ": " + message).path(file).offset(offset).build();
    }
}
