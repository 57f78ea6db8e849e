package io.dbrecover.postgres.manifest;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32C;

/** The checksum algorithms a {@code backup_manifest} names in {@code Checksum-Algorithm}. */
public enum ChecksumAlgorithm {
    /** No checksum ({@code --manifest-checksums=none}, or no {@code Checksum-Algorithm}). */
    NONE(null, 0),
    /** CRC-32C, written as the little-endian bytes of the CRC ({@code 0x2247748a} as {@code 8a744722}). */
    CRC32C(null, 4),
    /** SHA-224. */
    SHA224("SHA-224", 28),
    /** SHA-256. */
    SHA256("SHA-256", 32),
    /** SHA-384. */
    SHA384("SHA-384", 48),
    /** SHA-512. */
    SHA512("SHA-512", 64);

    private final String jcaName;
    private final int length;

    ChecksumAlgorithm(String jcaName, int length) {
        this.jcaName = jcaName;
        this.length = length;
    }

    /** The length of the checksum in bytes (its hex is twice as long). */
    public int length() {
        return length;
    }

    /** The algorithm for a manifest's name ({@code CRC32C}, {@code SHA256}, …, {@code NONE}), case-insensitive. */
    public static Optional<ChecksumAlgorithm> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (ChecksumAlgorithm a : values()) {
            if (a.name().equals(name.toUpperCase(Locale.ROOT))) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** A new hasher; feed it the file's bytes once and take its hex. */
    public Hasher hasher() {
        return switch (this) {
            case NONE -> new Hasher(null, null);
            case CRC32C -> new Hasher(new CRC32C(), null);
            default -> {
                try {
                    yield new Hasher(null, MessageDigest.getInstance(jcaName));
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(jcaName + " is required by every Java platform", e);
                }
            }
        };
    }

    /** One file's running checksum. */
    public static final class Hasher {
        private final CRC32C crc;
        private final MessageDigest digest;

        private Hasher(CRC32C crc, MessageDigest digest) {
            this.crc = crc;
            this.digest = digest;
        }

        /** Adds the buffer's remaining bytes (the buffer's position moves to its limit). */
        public void update(ByteBuffer bytes) {
            if (crc != null) {
                crc.update(bytes);
            } else if (digest != null) {
                digest.update(bytes);
            } else {
                bytes.position(bytes.limit());
            }
        }

        /** Adds {@code len} bytes of an array. */
        public void update(byte[] bytes, int off, int len) {
            if (crc != null) {
                crc.update(bytes, off, len);
            } else if (digest != null) {
                digest.update(bytes, off, len);
            }
        }

        /** The checksum in lower-case hex as the manifest writes it; empty for {@link #NONE}. */
        public String hex() {
            if (crc != null) {
                return String.format(Locale.ROOT, "%08x", Integer.reverseBytes((int) crc.getValue()));
            }
            return digest == null ? "" : HexFormat.of().formatHex(digest.digest());
        }
    }
}
