package io.dbrecover.postgres.restore;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.workspace.OutputFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The recovery settings of a restored data directory: lines appended to its {@code postgresql.auto.conf} (later
 * lines win over the original's), {@code recovery.signal}, and {@code tablespace_map} pointing at the new
 * tablespace directories.
 */
final class RecoverySettings {
    private RecoverySettings() {
    }

    /**
     * The lines for {@code postgresql.auto.conf}: the port; {@code archive_mode=off}, or the clone would push its
     * new timeline into the archive it shares with the original; a {@code restore_command} that only copies out of
     * the archive (or, without one, fails at once so that only {@code pg_wal} is read); the target; and
     * {@code recovery_target_action=promote} (the default, {@code pause}, leaves a read-only server that looks
     * restored).
     */
    static List<String> lines(int port, Path archive, Target target, boolean exclusive) {
        List<String> l = new ArrayList<>();
        l.add("# added by dbrecover postgres restore: recovery of this copy (the settings above are the original's)");
        l.add("port = " + port);
        l.add("archive_mode = 'off'");
        l.add("archive_command = ''");
        l.add("restore_command = " + quote(archive == null ? "false" : "cp " + shellQuote(archive) + "/%f \"%p\""));
        l.add("recovery_target_action = 'promote'");
        l.add("recovery_target_timeline = 'latest'");
        switch (target.kind()) {
            case TIME -> l.add("recovery_target_time = " + quote(target.value()));
            case LSN -> l.add("recovery_target_lsn = " + quote(target.value()));
            case XID -> l.add("recovery_target_xid = " + quote(target.value()));
            case NAME -> l.add("recovery_target_name = " + quote(target.value()));
            case IMMEDIATE -> l.add("recovery_target = 'immediate'");
            case LATEST -> l.add("# no recovery target: every WAL record at hand is replayed");
            default -> throw new IllegalStateException(target.kind().name());
        }
        if (target.chosen()) {
            l.add("recovery_target_inclusive = " + (exclusive ? "'off'" : "'on'"));
        }
        return l;
    }

    /** A path for {@code sh -c}: single-quoted; {@code %} doubled for PostgreSQL's own placeholders. */
    static String shellQuote(Path p) {
        String s = p.toString();
        if (s.indexOf('\'') >= 0 || s.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw RecoveryException.of(ErrorCode.USAGE, "RestoreRequest.walArchive " + s + " holds a quote or a "
                    + "control character, which cannot go into restore_command safely").path(p)
                    .hint("give the archive a plain path (e.g. through a bind mount or a link outside it)").build();
        }
        return "'" + s.replace("%", "%%") + "'";
    }

    /** A value in {@code postgresql.conf} syntax. */
    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /**
     * Appends the recovery settings to {@code postgresql.auto.conf}, writes {@code recovery.signal} and removes a
     * {@code standby.signal} (a backup made with {@code -R}: the copy is no standby).
     *
     * @return what was done about {@code standby.signal}, or {@code null}
     */
    static String write(OutputFiles files, Path dataDir, List<String> lines) {
        Path auto = dataDir.resolve("postgresql.auto.conf");
        String before = "";
        try {
            if (Files.isRegularFile(auto, LinkOption.NOFOLLOW_LINKS)) {
                before = Files.readString(auto, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot read " + auto + ": " + e.getMessage()).path(auto)
                    .cause(e).build();
        }
        StringBuilder sb = new StringBuilder(before);
        if (!before.isEmpty() && !before.endsWith("\n")) {
            sb.append('\n');
        }
        lines.forEach(x -> sb.append(x).append('\n'));
        files.write(auto, sb.toString());
        files.write(dataDir.resolve("recovery.signal"), "");
        Path standby = dataDir.resolve("standby.signal");
        if (Layout.exists(standby)) {
            files.delete(standby);
            return "standby.signal (the backup was made with -R) was removed from the copy: it is restored, not a "
                    + "standby";
        }
        return null;
    }

    /** {@code tablespace_map}: one line {@code <oid> <directory>} per tablespace. */
    static void writeTablespaceMap(OutputFiles files, Path dataDir, Map<String, Path> dirs) {
        Path map = dataDir.resolve("tablespace_map");
        if (dirs.isEmpty()) {
            if (Layout.exists(map)) {
                files.delete(map);
            }
            return;
        }
        StringBuilder sb = new StringBuilder();
        dirs.forEach((oid, dir) -> {
            String d = dir.toString();
            if (d.indexOf('\n') >= 0 || d.indexOf('\r') >= 0) {
                throw RecoveryException.of(ErrorCode.USAGE, "the tablespace directory " + d.replace("\n", "\\n")
                        + " holds a line break, which tablespace_map cannot hold").build();
            }
            // tablespace_map escapes only line breaks and backslashes; spaces are read to the end of the line
            sb.append(oid).append(' ').append(d.replace("\\", "\\\\")).append('\n');
        });
        files.write(map, sb.toString());
    }

    /** The tablespace OIDs and locations {@code tablespace_map} names, in order. */
    static Map<String, String> readTablespaceMap(Path dataDir) {
        Path map = dataDir.resolve("tablespace_map");
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (!Layout.exists(map)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(map, StandardCharsets.UTF_8)) {
                int sp = line.indexOf(' ');
                if (line.isBlank()) {
                    continue;
                }
                if (sp < 1 || !line.substring(0, sp).matches("[1-9][0-9]{0,9}")) {
                    throw RecoveryException.of(ErrorCode.CORRUPT_INPUT, "tablespace_map holds a line that is not "
                            + "'<oid> <directory>': " + line.substring(0, Math.min(line.length(), 100)))
                            .path(map).hint("check the backup with `dbrecover postgres verify-backup`").build();
                }
                out.put(line.substring(0, sp), line.substring(sp + 1));
            }
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot read " + map + ": " + e.getMessage()).path(map)
                    .cause(e).build();
        }
        return out;
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
