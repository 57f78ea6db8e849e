package io.dbrecover.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.nio.charset.StandardCharsets;

/**
 * The CLI's logging, set up in code (found by logback through {@code META-INF/services}) instead of a
 * {@code logback.xml}: parsing the XML loads about 270 more classes and costs a command that logs a fifth of its
 * start (bench/README.md). Diagnostics go to stderr; results (reports, DDL, JSON) go to stdout. {@code io.dbrecover}
 * and {@code dbrecover.process} (child processes' output) log at INFO, everything else at WARN; {@code -v},
 * {@code -vv} and {@code -q} change that ({@link GlobalOptions}). A {@code -Dlogback.configurationFile} given by
 * the user still wins. Messages and exceptions are escaped for the terminal ({@link TerminalSafeConverters}): they
 * carry names read from the files recovered.
 */
public final class ConsoleLogging extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0}: %safeMsg%n%safeEx";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("safeMsg", TerminalSafeConverters.Message::new);
        layout.getInstanceConverterMap().put("safeEx", TerminalSafeConverters.Thrown::new);
        layout.setPattern(PATTERN);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.setCharset(StandardCharsets.UTF_8); // as the CLI's own messages, whatever the locale
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("io.dbrecover").setLevel(Level.INFO);
        context.getLogger("dbrecover.process").setLevel(Level.INFO);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
