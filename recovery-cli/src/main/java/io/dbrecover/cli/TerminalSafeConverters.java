package io.dbrecover.cli;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.dbrecover.core.report.TerminalText;

/**
 * Log lines escaped for the terminal: messages carry names from the files recovered and lines child processes
 * printed about them (a table name with {@code ESC ] 2 ;} in a server's error log), and stderr is often a terminal.
 * Registered by {@link ConsoleLogging} as {@code %safeMsg} and {@code %safeEx}.
 */
public final class TerminalSafeConverters {
    private TerminalSafeConverters() {
    }

    /**
     * The formatted message with its control characters escaped ({@link TerminalText#escape}) and the request fields
     * it names written as the CLI's flags ({@link CliFlags}).
     */
    public static final class Message extends ClassicConverter {
        @Override
        public String convert(ILoggingEvent event) {
            return TerminalText.escape(CliFlags.flags(event.getFormattedMessage()));
        }
    }

    /** A logged exception, escaped the same way. */
    public static final class Thrown extends ThrowableProxyConverter {
        @Override
        public String convert(ILoggingEvent event) {
            return TerminalText.escape(super.convert(event));
        }
    }
}
