package io.dbrecover.cli;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.report.TerminalText;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code dbrecover} command. */
public final class DbRecoverCli {
    private DbRecoverCli() {
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command line with the given streams and returns the exit code (what tests call). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(out, err);
        return cli.execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new DbRecoverCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(DbRecoverCli::handle);
        cli.setExitCodeExceptionMapper(t -> t instanceof RecoveryException re ? re.exitCode()
                : t instanceof CommandLine.ParameterException ? ErrorCode.USAGE.exitCode()
                : ErrorCode.INTERNAL.exitCode());
        return cli;
    }

    /**
     * Errors become one clear message and an exit code; stack traces only with {@code --stacktrace}, since a user
     * mistake is never a crash.
     */
    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        boolean trace = parsed.hasMatchedOption("--stacktrace")
                || parsed.asCommandLineList().stream().anyMatch(c -> c.getParseResult().hasMatchedOption("--stacktrace"));
        if (e instanceof RecoveryException re) {
            // messages quote file names and file contents: control characters are shown, never sent to the terminal
            err.println("dbrecover: " + re.code().name() + ": " + TerminalText.escape(re.describe()));
            if (trace) {
                re.printStackTrace(err);
            }
            err.flush();
            return re.exitCode();
        }
        err.println("dbrecover: internal error: " + TerminalText.escape(String.valueOf(e)));
        err.println("  this is a bug in dbrecover; run again with --stacktrace and report the output");
        if (trace) {
            e.printStackTrace(err);
        }
        err.flush();
        return ErrorCode.INTERNAL.exitCode();
    }
}
