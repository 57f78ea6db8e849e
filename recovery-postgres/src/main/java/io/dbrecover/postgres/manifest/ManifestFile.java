package io.dbrecover.postgres.manifest;

import java.util.Objects;

/**
 * One file of a {@code backup_manifest}.
 *
 * @param path         the path relative to the data directory, decoded ({@code Encoded-Path} is hex of its bytes)
 * @param size         its size in bytes
 * @param lastModified {@code Last-Modified} as written (e.g. {@code 2026-12-06 22:00:00 GMT}), or {@code null}
 * @param algorithm    the checksum algorithm, {@link ChecksumAlgorithm#NONE} when none is given
 * @param checksum     the checksum in lower-case hex, empty with {@code NONE}
 * @param offset       the byte offset of its entry in the manifest, for messages
 */
public record ManifestFile(String path, long size, String lastModified, ChecksumAlgorithm algorithm,
                           String checksum, long offset) {
    public ManifestFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(checksum, "checksum");
    }
}
