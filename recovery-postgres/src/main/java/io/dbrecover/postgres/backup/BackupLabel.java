package io.dbrecover.postgres.backup;

import io.dbrecover.postgres.model.Lsn;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code KEY: value} lines of a {@code backup_label} or of an archive's {@code *.backup} history file
 * ({@code START WAL LOCATION: 0/2000028 (file 000000010000000000000002)}, {@code START TIME: 2026-12-06 22:00:00
 * UTC}, {@code STOP WAL LOCATION}, {@code STOP TIME}, {@code START TIMELINE}, {@code LABEL}, …). Lines that do not
 * fit are skipped; values are bounded.
 */
final class BackupLabel {
    /** The most bytes of such a file read. */
    static final int MAX_BYTES = 64 * 1024;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    private final Map<String, String> values = new LinkedHashMap<>();

    BackupLabel(String text) {
        text.lines().limit(100).forEach(line -> {
            int colon = line.indexOf(": ");
            if (colon > 0 && colon < 40) {
                values.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 2).trim());
            }
        });
    }

    /** A value, or {@code null}. */
    String value(String key) {
        return values.get(key);
    }

    /** A WAL location value ({@code 0/2000028 (file …)}), or {@code null}. */
    Lsn lsn(String key) {
        String v = values.get(key);
        if (v == null) {
            return null;
        }
        int space = v.indexOf(' ');
        String first = space < 0 ? v : v.substring(0, space);
        return Lsn.isLsn(first) ? Lsn.parse(first) : null;
    }

    /** A timeline value, 0 when missing or not a number. */
    int timeline(String key) {
        String v = values.get(key);
        try {
            return v == null ? 0 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A time value as the server wrote it ({@code 2026-12-06 22:00:00 UTC}), or {@code null} when unreadable. */
    Instant time(String key) {
        String v = values.get(key);
        if (v == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(v, TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null; // a zone abbreviation Java does not know: the time stays unknown rather than guessed
        }
    }
}
