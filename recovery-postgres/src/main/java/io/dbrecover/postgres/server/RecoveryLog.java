package io.dbrecover.postgres.server;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What PostgreSQL said while it recovered a data directory before anyone could log in (archive recovery of a
 * restored base backup, or crash recovery of a copied data directory): the lines that tell how recovery went, in
 * order, and whether it came to its end.
 *
 * @param completed      whether the server finished recovery and accepted connections (after promotion, for an
 *                       archive recovery)
 * @param lines          the telling lines (start of recovery, consistency, where it stopped and why, the new
 *                       timeline, errors), in order
 * @param restoredFiles  how many {@code restored log file} lines were seen (WAL segments fetched from the archive)
 * @param millis         how long recovery took, start of the server to its end
 * @param exitCode       the server's exit code once stopped, or -1 when unknown
 */
public record RecoveryLog(boolean completed, List<String> lines, int restoredFiles, long millis, int exitCode) {
    /** PostgreSQL's words when WAL ran out before the recovery target: the trap of a silent early end. */
    public static final String TARGET_NOT_REACHED = "recovery ended before configured recovery target was reached";
    /** PostgreSQL's words for a target that lies before the point where the backup becomes consistent. */
    public static final String BEFORE_CONSISTENCY = "requested recovery stop point is before consistent recovery point";

    /** The message parts that make a line telling. */
    static final List<String> TELLING = List.of("starting point-in-time recovery", "starting archive recovery",
            "database system was interrupted", "database system was not properly shut down",
            "automatic recovery in progress", "redo starts at", "consistent recovery state reached",
            "recovery stopping", "redo done at", "last completed transaction", "selected new timeline ID",
            "archive recovery complete", "recovery has paused", "pausing at the end of recovery", "invalid record",
            "FATAL:", "PANIC:", "database system is ready to accept connections", "could not ", "aborting startup");

    public RecoveryLog {
        lines = List.copyOf(lines);
    }

    /** Whether a line is one {@link #lines()} keeps. */
    static boolean telling(String line) {
        return TELLING.stream().anyMatch(line::contains);
    }

    /** The first line holding this text. */
    public Optional<String> line(String text) {
        Objects.requireNonNull(text, "text");
        return lines.stream().filter(l -> l.contains(text)).findFirst();
    }

    /** Whether PostgreSQL said that recovery ended before its target. */
    public boolean targetNotReached() {
        return line(TARGET_NOT_REACHED).isPresent();
    }

    /** The line where recovery stopped at its target ({@code recovery stopping before/after ...}), if any. */
    public Optional<String> stoppedAt() {
        return line("recovery stopping");
    }

    /** The message of a line, without the timestamp and pid prefix PostgreSQL puts before it. */
    public static String message(String line) {
        for (String level : List.of("LOG:", "FATAL:", "PANIC:", "ERROR:", "WARNING:", "DETAIL:", "HINT:")) {
            int i = line.indexOf(level);
            if (i >= 0) {
                return line.substring(i).trim();
            }
        }
        return line.trim();
    }
}
