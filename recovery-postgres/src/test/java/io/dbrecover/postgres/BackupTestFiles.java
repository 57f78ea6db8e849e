package io.dbrecover.postgres;

import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.process.ProcessSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Test helpers: copies of backups, damaged on purpose. */
final class BackupTestFiles {
    private BackupTestFiles() {
    }

    /** {@code cp -a}: links kept as links, owners and modes kept. */
    static void copyTree(Path from, Path to) {
        new ProcessRunner().run(ProcessSpec.of("cp", "-a", from.toString(), to.toString())
                .timeout(Duration.ofMinutes(5)).build());
    }

    /** Flips one bit of a file in place, at its middle. */
    static void flipByte(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[b.length / 2] ^= 0x10;
        Files.write(file, b);
    }

    /**
     * Rewrites a {@code .tar.gz}: each entry passes through {@code edit} (entry and its data; return {@code null} to
     * drop it, or new data); {@code extra} entries are appended.
     */
    static void rewriteTarGz(Path file, BiFunction<TarArchiveEntry, byte[], byte[]> edit, Extra... extra)
            throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        try (InputStream raw = Files.newInputStream(file); TarArchiveInputStream in = new TarArchiveInputStream(
                new GZIPInputStream(raw)); OutputStream os = Files.newOutputStream(tmp);
             TarArchiveOutputStream out = new TarArchiveOutputStream(new GZIPOutputStream(os))) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] data = in.readAllBytes();
                byte[] edited = edit.apply(e, data);
                if (edited == null) {
                    continue;
                }
                e.setSize(e.isFile() ? edited.length : 0);
                out.putArchiveEntry(e);
                out.write(e.isFile() ? edited : new byte[0]);
                out.closeArchiveEntry();
            }
            for (Extra x : extra) {
                TarArchiveEntry n = x.linkTarget() == null ? new TarArchiveEntry(x.name(), true)
                        : new TarArchiveEntry(x.name(), TarArchiveEntry.LF_SYMLINK, true);
                if (x.linkTarget() != null) {
                    n.setLinkName(x.linkTarget());
                } else {
                    n.setSize(x.data().length);
                }
                out.putArchiveEntry(n);
                if (x.linkTarget() == null) {
                    out.write(x.data());
                }
                out.closeArchiveEntry();
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** An entry to add: a file with data, or a symbolic link. */
    record Extra(String name, byte[] data, String linkTarget) {
    }
}
