package io.dbrecover.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Everything dbrecover logs while it is open, at every level: its own loggers ({@code io.dbrecover}) and the
 * output of child processes ({@code dbrecover.process}). For tests that prove a secret never reaches a log.
 * Needs logback-classic on the test class path.
 */
public final class LogCapture implements AutoCloseable {
    private static final List<String> NAMES = List.of("io.dbrecover", "dbrecover");

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Level> levels = new ArrayList<>();

    /** Starts capturing. */
    public LogCapture() {
        appender.start();
        for (String name : NAMES) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            levels.add(logger.getLevel());
            logger.setLevel(Level.DEBUG);
            logger.addAppender(appender);
        }
    }

    /** The captured lines: formatted messages and their exceptions' messages. */
    public synchronized String text() {
        StringBuilder sb = new StringBuilder();
        for (ILoggingEvent e : List.copyOf(appender.list)) {
            sb.append(e.getLoggerName()).append(' ').append(e.getFormattedMessage()).append('\n');
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                sb.append("  ").append(t.getMessage()).append('\n');
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        for (int i = 0; i < NAMES.size(); i++) {
            Logger logger = (Logger) LoggerFactory.getLogger(NAMES.get(i));
            logger.detachAppender(appender);
            logger.setLevel(levels.get(i));
        }
        appender.stop();
    }
}
