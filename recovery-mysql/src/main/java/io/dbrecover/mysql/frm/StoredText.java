package io.dbrecover.mysql.frm;

import io.dbrecover.mysql.model.CharsetCollation;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stored string bytes (defaults, ENUM/SET labels) and the text a utf8mb4 script can carry for them. The script is
 * read as utf8mb4 and the server converts each literal to the column's character set, so text stands for the
 * stored bytes only when that conversion gives exactly those bytes back (docs/formats/frm.md §8.4):
 * <ul>
 * <li>binary: the literal's UTF-8 bytes are stored as they are, so valid UTF-8 is written as text;</li>
 * <li>single-byte sets: by MariaDB's own mapping of each byte (resource {@code charsets-8bit.tsv}, read from a
 * live server and checked against one by a test); a byte without a character there (cp1251 0x98) is not text;</li>
 * <li>the Unicode sets: by Java's decoders, which follow the standard as the server does;</li>
 * <li>the East Asian multi-byte sets: Java's and the server's tables differ for some symbols (sjis 0x815F is
 * U+FF3C to Java, not to MariaDB), so only text of ASCII, kana, hangul and CJK ideographs, which they map alike,
 * is trusted; any other value is written as a hex literal, which the server stores as given.</li>
 * </ul>
 */
final class StoredText {
    private static final Map<String, int[]> SINGLE_BYTE = loadSingleByte();
    private static final Set<String> UNICODE = Set.of("utf8mb3", "utf8", "utf8mb4", "ucs2", "utf16", "utf16le",
            "utf32");

    private StoredText() {
    }

    /** Text whose conversion to the column's character set gives exactly {@code raw}, if there is one. */
    static Optional<String> exact(CharsetCollation cs, byte[] raw) {
        String charset = cs == null ? "binary" : cs.charset();
        if (charset.equals("binary")) {
            return strict(StandardCharsets.UTF_8, raw);
        }
        int[] map = SINGLE_BYTE.get(charset);
        if (map != null) {
            StringBuilder sb = new StringBuilder(raw.length);
            for (byte b : raw) {
                int cp = map[b & 0xFF];
                if (cp < 0) {
                    return Optional.empty();
                }
                sb.appendCodePoint(cp);
            }
            return Optional.of(sb.toString());
        }
        if (!JavaCharsets.known(charset)) {
            return Optional.empty();
        }
        Charset javaCharset = JavaCharsets.forMySql(charset);
        Optional<String> text = strict(javaCharset, raw);
        if (text.isEmpty() || !Arrays.equals(encode(javaCharset, text.get()), raw)) {
            return Optional.empty();
        }
        // utf8mb3 and ucs2 hold the basic plane only
        boolean bmpOnly = charset.equals("utf8mb3") || charset.equals("utf8") || charset.equals("ucs2");
        boolean trusted = UNICODE.contains(charset) ? !bmpOnly || text.get().codePoints().allMatch(cp -> cp <= 0xFFFF)
                : text.get().codePoints().allMatch(StoredText::mappedAlike);
        return trusted ? text : Optional.empty();
    }

    /**
     * Whether the server stores these bytes given as a hex literal: always in binary and the single-byte sets; a
     * multi-byte set refuses a sequence that is not valid in it (error 1300), in every literal form and sql_mode.
     */
    static boolean hexTaken(CharsetCollation cs, byte[] raw) {
        if (cs == null || cs.isBinary() || cs.maxBytesPerChar() == 1) {
            return true;
        }
        return JavaCharsets.known(cs.charset()) && strict(JavaCharsets.forMySql(cs.charset()), raw).isPresent();
    }

    /** The bytes as readable as they go: undecodable ones become {@code ?}. */
    static String lossy(CharsetCollation cs, byte[] raw) {
        String charset = cs == null ? "binary" : cs.charset();
        if (charset.equals("binary")) {
            return new String(raw, StandardCharsets.ISO_8859_1);
        }
        int[] map = SINGLE_BYTE.get(charset);
        if (map != null) {
            StringBuilder sb = new StringBuilder(raw.length);
            for (byte b : raw) {
                sb.appendCodePoint(map[b & 0xFF] < 0 ? '?' : map[b & 0xFF]);
            }
            return sb.toString();
        }
        try {
            return JavaCharsets.forMySql(charset).newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).replaceWith("?").decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder cannot fail", e);
        }
    }

    /** The bytes a text {@link #exact} gave stands for in the column's character set. */
    static byte[] bytes(CharsetCollation cs, String text) {
        String charset = cs == null ? "binary" : cs.charset();
        if (charset.equals("binary")) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        int[] map = SINGLE_BYTE.get(charset);
        if (map != null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            text.codePoints().forEach(cp -> {
                for (int b = 0; b < 256; b++) {
                    if (map[b] == cp) {
                        out.write(b);
                        return;
                    }
                }
                throw new IllegalArgumentException("U+" + Integer.toHexString(cp) + " is not in " + charset);
            });
            return out.toByteArray();
        }
        return encode(JavaCharsets.forMySql(charset), text);
    }

    /** Upper-case hex digits, as a {@code 0x…} literal takes them. */
    static String hex(byte[] raw) {
        return HexFormat.of().withUpperCase().formatHex(raw);
    }

    private static Optional<String> strict(Charset charset, byte[] raw) {
        try {
            return Optional.of(charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static byte[] encode(Charset charset, String text) {
        try {
            ByteBuffer out = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[out.remaining()];
            out.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            return new byte[0];
        }
    }

    /** ASCII, kana, half-width kana, hangul syllables and CJK ideographs: mapped alike by Java and MariaDB. */
    private static boolean mappedAlike(int cp) {
        return cp < 0x80 || cp >= 0x3041 && cp <= 0x3096 || cp >= 0x30A1 && cp <= 0x30FA
                || cp >= 0x4E00 && cp <= 0x9FFF || cp >= 0xAC00 && cp <= 0xD7A3 || cp >= 0xFF61 && cp <= 0xFF9F;
    }

    private static Map<String, int[]> loadSingleByte() {
        Map<String, int[]> map = new HashMap<>();
        try (InputStream in = StoredText.class.getResourceAsStream("/io/dbrecover/mysql/charsets-8bit.tsv")) {
            if (in == null) {
                throw new IllegalStateException("resource io/dbrecover/mysql/charsets-8bit.tsv missing from the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                String[] cps = f[1].split(" ");
                int[] table = new int[256];
                for (int b = 0; b < 256; b++) {
                    table[b] = cps[b].equals("-") ? -1 : Integer.parseInt(cps[b], 16);
                }
                map.put(f[0], table);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(map);
    }
}
