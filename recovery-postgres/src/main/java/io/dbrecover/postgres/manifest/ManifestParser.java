package io.dbrecover.postgres.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.postgres.model.Lsn;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code backup_manifest} (versions 1 and 2, PostgreSQL 13 to 17) as a stream: a manifest of a cluster with
 * millions of files is hundreds of megabytes, so it is never held as a tree. Every string is bounded; anything that
 * is not what PostgreSQL writes (a missing or unknown key, a wrong type, a duplicate path, a checksum of the wrong
 * length, a version other than 1 and 2) is a {@code CORRUPT_INPUT} naming the manifest and the byte offset.
 *
 * <p>The manifest's own checksum ({@code Manifest-Checksum}) is the SHA-256 of its bytes up to and including the
 * next-to-last newline (the last line holds the checksum itself); it is computed in a separate pass and returned,
 * not judged, so that a caller can report a mismatch and still check the files.
 */
public final class ManifestParser {
    /** Longest path accepted: PostgreSQL's MAXPGPATH is 1024 bytes. */
    static final int MAX_PATH = 1024;
    /** Longest string of any kind (a hex-encoded path of MAXPGPATH bytes is the longest PostgreSQL writes). */
    static final int MAX_STRING = 2 * MAX_PATH + 2;
    private static final int TAIL_BLOCK = 64 * 1024;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING).maxNestingDepth(8)
                    .maxNumberLength(40).build()).build();

    private final Path file;

    public ManifestParser(Path file) {
        this.file = file;
    }

    /**
     * Parses the manifest.
     *
     * @throws RecoveryException {@code CORRUPT_INPUT} (with the offset) when it is not a valid manifest,
     *         {@code IO_ERROR} when it cannot be read
     */
    public Manifest parse() {
        String computed = computeChecksum();
        try (FileChannel ch = io.dbrecover.core.workspace.InputFiles.open(file);
             InputStream in = Channels.newInputStream(ch);
             JsonParser p = JSON.createParser(in)) {
            return new Body(p, computed).read();
        } catch (JsonProcessingException e) {
            long offset = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
            throw corrupt("not valid JSON: " + e.getOriginalMessage(), offset);
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot read " + file + ": " + e.getMessage()).path(file)
                    .cause(e).build();
        }
    }

    /** SHA-256 of the bytes up to and including the next-to-last newline; the file must end in a newline. */
    String computeChecksum() {
        try (FileChannel ch = io.dbrecover.core.workspace.InputFiles.open(file)) {
            long size = ch.size();
            long penultimate = penultimateNewline(ch, size);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(1 << 20, Math.max(1, penultimate + 1)));
            long pos = 0;
            while (pos < penultimate + 1) {
                buf.clear().limit((int) Math.min(buf.capacity(), penultimate + 1 - pos));
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw corrupt("the file shrank while being read", pos);
                }
                buf.flip();
                sha.update(buf);
                pos += n;
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot read " + file + ": " + e.getMessage()).path(file)
                    .cause(e).build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private long penultimateNewline(FileChannel ch, long size) throws IOException {
        if (size == 0) {
            throw corrupt("the manifest is empty", 0);
        }
        ByteBuffer one = ByteBuffer.allocate(1);
        ch.read(one, size - 1);
        if (one.get(0) != '\n') {
            throw corrupt("the manifest's last line does not end in a newline (truncated?)", size - 1);
        }
        ByteBuffer block = ByteBuffer.allocate(TAIL_BLOCK);
        long end = size - 1; // search before the last newline
        while (end > 0) {
            long start = Math.max(0, end - TAIL_BLOCK);
            block.clear().limit((int) (end - start));
            while (block.hasRemaining()) {
                if (ch.read(block, start + block.position()) < 0) {
                    throw corrupt("the file shrank while being read", start + block.position());
                }
            }
            for (int i = (int) (end - start) - 1; i >= 0; i--) {
                if (block.get(i) == '\n') {
                    return start + i;
                }
            }
            end = start;
        }
        throw corrupt("the manifest has fewer than two lines", 0);
    }

    private RecoveryException corrupt(String what, long offset) {
        return RecoveryException.of(ErrorCode.CORRUPT_INPUT, file + (offset >= 0 ? " at byte " + offset : "") + ": "
                        + what).path(file).offset(offset)
                .hint("take a new base backup, or compare the manifest with a copy kept elsewhere").build();
    }

    /** One pass over the JSON body. */
    private final class Body {
        private final JsonParser p;
        private final String computed;
        private int version;
        private Long systemIdentifier;
        private final Map<String, ManifestFile> files = new LinkedHashMap<>();
        private final List<Manifest.WalRange> ranges = new ArrayList<>();
        private String checksum;

        Body(JsonParser p, String computed) {
            this.p = p;
            this.computed = computed;
        }

        Manifest read() throws IOException {
            expect(p.nextToken(), JsonToken.START_OBJECT, "the manifest must be a JSON object");
            boolean first = true;
            boolean sawFiles = false;
            boolean sawRanges = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                long at = offset();
                p.nextToken();
                if (first && !key.equals("PostgreSQL-Backup-Manifest-Version")) {
                    throw corrupt("the first key must be PostgreSQL-Backup-Manifest-Version, not " + shown(key), at);
                }
                first = false;
                switch (key) {
                    case "PostgreSQL-Backup-Manifest-Version" -> version = version();
                    case "System-Identifier" -> systemIdentifier = unsignedLong("System-Identifier");
                    case "Files" -> {
                        readFiles();
                        sawFiles = true;
                    }
                    case "WAL-Ranges" -> {
                        readRanges();
                        sawRanges = true;
                    }
                    case "Manifest-Checksum" -> checksum = hex(text("Manifest-Checksum"), 32, "Manifest-Checksum");
                    default -> throw corrupt("unknown key " + shown(key), at);
                }
            }
            expect(p.currentToken(), JsonToken.END_OBJECT, "expected a key or the end of the manifest");
            if (p.nextToken() != null) {
                throw corrupt("text after the end of the manifest", offset());
            }
            if (first) {
                throw corrupt("the manifest has no version", offset());
            }
            if (!sawFiles) {
                throw corrupt("the manifest has no Files", offset());
            }
            if (!sawRanges) {
                throw corrupt("the manifest has no WAL-Ranges", offset());
            }
            if (checksum == null) {
                throw corrupt("the manifest has no Manifest-Checksum", offset());
            }
            if (version >= 2 && systemIdentifier == null) {
                throw corrupt("a version " + version + " manifest has no System-Identifier", offset());
            }
            return new Manifest(version, systemIdentifier, files, ranges, checksum, computed);
        }

        private int version() throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw corrupt("PostgreSQL-Backup-Manifest-Version must be a number", offset());
            }
            BigInteger v = p.getBigIntegerValue();
            if (!v.equals(BigInteger.ONE) && !v.equals(BigInteger.TWO)) {
                throw RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, file + ": manifest version " + v
                                + " (known: 1 for PostgreSQL 13 to 16, 2 for 17)").path(file).offset(offset())
                        .hint("a newer PostgreSQL's pg_verifybackup can check it").build();
            }
            return v.intValue();
        }

        private void readFiles() throws IOException {
            expect(p.currentToken(), JsonToken.START_ARRAY, "Files must be an array");
            while (p.nextToken() == JsonToken.START_OBJECT) {
                ManifestFile f = readFile();
                if (files.putIfAbsent(f.path(), f) != null) {
                    throw corrupt("the file " + shown(f.path()) + " is listed twice", f.offset());
                }
            }
            expect(p.currentToken(), JsonToken.END_ARRAY, "expected a file object or the end of Files");
        }

        private ManifestFile readFile() throws IOException {
            long at = offset();
            String path = null;
            Long size = null;
            String modified = null;
            ChecksumAlgorithm algorithm = null;
            String sum = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                long keyAt = offset();
                p.nextToken();
                switch (key) {
                    case "Path" -> path = once(path, text("Path"), key, keyAt);
                    case "Encoded-Path" -> path = once(path, decodePath(text("Encoded-Path")), key, keyAt);
                    case "Size" -> size = once(size, size(), key, keyAt);
                    case "Last-Modified" -> modified = once(modified, text("Last-Modified"), key, keyAt);
                    case "Checksum-Algorithm" -> {
                        String name = text("Checksum-Algorithm");
                        algorithm = once(algorithm, ChecksumAlgorithm.byName(name).orElseThrow(() -> corrupt(
                                "unknown checksum algorithm " + shown(name), keyAt)), key, keyAt);
                    }
                    case "Checksum" -> sum = once(sum, text("Checksum"), key, keyAt);
                    default -> throw corrupt("unknown key " + shown(key) + " in a file entry", keyAt);
                }
            }
            expect(p.currentToken(), JsonToken.END_OBJECT, "expected a key or the end of the file entry");
            if (path == null) {
                throw corrupt("a file entry has neither Path nor Encoded-Path", at);
            }
            checkPath(path, at);
            if (size == null) {
                throw corrupt("the file entry of " + shown(path) + " has no Size", at);
            }
            if (algorithm == null) {
                algorithm = ChecksumAlgorithm.NONE;
            }
            if (algorithm == ChecksumAlgorithm.NONE) {
                if (sum != null && !sum.isEmpty()) {
                    throw corrupt("the file entry of " + shown(path) + " has a Checksum but no algorithm", at);
                }
                sum = "";
            } else if (sum == null) {
                throw corrupt("the file entry of " + shown(path) + " has a Checksum-Algorithm but no Checksum", at);
            } else {
                sum = hex(sum, algorithm.length(), "Checksum of " + shown(path));
            }
            return new ManifestFile(path, size, modified, algorithm, sum, at);
        }

        private void readRanges() throws IOException {
            expect(p.currentToken(), JsonToken.START_ARRAY, "WAL-Ranges must be an array");
            while (p.nextToken() == JsonToken.START_OBJECT) {
                long at = offset();
                Long timeline = null;
                Lsn start = null;
                Lsn end = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    long keyAt = offset();
                    p.nextToken();
                    switch (key) {
                        case "Timeline" -> timeline = once(timeline, timeline(), key, keyAt);
                        case "Start-LSN" -> start = once(start, lsn("Start-LSN"), key, keyAt);
                        case "End-LSN" -> end = once(end, lsn("End-LSN"), key, keyAt);
                        default -> throw corrupt("unknown key " + shown(key) + " in a WAL range", keyAt);
                    }
                }
                expect(p.currentToken(), JsonToken.END_OBJECT, "expected a key or the end of the WAL range");
                if (timeline == null || start == null || end == null) {
                    throw corrupt("a WAL range needs Timeline, Start-LSN and End-LSN", at);
                }
                if (end.isBefore(start)) {
                    throw corrupt("a WAL range ends (" + end + ") before it starts (" + start + ")", at);
                }
                ranges.add(new Manifest.WalRange(timeline.intValue(), start, end));
            }
            expect(p.currentToken(), JsonToken.END_ARRAY, "expected a WAL range or the end of WAL-Ranges");
        }

        private long size() throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw corrupt("Size must be a whole number", offset());
            }
            BigInteger v = p.getBigIntegerValue();
            if (v.signum() < 0 || v.bitLength() > 62) {
                throw corrupt("Size out of range: " + v, offset());
            }
            return v.longValue();
        }

        private long timeline() throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw corrupt("Timeline must be a whole number", offset());
            }
            BigInteger v = p.getBigIntegerValue();
            if (v.signum() <= 0 || v.bitLength() > 31) {
                throw corrupt("Timeline out of range: " + v, offset());
            }
            return v.longValue();
        }

        private Long unsignedLong(String what) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw corrupt(what + " must be a whole number", offset());
            }
            BigInteger v = p.getBigIntegerValue();
            if (v.signum() < 0 || v.bitLength() > 64) {
                throw corrupt(what + " out of range: " + v, offset());
            }
            return v.longValue();
        }

        private Lsn lsn(String what) throws IOException {
            String t = text(what);
            if (!Lsn.isLsn(t)) {
                throw corrupt(what + " is not a WAL location: " + shown(t), offset());
            }
            return Lsn.parse(t);
        }

        private String text(String what) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw corrupt(what + " must be a string", offset());
            }
            return p.getText();
        }

        private String hex(String value, int bytes, String what) {
            String lower = value.toLowerCase(Locale.ROOT);
            if (lower.length() != 2 * bytes || !lower.matches("[0-9a-f]*")) {
                throw corrupt(what + " must be " + 2 * bytes + " hex digits, not " + shown(value), offset());
            }
            return lower;
        }

        private String decodePath(String hexPath) {
            if (hexPath.length() % 2 != 0 || !hexPath.matches("[0-9A-Fa-f]*")) {
                throw corrupt("Encoded-Path is not hex: " + shown(hexPath), offset());
            }
            return new String(HexFormat.of().parseHex(hexPath), StandardCharsets.UTF_8);
        }

        private void checkPath(String path, long at) {
            if (path.isEmpty() || path.length() > MAX_PATH || path.startsWith("/") || path.indexOf('\0') >= 0) {
                throw corrupt("not a relative path: " + shown(path), at);
            }
            for (String part : path.split("/", -1)) {
                if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                    throw corrupt("not a plain relative path: " + shown(path), at);
                }
            }
        }

        private <T> T once(T old, T value, String key, long at) {
            if (old != null) {
                throw corrupt("the key " + key + " appears twice in one entry", at);
            }
            return value;
        }

        private void expect(JsonToken got, JsonToken want, String what) {
            if (got != want) {
                throw corrupt(what + " (found " + (got == null ? "the end of the file" : got.asString() == null
                        ? got.name() : got.asString()) + ")", offset());
            }
        }

        private long offset() {
            return p.currentTokenLocation().getByteOffset();
        }
    }

    /** A name or value from a backup for a message: bounded, control characters escaped, in quotes. */
    public static String shown(String s) {
        if (s == null) {
            return "(none)";
        }
        String cut = s.length() > 120 ? s.substring(0, 120) + "…" : s;
        StringBuilder b = new StringBuilder("'");
        cut.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0) {
                b.append(String.format(Locale.ROOT, "\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append('\'').toString();
    }
}
