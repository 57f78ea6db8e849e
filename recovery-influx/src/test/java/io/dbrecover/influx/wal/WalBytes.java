package io.dbrecover.influx.wal;

import io.airlift.compress.snappy.SnappyCompressor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds WAL segment bytes from the format's description (big-endian, Snappy payloads), for tests. */
final class WalBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream entry = new ByteArrayOutputStream();

    /** Starts a write entry's key: WAL type byte (1 float .. 5 unsigned), key, count. */
    WalBytes key(int walType, String key, int count) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        entry.write(walType);
        entry.write(k.length >> 8);
        entry.write(k.length);
        entry.writeBytes(k);
        entry.writeBytes(ByteBuffer.allocate(4).putInt(count).array());
        return this;
    }

    WalBytes value(long time, long bits) {
        entry.writeBytes(ByteBuffer.allocate(16).putLong(time).putLong(bits).array());
        return this;
    }

    WalBytes bool(long time, boolean v) {
        entry.writeBytes(ByteBuffer.allocate(8).putLong(time).array());
        entry.write(v ? 1 : 0);
        return this;
    }

    WalBytes string(long time, String v) {
        byte[] s = v.getBytes(StandardCharsets.UTF_8);
        entry.writeBytes(ByteBuffer.allocate(12).putLong(time).putInt(s.length).array());
        entry.writeBytes(s);
        return this;
    }

    /** Ends the write entry started with {@link #key}. */
    WalBytes endWrite() {
        return raw(1, entry.toByteArray());
    }

    WalBytes delete(List<String> keys) {
        return raw(2, String.join("\n", keys).getBytes(StandardCharsets.UTF_8));
    }

    WalBytes deleteRange(long min, long max, List<String> keys) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(ByteBuffer.allocate(16).putLong(min).putLong(max).array());
        for (String k : keys) {
            byte[] kb = k.getBytes(StandardCharsets.UTF_8);
            b.writeBytes(ByteBuffer.allocate(4).putInt(kb.length).array());
            b.writeBytes(kb);
        }
        return raw(3, b.toByteArray());
    }

    /** An entry of any type with the payload compressed. */
    WalBytes raw(int type, byte[] payload) {
        entry.reset();
        SnappyCompressor c = new SnappyCompressor();
        byte[] z = new byte[c.maxCompressedLength(payload.length)];
        int n = c.compress(payload, 0, payload.length, z, 0, z.length);
        out.write(type);
        out.writeBytes(ByteBuffer.allocate(4).putInt(n).array());
        out.write(z, 0, n);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
