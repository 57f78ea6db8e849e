package io.dbrecover.core.spi;

/**
 * One program as {@code doctor} found it.
 *
 * @param name          the program, e.g. {@code mariadbd}
 * @param found         whether it was found
 * @param path          where, or {@code null}
 * @param version       what it says its version is, or {@code null}
 * @param origin        {@code system}, {@code embedded} or {@code container}, or {@code null}
 * @param debianPackage the Debian package that provides it
 * @param purpose       what dbrecover needs it for
 */
public record ToolCheck(String name, boolean found, String path, String version, String origin,
                        String debianPackage, String purpose) {
}
