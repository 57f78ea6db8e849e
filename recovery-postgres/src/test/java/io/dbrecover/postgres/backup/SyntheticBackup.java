package io.dbrecover.postgres.backup;

import io.dbrecover.postgres.manifest.ChecksumAlgorithm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A small base backup made in a test, laid out as pg_basebackup lays one out (plain or tar.gz), with a manifest
 * whose checksums are computed here and a WAL segment whose page headers are as PostgreSQL 15 writes them: what
 * the verifier must find clean, before a test damages it.
 */
public final class SyntheticBackup {
    /** The cluster's system identifier in pg_control, the WAL and (version 2) the manifest. */
    public static final long SYSTEM_ID = 7_300_000_000_000_000_123L;
    public static final long SEGMENT = 16L << 20;
    public static final int PAGE = 8192;
    /** The backup's WAL range: within segment 2 of timeline 1. */
    public static final String START = "0/2000028";
    public static final String END = "0/2000100";
    public static final String SEGMENT_NAME = "000000010000000000000002";

    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private ChecksumAlgorithm algorithm = ChecksumAlgorithm.CRC32C;
    private int version = 1;
    private Long manifestSystemId = SYSTEM_ID;

    public SyntheticBackup() {
        files.put("PG_VERSION", "15\n".getBytes(StandardCharsets.US_ASCII));
        files.put("backup_label", ("START WAL LOCATION: " + START + " (file " + SEGMENT_NAME + ")\n"
                + "CHECKPOINT LOCATION: 0/2000060\nBACKUP METHOD: streamed\nBACKUP FROM: primary\n"
                + "START TIME: 2026-12-06 22:09:46 UTC\nLABEL: synthetic\nSTART TIMELINE: 1\n")
                .getBytes(StandardCharsets.US_ASCII));
        files.put("global/pg_control", pgControl());
        byte[] table = new byte[3 * PAGE];
        for (int i = 0; i < table.length; i++) {
            table[i] = (byte) (i * 31 + 7);
        }
        files.put("base/5/16385", table);
        files.put("base/5/16385_fsm", new byte[PAGE]);
        files.put("global/pg_filenode.map", new byte[512]);
    }

    public SyntheticBackup algorithm(ChecksumAlgorithm a) {
        this.algorithm = a;
        return this;
    }

    /** Manifest version 2, with this system identifier. */
    public SyntheticBackup version2(long systemId) {
        this.version = 2;
        this.manifestSystemId = systemId;
        return this;
    }

    public Map<String, byte[]> files() {
        return files;
    }

    static byte[] pgControl() {
        ByteBuffer b = ByteBuffer.allocate(PAGE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, SYSTEM_ID);
        b.putInt(8, 1300); // pg_control_version of release 15
        return b.array();
    }

    /** A WAL segment of timeline 1, segment 2: every page with PostgreSQL 15's header for its own address. */
    public static byte[] walSegment() {
        ByteBuffer b = ByteBuffer.allocate((int) SEGMENT).order(ByteOrder.LITTLE_ENDIAN);
        long start = 2 * SEGMENT;
        for (int page = 0; page < SEGMENT / PAGE; page++) {
            int at = page * PAGE;
            b.putShort(at, (short) 0xD110);
            b.putShort(at + 2, (short) (page == 0 ? 0x0002 : 0));
            b.putInt(at + 4, 1);
            b.putLong(at + 8, start + (long) at);
            if (page == 0) {
                b.putLong(at + 24, SYSTEM_ID);
                b.putInt(at + 32, (int) SEGMENT);
                b.putInt(at + 36, PAGE);
            }
        }
        return b.array();
    }

    /** The manifest text for the files as they are now. */
    public String manifest() throws Exception {
        StringBuilder m = new StringBuilder("{ \"PostgreSQL-Backup-Manifest-Version\": " + version + ",\n");
        if (version >= 2) {
            m.append("\"System-Identifier\": ").append(Long.toUnsignedString(manifestSystemId)).append(",\n");
        }
        m.append("\"Files\": [\n");
        int i = 0;
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            ChecksumAlgorithm.Hasher h = algorithm.hasher();
            h.update(f.getValue(), 0, f.getValue().length);
            m.append(i++ == 0 ? "" : ",\n").append("{ \"Path\": \"").append(f.getKey()).append("\", \"Size\": ")
                    .append(f.getValue().length).append(", \"Last-Modified\": \"2026-12-06 22:09:46 GMT\"");
            if (algorithm != ChecksumAlgorithm.NONE) {
                m.append(", \"Checksum-Algorithm\": \"").append(algorithm.name()).append("\", \"Checksum\": \"")
                        .append(h.hex()).append('"');
            }
            m.append(" }");
        }
        m.append("\n],\n\"WAL-Ranges\": [\n{ \"Timeline\": 1, \"Start-LSN\": \"" + START + "\", \"End-LSN\": \""
                + END + "\" }\n],\n");
        return withChecksum(m.toString());
    }

    /** Appends the {@code Manifest-Checksum} line to a manifest's body (everything up to its last newline). */
    public static String withChecksum(String body) throws Exception {
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(StandardCharsets.UTF_8)));
        return body + "\"Manifest-Checksum\": \"" + hex + "\"}\n";
    }

    /** Writes a plain backup: the files, {@code pg_wal/<segment>} and the manifest. */
    public Path writePlain(Path dir) throws Exception {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        Files.createDirectories(dir.resolve("pg_wal"));
        Files.write(dir.resolve("pg_wal").resolve(SEGMENT_NAME), walSegment());
        Files.writeString(dir.resolve("backup_manifest"), manifest());
        return dir;
    }

    /** Writes a tar backup: {@code base.tar.gz}, {@code pg_wal.tar.gz} and the manifest. */
    public Path writeTarGz(Path dir) throws Exception {
        Files.createDirectories(dir);
        try (TarArchiveOutputStream tar = tarGz(dir.resolve("base.tar.gz"))) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                add(tar, f.getKey(), f.getValue());
            }
        }
        try (TarArchiveOutputStream tar = tarGz(dir.resolve("pg_wal.tar.gz"))) {
            add(tar, SEGMENT_NAME, walSegment());
        }
        Files.writeString(dir.resolve("backup_manifest"), manifest());
        return dir;
    }

    private static TarArchiveOutputStream tarGz(Path file) throws IOException {
        OutputStream os = Files.newOutputStream(file);
        return new TarArchiveOutputStream(new GZIPOutputStream(os));
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }
}
