package io.dbrecover.cli;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.workspace.IoErrors;
import java.io.IOException;
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
                || parsed.asCommandLineList().stream().anyMatch(c -> c.getParseResult().hasMatchedOption("--stacktrace"));
        if (e instanceof RecoveryException re) {
            err.println("dbrecover: " + re.code().name() + ": " + re.describe());
            if (trace) {
                re.printStackTrace(err);
            }
            err.flush();
            return re.exitCode();
        }
        err.println("dbrecover: internal error: " + e);
        err.println("  this is a bug in dbrecover; run again with --stacktrace and report the output");
        if (trace) {
            e.printStackTrace(err);
        }
        err.flush();
        return ErrorCode.INTERNAL.exitCode();
    }
}
