package io.dbrecover.influx.tsm;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.influx.model.Damage;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Tombstone files: the deletions InfluxDB records beside a TSM file ({@code 000000001-000000001.tombstone} beside
 * {@code 000000001-000000001.tsm}) until a compaction applies them. Four versions, told by the first 4 bytes:
 * {@code 0x00001504} (v4: gzip members appended one per flush, each holding v2 entries), {@code 0x00001503} (v3: one
 * gzip stream of v2 entries), {@code 0x00001502} (v2: entries of u32 key length, key, i64 min, i64 max), anything
 * else v1 (one key a line, each deleting all of its key's values). InfluxDB 1.x and 2.x write the same four versions;
 * a key is a whole TSM key (series key, {@code #!~#}, field).
 */
public final class TsmTombstones {
    static final int V2 = 0x1502;
    static final int V3 = 0x1503;
    static final int V4 = 0x1504;
    /** InfluxDB keys are at most 64 KiB; a longer one is damage, not an allocation. */
    static final int MAX_KEY = 1 << 16;

    private TsmTombstones() {
    }

    /** The tombstone file that belongs to a TSM file (it need not exist). */
    public static Path pathFor(Path tsmFile) {
        String name = tsmFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return tsmFile.resolveSibling(base + ".tombstone");
    }

    /**
     * Reads a tombstone file, streaming: each entry goes to {@code sink} as it is read. A missing file holds no
     * tombstones.
     *
     * @return damage met (a truncated entry, broken gzip data, an impossible key length); the entries before it
     *         have been delivered, the rest of the file is not read
     * @throws RecoveryException {@code IO_ERROR} when the file cannot be read at all
     */
    public static List<Damage> read(Path tombstoneFile, Consumer<Tombstone> sink) {
        List<Damage> damage = new ArrayList<>();
        if (Files.exists(tombstoneFile) && !Files.isRegularFile(tombstoneFile)) {
            // checked before opening: opening a FIFO waits until something writes into it
            return List.of(new Damage(tombstoneFile, -1, null, "not a regular file (a directory, FIFO, socket or "
                    + "device): not read, so the deletions it may have held are not applied"));
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(tombstoneFile), 1 << 16)) {
            byte[] head = raw.readNBytes(4);
            int version = head.length == 4 ? (head[0] & 0xFF) << 24 | (head[1] & 0xFF) << 16 | (head[2] & 0xFF) << 8
                    | head[3] & 0xFF : 0;
            if (version == V2) {
                readEntries(tombstoneFile, raw, 4, sink, damage);
            } else if (version == V3 || version == V4) {
                // v4's appended gzip members are one multi-member stream to GZIPInputStream, as to gzip(1)
                readGzip(tombstoneFile, raw, sink, damage);
            } else {
                readLines(tombstoneFile, head, raw, sink, damage);
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot read tombstone file " + tombstoneFile + ": " + e)
                    .path(tombstoneFile).cause(e).build();
        }
        return damage;
    }

    private static void readGzip(Path file, InputStream raw, Consumer<Tombstone> sink, List<Damage> damage)
            throws IOException {
        raw.mark(1);
        if (raw.read() < 0) {
            return; // a v4 file with its header only: nothing deleted yet
        }
        raw.reset();
        try (GZIPInputStream in = new GZIPInputStream(raw, 1 << 16)) {
            readEntries(file, new BufferedInputStream(in, 1 << 16), 0, sink, damage);
        } catch (ZipException | EOFException e) {
            damage.add(new Damage(file, 4, null, "gzip data of the tombstone file is damaged: " + e.getMessage()));
        }
    }

    /** v2 entries until the end of the stream; {@code pos} counts bytes of the stream for the damage's offset. */
    private static void readEntries(Path file, InputStream in, long pos, Consumer<Tombstone> sink,
                                    List<Damage> damage) throws IOException {
        byte[] b = new byte[16];
        while (true) {
            long at = pos;
            int got = in.readNBytes(b, 0, 4);
            if (got == 0) {
                return;
            }
            if (got < 4) {
                damage.add(new Damage(file, at, null, "tombstone entry cut short in its key length"));
                return;
            }
            long keyLen = Integer.toUnsignedLong(readInt(b, 0));
            if (keyLen == 0 || keyLen > MAX_KEY) {
                damage.add(new Damage(file, at, null, "tombstone entry with an impossible key length " + keyLen));
                return;
            }
            byte[] key = in.readNBytes((int) keyLen);
            if (key.length < keyLen || in.readNBytes(b, 0, 16) < 16) {
                damage.add(new Damage(file, at, null, "tombstone entry cut short (the file or gzip stream ends)"));
                return;
            }
            sink.accept(new Tombstone(at, key, readLong(b, 0), readLong(b, 8)));
            pos += 4 + keyLen + 16;
        }
    }

    private static void readLines(Path file, byte[] head, InputStream in, Consumer<Tombstone> sink,
                                  List<Damage> damage) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long pos = 0;
        long start = 0;
        InputStream all = new SequenceInputStream(new ByteArrayInputStream(head), in);
        int c;
        while (true) {
            c = all.read();
            if (c == '\n' || c < 0) {
                byte[] key = line.toByteArray();
                // as Go's line scanner: a line's trailing CR is not part of it
                int len = key.length > 0 && key[key.length - 1] == '\r' ? key.length - 1 : key.length;
                if (len > 0) {
                    sink.accept(new Tombstone(start, Arrays.copyOf(key, len), Long.MIN_VALUE, Long.MAX_VALUE));
                    line.reset();
                }
                if (c < 0) {
                    return;
                }
                start = pos + 1;
            } else if (line.size() >= MAX_KEY) {
                damage.add(new Damage(file, start, null, "a line of a v1 tombstone file is longer than a key can be"
                        + " (" + MAX_KEY + " bytes): not a tombstone file?"));
                return;
            } else {
                line.write(c);
            }
            pos++;
        }
    }

    private static int readInt(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | b[i + 3] & 0xFF;
    }

    private static long readLong(byte[] b, int i) {
        return (long) readInt(b, i) << 32 | Integer.toUnsignedLong(readInt(b, i + 4));
    }
}
