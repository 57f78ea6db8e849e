package io.dbrecover.cli;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.report.Json;
import io.dbrecover.core.report.TextReportRenderer;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.mysql.IntoServer;
import io.dbrecover.mysql.MySqlRecover;
import io.dbrecover.mysql.RecoverRequest;
import io.dbrecover.mysql.RowHashes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mysql recover}: orphaned .frm/.ibd files to verified tables through the discard/import transplant. */
@Command(name = "recover", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Bring orphaned .frm/.ibd files (no ibdata1, no redo logs needed) back into a throwaway "
                + "MariaDB in the work dir (or, with --into, a server you run) with DISCARD/IMPORT TABLESPACE, "
                + "table by table, and prove each one: CHECK TABLE, row counts and an ordered row hash.",
            "The sources are only read. A second run with the same --workdir resumes: finished tables are kept."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every table recovered and verified", "2:usage error",
            "3:some tables failed (each with its reason in the report); the others are verified",
            "4:nothing could be verified, or a source changed", "5:no MariaDB server binaries, or it did not start"})
public final class MySqlRecoverCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "DIR", required = true,
            description = "A database directory (.frm, .ibd, .par, #P# files) or a data directory holding several; "
                    + "repeatable.")
    List<Path> from = new ArrayList<>();

    @Option(names = "--workdir", paramLabel = "DIR",
            description = "Where the throwaway server, the journal and report.json go (never inside a --from).")
    Path workDir;

    @Option(names = "--ddl", paramLabel = "FILE", description = "Table definitions from a SQL file (an old "
            + "mysqldump, a schema file) for tables whose .frm is missing or wrong; its CREATE TABLE statements win "
            + "over .frm files and bring foreign keys back. Data statements in it are skipped.")
    Path ddl;

    @Option(names = "--tables", paramLabel = "T", split = ",",
            description = "Only these tables (db.table or table), comma-separated.")
    List<String> tables = new ArrayList<>();

    @Option(names = "--dump", paramLabel = "FILE", description = "Also write a SQL dump of the recovered databases "
            + "(mariadb-dump; loads into a clean server as is). It is proved by loading it into a fresh server.")
    Path dump;

    @Option(names = "--jobs", paramLabel = "N", description = "Tables transplanted at the same time (default: "
            + "min(4, cores)).")
    Integer jobs;

    @Option(names = "--expect", paramLabel = "FILE", description = "Row hashes known from before the disaster "
            + "(lines `db.table<TAB>rows<TAB>sha256`, as the report's items give them): each must match.")
    Path expect;

    @Option(names = "--into", paramLabel = "JDBC-URL", description = "Import into a server you run on this "
            + "machine instead of a throwaway one, e.g. jdbc:mariadb://127.0.0.1:3306/?user=root. Its password comes "
            + "from the environment variable " + IntoServer.PASSWORD_ENV + " or --into-password-file, never from "
            + "the command line. Tables go to databases of the source's names; a table that already exists there is "
            + "never discarded.")
    String into;

    @Option(names = "--confirm-into", paramLabel = "DB", split = ",", description = "With --into: the databases "
            + "recover may create tables in (the confirmation; the others are refused).")
    List<String> confirmInto = new ArrayList<>();

    @Option(names = "--into-password-file", paramLabel = "FILE", description = "With --into: a file holding the "
            + "password (a MySQL option file's password= line, or the first line).")
    Path intoPasswordFile;

    @Option(names = "--origin", paramLabel = "ORIGIN", description = "Server binaries: system or embedded.")
    BinaryOrigin origin;

    @Option(names = "--dry-run", description = "Print the plan, do nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ServerCommand.refuseContainerOrigin(origin);
        RecoverRequest.Builder b = RecoverRequest.builder().workDir(workDir).dryRun(dryRun).dump(dump).ddl(ddl)
                .progress(ConsoleProgress.forThisProcess())
                .server(ServerOptions.builder().origin(origin).build());
        from.forEach(b::from);
        tables.forEach(b::table);
        if (jobs != null) {
            b.jobs(jobs);
        }
        if (expect != null) {
            b.expected(RowHashes.read(expect));
        }
        if (into != null) {
            String password = intoPasswordFile != null ? IntoServer.readPassword(intoPasswordFile)
                    : System.getenv(IntoServer.PASSWORD_ENV);
            b.into(IntoServer.of(into, null, password, new LinkedHashSet<>(confirmInto)));
        } else if (!confirmInto.isEmpty() || intoPasswordFile != null) {
            throw RecoveryException.of(ErrorCode.USAGE, "--confirm-into and --into-password-file go with --into")
                    .build();
        }
        RecoveryReport report;
        try {
            report = MySqlRecover.recover(b.build());
        } catch (RecoveryRun.RecoveryAbortedException e) {
            print(out, e.report());
            throw e;
        }
        print(out, report);
        return report.exitCode();
    }

    private void print(PrintWriter out, RecoveryReport report) {
        // the report speaks of the request's fields; the user reads the flags they typed
        out.print(CliFlags.flags(json ? Json.pretty(report) + "\n" : new TextReportRenderer().render(report)));
        out.flush();
    }
}
