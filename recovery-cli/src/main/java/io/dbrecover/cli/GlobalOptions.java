package io.dbrecover.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command accepts. */
public final class GlobalOptions {
    @Option(names = "--stacktrace", description = "Print stack traces of errors (for developers).",
            scope = ScopeType.INHERIT)
    boolean stacktrace;

    @Option(names = {"-v", "--verbose"}, description = "Log more (repeat for child process output).",
            scope = picocli.CommandLine.ScopeType.INHERIT)
    void verbose(boolean[] values) {
        ((Logger) LoggerFactory.getLogger("io.dbrecover")).setLevel(Level.DEBUG);
        if (values.length >= 2) {
            // child processes' output, line by line
            ((Logger) LoggerFactory.getLogger("dbrecover.process")).setLevel(Level.DEBUG);
        }
    }

    @Option(names = {"-q", "--quiet"}, description = "Log only warnings and errors.",
            scope = picocli.CommandLine.ScopeType.INHERIT)
    void quiet(boolean value) {
        if (value) {
            ((Logger) LoggerFactory.getLogger("io.dbrecover")).setLevel(Level.WARN);
        }
    }
}
