package io.dbrecover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The CLI's logging set up in code: levels, stderr, the line format, and a user's own configuration file. */
class ConsoleLoggingTest {
    @Test
    void theCliUsesItAndNotTheXmlConfiguration() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNotNull();
        assertThat(ConsoleLoggingTest.class.getResource("/logback.xml")).isNull();
    }

    @Test
    void writesDiagnosticsToStderrAtInfoForDbrecoverAndWarnForTheRest() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // what SLF4J's binding gives the real context
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertThat(new ConsoleLogging().configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
            context.getLogger("io.dbrecover.mysql.Something").info("copied {} files", 3);
            context.getLogger("io.dbrecover.mysql.Something").debug("not shown");
            context.getLogger("dbrecover.process.mariadbd").info("child line");
            context.getLogger("org.other.Library").info("not shown either");
            context.getLogger("org.other.Library").warn("a warning");
            // names from the files recovered reach log lines: a title-setting sequence must not reach the terminal
            context.getLogger("io.dbrecover.mysql.Something").warn("table {} skipped", "t\u001b]2;owned\u0007");
            context.getLogger("io.dbrecover.mysql.Something").error("failed",
                    new IllegalStateException("bad name \u001b[2J"));
            assertThat(context.getLogger("io.dbrecover").getLevel()).isEqualTo(Level.INFO);
            assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
        } finally {
            System.setErr(stderr);
            context.stop();
        }
        java.util.List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSizeGreaterThan(6).allSatisfy(l -> assertThat(l).doesNotContain("\u001b", "\u0007"));
        assertThat(lines.subList(0, 6)).satisfiesExactly(
                    l -> assertThat(l).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  Something: copied 3 files"),
                    l -> assertThat(l).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  mariadbd: child line"),
                    l -> assertThat(l).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  Library: a warning"),
                    l -> assertThat(l).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  Something: table t\\\\x1B]2;owned"
                            + "\\\\x07 skipped"),
                    l -> assertThat(l).endsWith("ERROR Something: failed"),
                    l -> assertThat(l).isEqualTo("java.lang.IllegalStateException: bad name \\x1B[2J"));
    }

    @Test
    void leavesTheSetUpToLogbackWhenTheUserNamesAConfigurationFile() {
        LoggerContext context = new LoggerContext();
        System.setProperty("logback.configurationFile", "/some/logback.xml");
        try {
            assertThat(new ConsoleLogging().configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext())
                    .isFalse();
        } finally {
            System.clearProperty("logback.configurationFile");
            context.stop();
        }
    }
}
