package io.dbrecover.mysql.ibd;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A value too long to hold in memory for a comparison, by its length and SHA-256: the off-page chain is streamed
 * through the digest.
 *
 * @param length bytes of the value
 * @param sha256 the digest of its bytes
 */
public record LargeValue(long length, byte[] sha256) {
    public LargeValue {
        if (length < 0) {
            throw new IllegalArgumentException("negative length");
        }
        sha256 = Objects.requireNonNull(sha256, "sha256").clone();
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LargeValue v && v.length == length && Arrays.equals(v.sha256, sha256);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(length) * 31 + Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return length + " bytes, sha256 " + HexFormat.of().formatHex(sha256);
    }
}
