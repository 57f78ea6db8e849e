package io.dbrecover.core.workspace;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The one way dbrecover creates, replaces, appends to or changes a file, in every module: reports, journals,
 * inventories, locks, dumps, scripts, client and option files, copies of sources, files of throwaway servers. An
 * ArchUnit rule keeps it so: {@code Files.write}, {@code FileChannel.open} and their kin are called nowhere else.
 *
 * <p>Every write obeys four rules, so that no planted link, no hard link and no typo can make it reach a source:
 * <ol>
 *   <li>The path, with the links of its directories resolved, lies outside every source
 *       ({@link ErrorCode#SOURCE_WRITE_REFUSED}).</li>
 *   <li>Nothing is written through a symbolic link: a link at the name is refused, and files are opened with
 *       {@link LinkOption#NOFOLLOW_LINKS} ({@code O_NOFOLLOW}), so a link planted in between fails the open.</li>
 *   <li>No existing file with more than one hard link ({@code unix:nlink} &gt; 1) is opened for writing: its other
 *       names may be a source's. Replacing it (a rename over the name) is refused as well: such a file is no
 *       output of ours.</li>
 *   <li>New files are created exclusively ({@code CREATE_NEW}). A file that is replaced is written whole under
 *       {@code <name>.partial}, synced, and renamed over the name, so a crash never leaves half a file under it.</li>
 * </ol>
 * A plain file (one link, no symbolic link) already at a name is taken for an output of an earlier run and may be
 * replaced; a directory or a special file there is a usage error. So is a missing parent directory: callers create
 * the directories they own with {@link #createDirectories(Path)}.
 *
 * <p>A race against someone who can write the directories while a run works in them (swapping a directory for a
 * link between the check and the open) is outside what a path-based API can close; planted links, hard links and
 * the like, which is what a work dir or an output path can hold before a run, are refused.
 */
public final class OutputFiles {
    /** The name a replaced file is written under until it is complete: {@code <name>.partial}. */
    public static final String PARTIAL_SUFFIX = ".partial";
    private static final OutputFiles WITHOUT_SOURCES = new OutputFiles(List.of());
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");

    private final List<Path> sources;

    private OutputFiles(List<Path> sources) {
        this.sources = sources;
    }

    /** Writes that must stay outside these sources (files or directories; resolved to their real paths). */
    public static OutputFiles outside(Collection<Path> sources) {
        List<Path> real = new ArrayList<>();
        for (Path s : sources) {
            Path c = RealPaths.canonical(Objects.requireNonNull(s, "source"));
            if (!real.contains(c)) {
                real.add(c);
            }
        }
        return new OutputFiles(List.copyOf(real));
    }

    /**
     * Writes where no source is in play (the files of a throwaway server in its own temp dir, the binary cache):
     * rules 2 to 4 still hold.
     */
    public static OutputFiles withoutSources() {
        return WITHOUT_SOURCES;
    }

    /** The sources, as real paths. */
    public List<Path> sources() {
        return sources;
    }

    /**
     * Checks that a path may be written: neither it nor, when it is a link, what the link points to lies inside a
     * source (the links of its directories resolved).
     *
     * @return the path, absolute, with the links of its directories resolved (its last name is kept as it is)
     * @throws RecoveryException {@code SOURCE_WRITE_REFUSED}
     */
    public Path check(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        // where a write would land if it followed every link, the last one included
        refuseInsideSource(RealPaths.canonical(abs), abs);
        Path parent = abs.getParent();
        if (parent == null) {
            return abs;
        }
        Path p = RealPaths.canonical(parent).resolve(abs.getFileName());
        refuseInsideSource(p, abs);
        return p;
    }

    /**
     * Checks, without writing anything, that {@link #write(Path, byte[])} would accept the name now: outside the
     * sources, in an existing directory, and free or holding a plain file, and so is {@code <name>.partial}. For
     * commands that check their output options before the work.
     *
     * @return the path as {@link #check(Path)} gives it
     */
    public Path checkWritable(Path file) {
        Path p = check(file);
        NameEntry.requireParentDirectory(p);
        for (Path name : List.of(p, p.resolveSibling(p.getFileName() + PARTIAL_SUFFIX))) {
            NameEntry e = NameEntry.of(name);
            if (e.kind() != NameEntry.Kind.NONE && !e.plainFile()) {
                throw NameEntry.notWritable(name, e, "write");
            }
        }
        return p;
    }

    /** Creates a directory and its missing parents; an existing link or file at its name is refused. */
    public Path createDirectories(Path dir) {
        Path p = check(dir);
        NameEntry e = NameEntry.of(p);
        if (e.kind() == NameEntry.Kind.DIRECTORY) {
            return p;
        }
        if (e.kind() != NameEntry.Kind.NONE) {
            throw NameEntry.notWritable(p, e, "create the directory");
        }
        try {
            Files.createDirectories(p);
        } catch (IOException ex) {
            throw IoErrors.of("create the directory " + p, p, ex);
        }
        return p;
    }

    /**
     * Creates a directory only its owner may enter (0700 from its creation on), or tightens an existing one to 0700.
     * A link at its name is refused, so that no other directory's mode is ever changed.
     */
    public Path createPrivateDirectory(Path dir) {
        Path p = check(dir);
        try {
            if (NameEntry.of(p).kind() == NameEntry.Kind.NONE) {
                if (p.getParent() != null) {
                    createDirectories(p.getParent());
                }
                try {
                    Files.createDirectory(p, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
                } catch (FileAlreadyExistsException raced) {
                    // made meanwhile: checked below like any existing one
                }
            }
            NameEntry e = NameEntry.of(p);
            if (e.kind() != NameEntry.Kind.DIRECTORY) {
                throw NameEntry.notWritable(p, e, "create the directory");
            }
            Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setPermissions(PRIVATE_DIR);
            return p;
        } catch (IOException e) {
            throw IoErrors.of("create the private directory " + p, p, e);
        }
    }

    /**
     * Writes a whole file: a new one, or a replacement for a plain file at the name (written under
     * {@code <name>.partial} and renamed over it once synced).
     *
     * @return the file written (its directories' links resolved)
     */
    public Path write(Path file, byte[] content) {
        try (FileReplacement r = replacing(file)) {
            r.stream().write(content);
            return r.commit();
        } catch (IOException e) {
            throw IoErrors.of("write " + file, file, e);
        }
    }

    /** {@link #write(Path, byte[])} for text, as UTF-8. */
    public Path write(Path file, String content) {
        return write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes a file only its owner may read (0600 from its creation on, never readable by others for a moment),
     * e.g. one holding a password. A plain file at the name (an earlier one) is removed first; the file is written
     * under its own name, so that whoever removes it by name removes every copy of the secret.
     */
    public Path writePrivate(Path file, String content) {
        Path p = prepareNew(file, true);
        try (FileChannel ch = FileChannel.open(p, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(PRIVATE))) {
            writeFully(ch, ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
            // the umask may have removed bits but never adds any; set the mode anyway for odd file systems
            Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setPermissions(PRIVATE);
            return p;
        } catch (FileAlreadyExistsException e) {
            throw NameEntry.appeared(p, e);
        } catch (IOException e) {
            deleteQuietly(p);
            throw IoErrors.of("write the private file " + p, p, e);
        }
    }

    /**
     * Creates a file that must not exist yet (anything at its name is refused, a plain file too) and returns a
     * stream into it. The caller closes it.
     */
    public OutputStream newFile(Path file) {
        return Channels.newOutputStream(createNewChannel(prepareNew(file, false)));
    }

    /** {@link #newFile(Path)} with the whole content at once. */
    public Path createNew(Path file, byte[] content) {
        Path p = prepareNew(file, false);
        try (FileChannel ch = createNewChannel(p)) {
            writeFully(ch, ByteBuffer.wrap(content));
            return p;
        } catch (IOException e) {
            deleteQuietly(p);
            throw IoErrors.of("write " + p, p, e);
        }
    }

    /**
     * Starts replacing a file whose content is streamed: it is written under {@code <name>.partial}, which
     * {@link FileReplacement#commit()} syncs and renames over the name. Closed without a commit, the partial file is
     * removed and the name keeps what it held.
     */
    public FileReplacement replacing(Path file) {
        Path p = check(file);
        NameEntry.requireParentDirectory(p);
        NameEntry target = NameEntry.of(p);
        if (target.kind() != NameEntry.Kind.NONE && !target.plainFile()) {
            throw NameEntry.notWritable(p, target, "replace");
        }
        Path partial = prepareNew(p.resolveSibling(p.getFileName() + PARTIAL_SUFFIX), true);
        return new FileReplacement(this, p, partial, createNewChannel(partial));
    }

    /**
     * Opens a file for reading and writing without truncating it, creating it when missing: an existing one must be
     * a plain file (one link, no symbolic link). For lock files and the like.
     */
    public FileChannel openForUpdate(Path file) {
        return openExistingOrNew(file, false, true);
    }

    /** Opens a file for appending, creating it when missing; an existing one must be a plain file. */
    public FileChannel openForAppend(Path file) {
        return openExistingOrNew(file, true, true);
    }

    /**
     * Writes bytes at an offset of an existing plain file and syncs it, e.g. one page of a copy made for an import.
     * The file is never created, truncated or extended by more than the bytes written.
     */
    public void writeAt(Path file, long offset, byte[] bytes) {
        try (FileChannel ch = openExistingOrNew(file, false, false)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            long pos = offset;
            while (buf.hasRemaining()) {
                pos += ch.write(buf, pos);
            }
            ch.force(false);
        } catch (IOException e) {
            throw IoErrors.of("write " + file, file, e);
        }
    }

    /**
     * Rewrites an existing plain file in place (truncated, then written and synced), so that it keeps its owner and
     * mode, e.g. a server's meta store in a copied data directory.
     */
    public void overwrite(Path file, byte[] content) {
        try (FileChannel ch = openExistingOrNew(file, false, false)) {
            ch.truncate(0);
            writeFully(ch, ByteBuffer.wrap(content));
            ch.force(true);
        } catch (IOException e) {
            throw IoErrors.of("rewrite " + file, file, e);
        }
    }

    /**
     * Copies a file to a name that must not exist yet, keeping its mode and times (and its owner, as root).
     *
     * @return the copy
     */
    public Path copyNew(Path from, Path to) {
        return copy(from, prepareNew(to, false));
    }

    /** Copies a file over a plain file at the name (an earlier copy), or to a new name; see {@link #copyNew}. */
    public Path copyReplacing(Path from, Path to) {
        return copy(from, prepareNew(to, true));
    }

    /**
     * Renames a file or directory of ours into place (atomically, on one file system): nothing may be at the new
     * name but a plain file, which is replaced.
     */
    public Path moveIntoPlace(Path from, Path to) {
        Path src = check(from);
        Path dst = check(to);
        NameEntry there = NameEntry.of(dst);
        if (there.kind() != NameEntry.Kind.NONE && !there.plainFile()) {
            throw NameEntry.notWritable(dst, there, "move " + src.getFileName() + " to");
        }
        NameEntry moving = NameEntry.of(src);
        if (moving.kind() == NameEntry.Kind.LINK) {
            throw NameEntry.notWritable(src, moving, "move");
        }
        try {
            Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return dst;
        } catch (IOException e) {
            throw IoErrors.of("move " + src + " to " + dst, dst, e);
        }
    }

    /**
     * Removes a file (a link or a hard link is removed as a name, never followed); nothing inside a source.
     *
     * @return whether there was one
     */
    public boolean delete(Path file) {
        Path p = check(file);
        try {
            return Files.deleteIfExists(p);
        } catch (IOException e) {
            throw IoErrors.of("remove " + p, p, e);
        }
    }

    /**
     * Removes a directory tree and everything in it, bottom up: each file as {@link #delete} removes it (a link as a
     * name, never followed), each directory checked as {@link #check} checks it; nothing inside a source. Nothing
     * happens when there is no such directory.
     *
     * @return whether there was one
     */
    public boolean deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return delete(dir);
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    if (exc != null) {
                        throw exc;
                    }
                    Files.delete(check(d));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw IoErrors.of("remove " + dir, dir, e);
        }
        return true;
    }

    /**
     * Checks a directory a program is about to write in as it likes (a server's data directory kept from an earlier
     * run, a copy to start a server on): it lies outside every source and holds no symbolic link and no file with
     * other hard links, through which the program would write elsewhere.
     *
     * @return the directory, its links resolved
     */
    public Path checkTree(Path dir) {
        Path root = RealPaths.canonical(check(dir));
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return root;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    NameEntry e = NameEntry.of(f);
                    if (e.kind() == NameEntry.Kind.LINK || (e.kind() == NameEntry.Kind.FILE && e.links() > 1)) {
                        throw RecoveryException.of(ErrorCode.SOURCE_WRITE_REFUSED, root + " holds "
                                        + e.describe(f) + "; a program working in " + root + " would write through it")
                                .path(f).hint("remove it, or use a directory dbrecover made (a fresh work dir)")
                                .build();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException exc) throws IOException {
                    throw exc;
                }
            });
        } catch (IOException e) {
            throw IoErrors.of("check " + root, root, e);
        }
        return root;
    }

    // --- the rules ---

    private void refuseInsideSource(Path real, Path asGiven) {
        for (Path s : sources) {
            if (real.startsWith(s)) {
                throw RecoveryException.of(ErrorCode.SOURCE_WRITE_REFUSED, "refusing to write " + asGiven
                                + (real.equals(asGiven) ? "" : " (" + real + ")") + ": it is inside the source " + s)
                        .path(asGiven).hint("write outputs to the work dir or another place outside the sources")
                        .build();
            }
        }
    }

    /**
     * Checks a name a new file is about to be created at: outside the sources, in an existing directory, and free,
     * or (when {@code replacingPlainFile}) holding a plain file, which is removed.
     */
    private Path prepareNew(Path file, boolean replacingPlainFile) {
        Path p = check(file);
        NameEntry.requireParentDirectory(p);
        NameEntry e = NameEntry.of(p);
        if (e.kind() == NameEntry.Kind.NONE) {
            return p;
        }
        if (!replacingPlainFile || !e.plainFile()) {
            throw NameEntry.notWritable(p, e, "create");
        }
        try {
            Files.delete(p);
        } catch (NoSuchFileException gone) {
            // removed meanwhile: the exclusive create below decides
        } catch (IOException ex) {
            throw IoErrors.of("replace " + p, p, ex);
        }
        return p;
    }

    private FileChannel openExistingOrNew(Path file, boolean append, boolean create) {
        Path p = check(file);
        NameEntry.requireParentDirectory(p);
        NameEntry before = NameEntry.of(p);
        if (before.kind() == NameEntry.Kind.NONE && create) {
            try {
                return FileChannel.open(p, append ? Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS)
                        : Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS));
            } catch (FileAlreadyExistsException raced) {
                before = NameEntry.of(p);
            } catch (IOException e) {
                throw IoErrors.of("create " + p, p, e);
            }
        }
        if (before.kind() == NameEntry.Kind.NONE) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot write " + p + ": it does not exist").path(p)
                    .build();
        }
        if (!before.plainFile()) {
            throw NameEntry.notWritable(p, before, "write");
        }
        Set<OpenOption> options = append
                ? Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS)
                : Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        FileChannel ch;
        try {
            ch = FileChannel.open(p, options);
        } catch (IOException e) {
            throw refusedOrFailed(p, e);
        }
        // the name may have been swapped between the check and the open: check it again, the file now held open
        NameEntry after = NameEntry.of(p);
        if (!after.plainFile() || !Objects.equals(after.key(), before.key())) {
            closeQuietly(ch);
            throw NameEntry.notWritable(p, after.kind() == NameEntry.Kind.NONE ? before : after, "write");
        }
        return ch;
    }

    private static FileChannel createNewChannel(Path p) {
        try {
            return FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (FileAlreadyExistsException e) {
            throw NameEntry.appeared(p, e);
        } catch (IOException e) {
            throw IoErrors.of("create " + p, p, e);
        }
    }

    private static Path copy(Path from, Path to) {
        FileChannel out = createNewChannel(to);
        try {
            FileCopy.copy(from, out, to);
        } catch (RuntimeException e) {
            // ours, made above: a half copy never stays
            closeQuietly(out);
            deleteQuietly(to);
            throw e;
        }
        return to;
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private static RecoveryException refusedOrFailed(Path p, IOException e) {
        NameEntry now = NameEntry.of(p);
        if (now.kind() == NameEntry.Kind.LINK) {
            // O_NOFOLLOW met a link that appeared after the check
            return NameEntry.notWritable(p, now, "write");
        }
        return IoErrors.of("open " + p, p, e);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the error being reported is the one that matters
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing was written
        }
    }
}
