package io.dbrecover.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.report.TerminalText;
import io.dbrecover.core.report.TextReportRenderer;
import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Progress bars on stderr when it is a terminal; plain log lines otherwise (CI, pipes, files). */
final class ConsoleProgress implements ProgressListener {
    private static final Logger LOG = LoggerFactory.getLogger("io.dbrecover.progress");
    private final boolean terminal;

    ConsoleProgress(boolean terminal) {
        this.terminal = terminal;
    }

    /** A listener suited to where stderr goes. */
    static ConsoleProgress forThisProcess() {
        String term = System.getenv("TERM");
        boolean tty = System.console() != null && term != null && !"dumb".equals(term) && System.getenv("CI") == null;
        return new ConsoleProgress(tty);
    }

    @Override
    public Task begin(String rawName, long total, String unit) {
        String name = TerminalText.escapeLine(rawName); // a source's or a table's name, from the files
        if (terminal && total > 0) {
            ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(name).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII) // names in UTF-8, as everything else on stderr
                    .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true, UTF_8)))
                    .setUpdateIntervalMillis(200);
            if ("B".equals(unit)) {
                b.setUnit(" MiB", 1 << 20);
            }
            ProgressBar bar = b.build();
            return new Task() {
                @Override
                public void advance(long amount) {
                    bar.stepBy(amount);
                }

                @Override
                public void close() {
                    bar.close();
                }
            };
        }
        long t0 = System.nanoTime();
        return new Task() {
            @Override
            public void advance(long amount) {
                // plain mode: one line at the end is enough
            }

            @Override
            public void close() {
                LOG.info("{}: {} in {} ms", name, "B".equals(unit) ? TextReportRenderer.bytes(Math.max(0, total))
                        : total + " " + unit, Duration.ofNanos(System.nanoTime() - t0).toMillis());
            }
        };
    }
}
