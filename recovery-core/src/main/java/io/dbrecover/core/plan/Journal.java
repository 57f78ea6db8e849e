package io.dbrecover.core.plan;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RequestFields;
import io.dbrecover.core.report.Json;
import io.dbrecover.core.workspace.IoErrors;
import io.dbrecover.core.workspace.OutputFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of completed steps in a work dir ({@code journal.jsonl}, one JSON object a line, each line synced to
 * disk before the next step starts). A run that finds a journal resumes after the last completed step. A torn last
 * line (a run killed while writing) is ignored.
 */
public final class Journal implements AutoCloseable {
    public static final String FILE_NAME = "journal.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    /**
     * One line of the journal.
     *
     * @param event       {@code plan} (the first line) or {@code step}
     * @param plan        the plan id (first line)
     * @param fingerprint the plan fingerprint (first line)
     * @param step        the step name (step lines)
     * @param millis      time the step took
     * @param at          when the line was written
     * @param results     what the step recorded
     */
    public record Entry(String event, String plan, String fingerprint, String step, long millis, Instant at,
                        StepResults results) {
    }

    private final FileChannel channel;
    private final Map<String, Entry> completed;

    private Journal(FileChannel channel, Map<String, Entry> completed) {
        this.channel = channel;
        this.completed = completed;
    }

    /**
     * Opens the journal of a work dir for a plan, creating it or checking that it belongs to the same plan. It is
     * written through {@code files}: a link or a hard link at its name is refused.
     */
    public static Journal open(OutputFiles files, Path workDir, Plan plan) {
        // a link or a hard link at the name is refused before it is read: it is no journal of ours
        Path file = files.checkWritable(workDir.resolve(FILE_NAME));
        Map<String, Entry> done = new LinkedHashMap<>();
        Entry head = null;
        try {
            // a link is refused when the journal is written, not followed for reading either
            boolean exists = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) > 0;
            if (exists) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (line.isBlank()) {
                        continue;
                    }
                    Entry e;
                    try {
                        e = Json.read(line, Entry.class);
                    } catch (IOException ex) {
                        if (i == lines.size() - 1) {
                            LOG.warn("ignoring a torn last line in {}", file);
                            break;
                        }
                        throw RecoveryException.of(ErrorCode.JOURNAL_MISMATCH,
                                        "the journal " + file + " is damaged at line " + (i + 1))
                                .path(file).hint("start over with a new " + RequestFields.WORK_DIR).build();
                    }
                    if (head == null) {
                        head = e;
                    } else if ("step".equals(e.event()) && e.step() != null) {
                        done.put(e.step(), e);
                    }
                }
                if (head == null) {
                    // only a torn first line: the first run died before any step completed; start afresh
                    files.delete(file);
                    exists = false;
                } else if (!"plan".equals(head.event()) || !plan.id().equals(head.plan())
                        || !plan.fingerprint().equals(head.fingerprint())) {
                    throw RecoveryException.of(ErrorCode.JOURNAL_MISMATCH,
                                    "the work dir " + workDir + " holds the journal of another plan (" + head.plan()
                                            + ") or of other options")
                            .path(file).hint("resume with the same command and options, or use a new "
                                    + RequestFields.WORK_DIR).build();
                }
            }
            if (exists) {
                // Rewrite cleanly, dropping any torn line, so appends start on a line boundary.
                StringBuilder clean = new StringBuilder(Json.line(head)).append('\n');
                for (Entry e : done.values()) {
                    clean.append(Json.line(e)).append('\n');
                }
                files.write(file, clean.toString().getBytes(StandardCharsets.UTF_8));
            }
            FileChannel ch = files.openForAppend(file);
            Journal j = new Journal(ch, done);
            if (!exists) {
                j.append(new Entry("plan", plan.id(), plan.fingerprint(), null, 0, Instant.now(), null));
            }
            return j;
        } catch (IOException e) {
            throw IoErrors.of("open the journal " + file, file, e);
        }
    }

    /** The entry of a step completed by an earlier run, if any. */
    public Optional<Entry> completed(String step) {
        return Optional.ofNullable(completed.get(step));
    }

    /** Records a completed step and syncs the journal to disk. */
    public synchronized void complete(String step, long millis, StepResults results) {
        Entry e = new Entry("step", null, null, step, millis, Instant.now(), results);
        append(e);
        completed.put(step, e);
    }

    private void append(Entry e) {
        byte[] bytes = (Json.line(e) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException ex) {
            throw IoErrors.of("write the journal", null, ex);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the journal: {}", e.getMessage());
        }
    }
}
