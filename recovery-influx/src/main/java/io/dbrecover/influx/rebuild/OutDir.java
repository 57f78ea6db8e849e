package io.dbrecover.influx.rebuild;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.os.OsUsers;
import io.dbrecover.core.plan.Journal;
import io.dbrecover.core.workspace.OutputFiles;
import io.dbrecover.core.workspace.RunDirectory;
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
        boolean resumable = Files.isRegularFile(runDir.resolve(Journal.FILE_NAME), LinkOption.NOFOLLOW_LINKS);
        RunDirectory.check(OutputFiles.outside(sources), out, field, resumable);
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
}
