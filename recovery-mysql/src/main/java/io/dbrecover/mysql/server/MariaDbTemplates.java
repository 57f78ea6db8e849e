package io.dbrecover.mysql.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.os.OsUsers;
import io.dbrecover.core.server.EmbeddedBinaries;
import io.dbrecover.core.server.TempDirs;
import io.dbrecover.core.workspace.OutputFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pristine data directories made by {@code mariadb-install-db}, kept once per installation and settings and copied
 * for each new server: the install script takes 1-2 s, a copy of its result 0.04 s. A template is built in a
 * scratch directory and renamed into place only when complete, under a file lock, so that concurrent runs (other
 * JVMs included) neither build it twice nor see half of it. When the cache cannot be written, every server runs
 * the install script itself.
 */
final class MariaDbTemplates {
    /** The file that marks a complete template. */
    static final String MARKER = ".dbrecover-template";
    /** Bump when the content of templates changes (install options), so that old ones are not used. */
    private static final String FORMAT = "2";
    private static final Logger LOG = LoggerFactory.getLogger(MariaDbTemplates.class);
    /** The cache and the servers' own data directories hold no source; links and hard links are still refused. */
    private static final OutputFiles FILES = OutputFiles.withoutSources();

    /** Creates a data directory from nothing (runs the install script into the given, not yet existing, path). */
    @FunctionalInterface
    public interface Initializer {
        void initialize(Path dataDir);
    }

    private final Path root;

    /** Templates under {@code root}, or none (every data directory is initialised afresh) when it is null. */
    public MariaDbTemplates(Path root) {
        this.root = root;
    }

    /** Templates in dbrecover's cache, next to the unpacked embedded binaries. */
    public static MariaDbTemplates standard() {
        Path embedded = EmbeddedBinaries.cacheRoot();
        Path parent = embedded.getParent() == null ? embedded : embedded.getParent();
        return new MariaDbTemplates(parent.resolve("mariadb-templates"));
    }

    /**
     * Makes a new data directory at {@code target} (which must not exist yet): a copy of the template of this
     * installation and these settings, built first when there is none.
     */
    public void newDataDir(MariaDbInstallation inst, Map<String, String> settings, Path target, Initializer init) {
        if (root == null) {
            init.initialize(target);
            return;
        }
        Path template = root.resolve(key(inst, settings));
        if (!Files.exists(template.resolve(MARKER))) {
            if (!build(template, init)) {
                init.initialize(target);
                return;
            }
        }
        long t0 = System.nanoTime();
        copyTree(template, target);
        LOG.debug("copied template {} to {} in {} ms", template, target, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Builds the template; false when the cache is not usable (then the caller initialises directly). */
    private boolean build(Path template, Initializer init) {
        // FileChannel locks are per JVM: two threads of this JVM locking one file get an exception, not a wait
        synchronized (MariaDbTemplates.class) {
            try {
                Files.createDirectories(root);
                if (OsUsers.isRoot()) {
                    // servers running as another user never read the cache (copies are given to them), but
                    // traversal keeps error messages about it clear
                    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            } catch (IOException e) {
                LOG.info("cannot use the template cache {} ({}); initialising each data directory afresh", root,
                        e.getMessage());
                return false;
            }
            Path lockFile = root.resolve(template.getFileName() + ".lock");
            try (FileChannel ch = FILES.openForUpdate(lockFile); FileLock ignored = ch.lock()) {
                if (Files.exists(template.resolve(MARKER))) {
                    return true;
                }
                long t0 = System.nanoTime();
                Path scratch = root.resolve(template.getFileName() + ".partial-" + ProcessHandle.current().pid());
                TempDirs.deleteQuietly(scratch);
                try {
                    init.initialize(scratch);
                    FILES.createNew(scratch.resolve(MARKER), "made by dbrecover\n".getBytes(StandardCharsets.UTF_8));
                    TempDirs.deleteQuietly(template);
                    FILES.moveIntoPlace(scratch, template);
                } finally {
                    TempDirs.deleteQuietly(scratch);
                }
                LOG.info("made the MariaDB data directory template {} in {} ms", template,
                        (System.nanoTime() - t0) / 1_000_000);
                return true;
            } catch (IOException e) {
                LOG.info("cannot write the template {} ({}); initialising each data directory afresh", template,
                        e.getMessage());
                return false;
            }
        }
    }

    /**
     * Identifies a template: the server program (path, size, mtime: a package upgrade makes a new one), the install
     * script, the version, the base directory and the settings, which may shape the files (innodb_page_size).
     */
    static String key(MariaDbInstallation inst, Map<String, String> settings) {
        StringBuilder sb = new StringBuilder("format=").append(FORMAT).append('\n');
        sb.append("server=").append(inst.server()).append('\n');
        sb.append("server-stamp=").append(stamp(inst.server())).append('\n');
        sb.append("install=").append(inst.installDb()).append('\n');
        sb.append("version=").append(inst.version() == null ? "" : inst.version().text()).append('\n');
        sb.append("base=").append(inst.baseDir()).append('\n');
        sb.append("root=").append(OsUsers.isRoot()).append('\n');
        new TreeMap<>(settings).forEach((k, v) -> sb.append("setting:").append(k).append('=').append(v).append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            String version = inst.version() == null ? "unknown" : inst.version().number();
            return "mariadb-" + version + "-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static String stamp(Path file) {
        try {
            return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return "?";
        }
    }

    /** Copies a directory tree (files with their modes and times), leaving out the template marker. */
    static void copyTree(Path from, Path to) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Path d = to.resolve(from.relativize(dir).toString());
                    Files.createDirectories(d);
                    Files.setPosixFilePermissions(d, Files.getPosixFilePermissions(dir));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!attrs.isRegularFile() || (file.getParent().equals(from)
                            && file.getFileName().toString().equals(MARKER))) {
                        return FileVisitResult.CONTINUE;
                    }
                    FILES.copyNew(file, to.resolve(from.relativize(file).toString()));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot copy the data directory template " + from + " to "
                    + to + ": " + e.getMessage()).path(to).hint("check free space and permissions").cause(e).build();
        }
    }
}
