package io.dbrecover.mysql.transplant;

import io.dbrecover.core.api.Finding;
import io.dbrecover.core.source.SourceFiles;
import io.dbrecover.mysql.scan.Scan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The symbolic links of a scan's sources, each named: followed ones (a database or a file kept elsewhere, as MySQL
 * allows) with where they lead, which becomes a source of its own when it lies outside the given ones (the sources
 * are inventoried before and after the run, and what is read through a link must be too); the others (dangling, a
 * loop) with why they were not followed.
 */
final class SourceLinks {
    private final List<Path> from;
    private final List<Path> linked = new ArrayList<>();

    SourceLinks(List<Path> from) {
        this.from = List.copyOf(from);
    }

    /** A {@code --from} that is itself a link: the inventory records the link, the files are where it leads. */
    void fromLinks(List<Finding> findings) {
        for (Path p : from) {
            Path abs = p.toAbsolutePath().normalize();
            if (SourceFiles.kind(abs) == SourceFiles.Kind.SYMLINK) {
                List<Path> others = from.stream().filter(o -> !o.toAbsolutePath().normalize().equals(abs)).toList();
                String where = target(abs, others);
                if (!where.isEmpty()) {
                    findings.add(Finding.info("SYMLINK_FOLLOWED", abs + " is a symbolic link to "
                            + SourceFiles.linkTarget(abs) + ": followed" + where));
                }
            }
        }
    }

    /** The links met in a database directory (the directory itself, met as a child of a data directory, too). */
    void databaseDir(Path dir, List<Scan.Link> links, List<Finding> findings) {
        if (SourceFiles.kind(dir) == SourceFiles.Kind.SYMLINK) {
            findings.add(Finding.info("SYMLINK_FOLLOWED", dir.getFileName() + " is a symbolic link to "
                    + SourceFiles.linkTarget(dir) + ": followed" + target(dir, from)));
        }
        for (Scan.Link l : links) {
            if (l.path().equals(dir)) {
                continue;
            }
            findings.add(l.followed()
                    ? Finding.info("SYMLINK_FOLLOWED", rel(l.path()) + " is a symbolic link to " + l.target()
                            + ": followed" + target(l.path(), from))
                    : Finding.warning("SYMLINK_NOT_FOLLOWED", rel(l.path()) + " is a symbolic link to " + l.target()
                            + ": not followed, " + l.why(), rel(l.path())));
        }
    }

    /** Where the followed links lead outside the given sources. */
    List<Path> linked() {
        return List.copyOf(linked);
    }

    /**
     * Adds where a link leads to the linked sources when that lies outside every given source, and says so.
     */
    private String target(Path link, List<Path> sources) {
        if (SourceFiles.kind(link) != SourceFiles.Kind.SYMLINK) {
            return "";
        }
        Path real;
        try {
            real = link.toRealPath();
        } catch (IOException e) {
            return "";
        }
        for (Path f : sources) {
            try {
                if (real.startsWith(f.toAbsolutePath().toRealPath())) {
                    return "";
                }
            } catch (IOException e) {
                // a source that cannot be resolved is checked elsewhere
            }
        }
        if (linked.stream().noneMatch(real::startsWith)) {
            linked.removeIf(l -> l.startsWith(real));
            linked.add(real);
        }
        return " (" + real + " is inventoried as a source of its own)";
    }

    private static String rel(Path f) {
        Path parent = Objects.requireNonNull(f.getParent());
        return parent.getFileName() + "/" + f.getFileName();
    }
}
