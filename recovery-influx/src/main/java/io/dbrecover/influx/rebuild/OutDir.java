package io.dbrecover.influx.rebuild;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.os.OsUsers;
import io.dbrecover.core.plan.Journal;
import io.dbrecover.core.workspace.OutputFiles;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The new server directory ({@code out}, {@code into}): checked before the run, filled by copies that leave out
 * what is rebuilt, and emptied of a step's partial result when a killed run resumes.
 */
final class OutDir {
    /** The sub-directories of a server directory. */
    static final List<String> PARTS = List.of("meta", "data", "wal");

    private OutDir() {
    }

    /**
     * Refuses an output inside a source or holding one, and a non-empty one unless it is an earlier run of this
     * request to resume (its journal is in the run's directory; the journal itself refuses another plan).
     *
     * @param field the request field, for messages ({@code RebuildRequest.out}, {@code RestoreRequest.into})
     */
    static void check(Path out, Path runDir, List<Path> sources, String field) {
        Path o = out.toAbsolutePath().normalize();
        for (Path s : sources) {
            Path src = real(s);
            Path real = real(o);
            if (real.startsWith(src)) {
                throw RecoveryException.of(ErrorCode.SOURCE_WRITE_REFUSED, field + " " + o + " is inside the source "
                        + src + "; dbrecover never writes into a source").path(o)
                        .hint("choose a directory outside it, e.g. on another disk").build();
            }
            if (src.startsWith(real)) {
                throw RecoveryException.of(ErrorCode.SOURCE_WRITE_REFUSED, "the source " + src + " is inside " + field
                        + " " + o + "; files written there could overwrite it").path(o)
                        .hint("choose a directory that does not contain the source").build();
            }
        }
        OutputFiles.outside(sources).check(o);
        if (!Files.isDirectory(o, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.exists(o, LinkOption.NOFOLLOW_LINKS)) {
                throw RecoveryException.of(ErrorCode.USAGE, field + " " + o + " exists and is not a directory")
                        .path(o).hint("name an empty or new directory").build();
            }
            return;
        }
        boolean resumable = Files.isRegularFile(runDir.resolve(Journal.FILE_NAME), LinkOption.NOFOLLOW_LINKS);
        try (Stream<Path> s = Files.list(o)) {
            if (s.findAny().isPresent() && !resumable) {
                throw RecoveryException.of(ErrorCode.USAGE, field + " " + o + " is not empty").path(o)
                        .hint("name an empty or new directory; only an earlier run of the same request (its "
                                + Journal.FILE_NAME + " is there) is resumed").build();
            }
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot list " + o + ": " + e.getMessage()).path(o)
                    .cause(e).build();
        }
    }

    /**
     * Copies a tree of a source to {@code target} (which must not exist), leaving out links (listed in the result)
     * and the directories {@code skipDir} names.
     *
     * @return what was left out, relative to {@code from}
     */
    static List<String> copy(OutputFiles files, Path from, Path target, Predicate<Path> skipDir) {
        List<String> skipped = new ArrayList<>();
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(from) && skipDir.test(dir)) {
                        skipped.add(from.relativize(dir) + "/ (rebuilt)");
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    files.createDirectories(target.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String rel = from.relativize(file).toString();
                    if (attrs.isSymbolicLink()) {
                        skipped.add(rel + " (link)");
                    } else if (!attrs.isRegularFile()) {
                        skipped.add(rel + " (special file)");
                    } else {
                        files.copyNew(file, target.resolve(rel));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    throw exc;
                }
            });
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot copy " + from + ": " + e.getMessage()).path(from)
                    .hint("check that every file of the source is readable and that " + target + " has room")
                    .cause(e).build();
        }
        return skipped;
    }

    /**
     * Gives {@code meta/}, {@code data/} and {@code wal/} under {@code out} to the user influxd runs as, and nothing
     * else: {@code out} itself stays its owner's, with what else it holds (the run's journal, inventories and lock
     * when it is also the work directory).
     */
    static void giveParts(Path out, OsUsers.OsUser user) {
        for (String part : PARTS) {
            Path dir = out.resolve(part);
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                OsUsers.chownTree(dir, user);
            }
        }
    }

    /** Removes what an interrupted step left of {@code meta/}, {@code data/}, {@code wal/} under {@code out}. */
    static void clear(OutputFiles files, Path out) {
        for (String part : PARTS) {
            files.deleteTree(out.resolve(part));
        }
    }

    private static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException e) {
            return abs;
        }
    }
}
