package io.dbrecover.cli;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.report.Json;
import io.dbrecover.core.report.TerminalText;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.postgres.BackupRequest;
import io.dbrecover.postgres.PostgresBackups;
import io.dbrecover.postgres.model.BackupCompression;
import io.dbrecover.postgres.model.BackupFormat;
import io.dbrecover.postgres.model.BackupProblem;
import io.dbrecover.postgres.model.BackupResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code postgres backup}: a base backup with pg_basebackup, with a manifest, verified afterwards. */
@Command(name = "backup", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Take a base backup with pg_basebackup and verify it.",
            "pg_basebackup runs with a manifest, --checkpoint=fast and the WAL streamed into the backup; the result is "
                + "then checked as verify-backup checks it.",
            "--jdbc-url backs up a running server (its user needs the REPLICATION privilege); --pgdata a stopped "
                + "cluster's data directory, through a throwaway server on a copy (the original is only read). The "
                + "password comes from --password-file or the environment variable " + PostgresBackupCommand.ENV
                + " and reaches pg_basebackup through a private PGPASSFILE, never a command line."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:backed up and verified", "2:usage error (--out not empty, or inside --pgdata)",
            "4:the new backup failed its verification", "5:pg_basebackup is missing or failed"})
public final class PostgresBackupCommand implements Callable<Integer> {
    /** Where the password of a {@code --jdbc-url} server is read from unless a file is named. */
    static final String ENV = "DBRECOVER_PGPASSWORD";

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** One of the two sources. */
    static final class Source {
        @Option(names = "--pgdata", paramLabel = "DIR", required = true,
                description = "The data directory of a stopped cluster.")
        Path pgdata;

        @Option(names = "--jdbc-url", paramLabel = "URL", required = true, description = "A running server, e.g. "
                + "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres (no password in it).")
        String jdbcUrl;
    }

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "A new or empty directory for the backup, outside --pgdata.")
    Path out;

    @Option(names = "--format", paramLabel = "F", description = "plain (a data directory) or tar (default: plain).")
    String format = "plain";

    @Option(names = "--compress", paramLabel = "C", description = "With --format tar: gzip, lz4 or zstd.")
    String compress;

    @Option(names = "--password-file", paramLabel = "FILE", description = "With --jdbc-url: a file whose first line "
            + "is the password.")
    Path passwordFile;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        BackupFormat f = switch (format.toLowerCase(Locale.ROOT)) {
            case "plain", "p" -> BackupFormat.PLAIN;
            case "tar", "t" -> BackupFormat.TAR;
            default -> throw RecoveryException.of(ErrorCode.USAGE, "--format must be plain or tar, not '"
                    + format + "'").build();
        };
        BackupCompression c = compression(compress);
        if (source.pgdata != null && passwordFile != null) {
            throw RecoveryException.of(ErrorCode.USAGE, "--password-file goes with --jdbc-url").build();
        }
        Endpoint server = null;
        if (source.jdbcUrl != null) {
            String password = passwordFile != null ? readPassword(passwordFile) : System.getenv(ENV);
            server = PostgresBackups.serverFromUrl(source.jdbcUrl, password);
        }
        BackupRequest request = new BackupRequest(source.pgdata, server, out, f, c, null, ServerOptions.defaults(),
                true, null);
        BackupResult r = PostgresBackups.backup(request);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(Json.pretty(r));
        } else {
            if (r.verification() != null) {
                for (BackupProblem p : r.verification().problems()) {
                    o.println("PROBLEM " + p.kind() + " " + TerminalText.escape(p.describe()));
                }
            }
            o.println("backup of PostgreSQL " + TerminalText.escape(String.valueOf(r.serverVersion())) + " in "
                    + TerminalText.escape(r.out().toString()) + " (" + r.format().name().toLowerCase(Locale.ROOT)
                    + (r.compression() == BackupCompression.NONE ? "" : ", " + r.compression().pgName()) + "): "
                    + String.join(", ", r.files()));
            o.println("position: start " + r.position().start() + ", end " + r.position().end() + ", timeline "
                    + r.position().timeline() + String.format(Locale.ROOT, "; pg_basebackup took %.1f s",
                    r.duration().toMillis() / 1e3));
            if (r.verification() != null) {
                o.println(String.format(Locale.ROOT, "verified: %d file(s), %.1f MB: %s", r.verification().files(),
                        r.verification().bytes() / 1e6, r.verification().clean() ? "no problem"
                                : r.verification().problems().size() + " problem(s)"));
            }
        }
        o.flush();
        return r.verification() == null || r.verification().clean() ? 0 : ErrorCode.VERIFICATION_FAILED.exitCode();
    }

    static BackupCompression compression(String c) {
        if (c == null) {
            return BackupCompression.NONE;
        }
        return switch (c.toLowerCase(Locale.ROOT)) {
            case "gzip", "gz" -> BackupCompression.GZIP;
            case "lz4" -> BackupCompression.LZ4;
            case "zstd", "zst" -> BackupCompression.ZSTD;
            case "none" -> BackupCompression.NONE;
            default -> throw RecoveryException.of(ErrorCode.USAGE, "--compress must be gzip, lz4 or zstd, not '" + c
                    + "'").build();
        };
    }

    private static String readPassword(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            String line = nl < 0 ? text : text.substring(0, nl);
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "cannot read --password-file " + file + ": "
                    + e.getMessage()).path(file).build();
        }
    }
}
