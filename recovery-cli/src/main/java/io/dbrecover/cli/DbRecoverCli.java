package io.dbrecover.cli;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.report.TerminalText;
import io.dbrecover.core.workspace.IoErrors;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point of the {@code dbrecover} command. */
public final class DbRecoverCli {
    private DbRecoverCli() {
    }

    /**
     * Runs the command line on standard output and error, both written in UTF-8 whatever the locale: scripts and
     * reports carry names and values in UTF-8 (the script says {@code SET NAMES utf8mb4}), and JDK 17 in a shell
     * without {@code LANG} (cron, {@code env -i}, a minimal rescue system) would write every other character as
     * {@code ?}.
     */
    public static void main(String[] args) {
        PrintWriter err = utf8(System.err);
        int code = execute(utf8(System.out), err, args);
        // System.out, a PrintStream, keeps its write errors to itself too
        System.exit(System.out.checkError() ? outputLost(err, code) : code);
    }

    private static PrintWriter utf8(OutputStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    /** Runs a command line with the given streams and returns the exit code (what tests call). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        int code = run(out, err, args);
        // a PrintWriter keeps write errors to itself: a full disk or a closed pipe behind standard output would
        // otherwise end as a success with the output cut short
        return out.checkError() ? outputLost(err, code) : code;
    }

    private static int outputLost(PrintWriter err, int code) {
        err.println("dbrecover: " + ErrorCode.IO_ERROR.name() + ": could not write to standard output (disk full, or "
                + "the reading end closed): what was written there is incomplete");
        return code == 0 ? ErrorCode.IO_ERROR.exitCode() : code;
    }

    private static int run(PrintWriter out, PrintWriter err, String... args) {
        if (CommandTree.printedVersion(out, args)) {
            return 0;
        }
        return configure(CommandTree.forArgs(args), out, err).execute(args);
    }

    /** The command line with the settings of {@link #execute}: the whole tree, or only what {@code args} need. */
    static CommandLine configure(CommandLine cli, PrintWriter out, PrintWriter err) {
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
    private static int handle(Exception thrown, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        // a failed read or write (a full disk above all) is the machine's trouble, not a bug: say which
        Exception e = thrown instanceof IOException io ? IoErrors.of("finish " + cmd.getCommandName(), null, io)
                : thrown instanceof RecoveryException re ? IoErrors.explained(re, null) : thrown;
        boolean trace = parsed.hasMatchedOption("--stacktrace")
                || parsed.asCommandLineList().stream()
                        .anyMatch(c -> c.getParseResult().hasMatchedOption("--stacktrace"));
        if (e instanceof RecoveryException found) {
            RecoveryException re = CliFlags.named(found);
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
