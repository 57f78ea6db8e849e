package io.dbrecover.cli;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.report.Json;
import io.dbrecover.core.report.TerminalText;
import io.dbrecover.core.workspace.OutputFiles;
import io.dbrecover.mysql.MySqlDdl;
import io.dbrecover.mysql.ddl.Dialect;
import io.dbrecover.mysql.model.TableDefinition;
import io.dbrecover.mysql.model.TriggerDefinition;
import io.dbrecover.mysql.model.ViewDefinition;
import io.dbrecover.mysql.scan.Scan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mysql ddl}: CREATE statements back from .frm / .TRG files, without a server. */
@Command(name = "ddl", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Regenerate CREATE TABLE / VIEW / TRIGGER statements from .frm and .TRG files, without a "
                + "server. PATH is a file or a directory (searched recursively; each directory is a database).",
            "The script can be piped into the mariadb client as is: it creates each database (CREATE DATABASE IF "
                + "NOT EXISTS + USE), its tables, views and triggers. Foreign keys and AUTO_INCREMENT counters are "
                + "not in .frm files.",
            "Unreadable files are listed on stderr with the offset and the reason; the others are still written."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file was read", "2:usage error, or no definition file found",
            "3:some files could not be read (the rest is in the output)", "4:no file could be read"})
public final class MySqlDdlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = ".frm / .TRG / .ibd files or directories.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--dialect", paramLabel = "DIALECT", converter = DialectConverter.class,
            completionCandidates = DialectConverter.class,
            description = {"mariadb (default), mysql-5.5, mysql-5.6, mysql-5.7, mysql-8.0, mysql-8.4, or mysql: each "
                + "table as the MySQL release that wrote its file prints it (8.4 when the file does not say, or "
                + "MariaDB wrote it). What the chosen server has no place for is left out and named in a comment."})
    Dialect dialect = Dialect.MARIADB;

    /** {@code --dialect} by its labels ({@code mysql-5.7}), which are not Java names. */
    static final class DialectConverter implements CommandLine.ITypeConverter<Dialect>, Iterable<String> {
        @Override
        public Dialect convert(String value) {
            try {
                return Dialect.fromLabel(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }

        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(Dialect.values()).map(Dialect::label).iterator();
        }
    }

    @Option(names = "--out", paramLabel = "FILE", description = "Write the script to FILE (never inside a PATH).")
    Path out;

    @Option(names = "--json", description = "Print the per-file results as JSON instead of the script.")
    boolean json;

    /** One file in {@code --json}. */
    record JsonItem(String file, String kind, String database, String status, String role, String errorCode,
                    Long offset, String reason, String ddl, TableDefinition table, ViewDefinition view,
                    List<TriggerDefinition> triggers) {
    }

    /** The {@code --json} document. */
    record JsonResult(String dialect, long ok, long failed, List<JsonItem> items) {
    }

    /**
     * Whether standard output is a terminal: the launcher tells ({@code [[ -t 1 ]]}), since {@code System.console()}
     * is null whenever standard input is redirected, even with the terminal on standard output.
     */
    static boolean stdoutIsTerminal() {
        return Boolean.getBoolean("dbrecover.stdout.tty") || System.console() != null;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // --out is checked before the files are read: a directory, a missing one or a link is a usage error
        OutputFiles files = OutputFiles.outside(paths);
        Path target = out == null ? null : files.checkWritable(out);
        Scan scan = MySqlDdl.scan(paths, dialect);
        long considered = scan.items().stream().filter(i -> i.status() != Scan.Status.SKIPPED).count();
        if (considered == 0) {
            throw RecoveryException.of(ErrorCode.USAGE, "no .frm, .TRG or MySQL 8 .ibd file found under " + paths)
                    .hint("give the database directory (e.g. /var/lib/mysql/shop) or the files themselves").build();
        }
        for (Scan.Link l : scan.links()) {
            err.println("dbrecover: " + TerminalText.escape(l.describe()));
        }
        for (Scan.Item i : scan.items()) {
            if (i.status() == Scan.Status.FAILED) {
                // the reason usually starts with the file already; name it once
                String reason = i.reason().startsWith(i.file().toString()) ? i.reason() : i.file() + ": " + i.reason();
                err.println("dbrecover: " + i.errorCode().name() + ": " + TerminalText.escape(reason
                        + (i.offset() == null || reason.contains("byte offset " + i.offset()) ? ""
                            : " (byte offset " + i.offset() + ")")));
            }
        }
        List<Path> linked = scan.links().stream().filter(Scan.Link::followed).map(Scan.Link::resolved)
                .filter(Objects::nonNull).toList();
        if (target != null && !linked.isEmpty()) {
            // a followed link may lead elsewhere: the script is never written where it leads either
            files = OutputFiles.outside(Stream.concat(paths.stream(), linked.stream()).toList());
            files.checkWritable(target);
        }
        if (target != null) {
            files.write(target, MySqlDdl.script(scan));
            err.println("dbrecover: wrote " + target);
        }
        if (json) {
            List<JsonItem> items = scan.items().stream().map(i -> new JsonItem(i.file().toString(),
                    i.kind().name(), i.database(), i.status().name(), i.role().name(),
                    i.errorCode() == null ? null : i.errorCode().name(), i.offset(), i.reason(), i.ddl(), i.table(),
                    i.view(), i.triggers())).toList();
            stdout.println(Json.pretty(new JsonResult(dialect.label(), scan.ok(),
                    scan.failed(), items)));
        } else if (target == null) {
            if (!stdoutIsTerminal()) {
                MySqlDdl.script(scan, stdout); // piece by piece: thousands of tables are megabytes of text
            } else {
                // a string literal may hold control bytes of the file (the script writes values as they are); on
                // a terminal they are shown escaped, in a pipe or a file the script stays exact
                String script = MySqlDdl.script(scan);
                stdout.print(TerminalText.escape(script));
                stdout.flush(); // the note below comes after the script, not in the middle of it
                if (TerminalText.hasControl(script, true)) {
                    err.println("dbrecover: the script holds control characters inside string literals, shown "
                            + "escaped here; use --out FILE or a pipe for the exact script");
                }
            }
        }
        stdout.flush();
        long fulltext = scan.items().stream().filter(i -> i.role() == Scan.Role.FULLTEXT_AUXILIARY).count();
        long leftovers = scan.items().stream().filter(i -> i.role() == Scan.Role.ALTER_LEFTOVER
                && !(i.status() == Scan.Status.SKIPPED && i.reason().startsWith("the definition comes from")))
                .count();
        err.println("dbrecover: " + scan.ok() + " of " + considered + " definition files read"
                + (scan.failed() > 0 ? ", " + scan.failed() + " failed" : "")
                + (fulltext > 0 ? "; " + fulltext + " FULLTEXT index tablespaces are InnoDB's own (named in the "
                        + "script's header)" : "")
                + (leftovers > 0 ? "; " + leftovers + " file(s) left by an ALTER TABLE that did not finish (see "
                        + "the script's comments)" : ""));
        if (scan.failed() == 0) {
            return 0;
        }
        return scan.ok() > 0 ? ErrorCode.PARTIAL.exitCode() : ErrorCode.CORRUPT_INPUT.exitCode();
    }
}
