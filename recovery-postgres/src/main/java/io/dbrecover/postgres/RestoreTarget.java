package io.dbrecover.postgres;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a restore's WAL replay stops: PostgreSQL's {@code recovery_target_*} settings, one at a time.
 *
 * @param kind  which target
 * @param value the target as PostgreSQL takes it ({@code recovery_target_time} as an instant with its offset,
 *              e.g. {@code 2026-12-06 22:00:00.123456+00}; an LSN {@code 0/3000028}; a transaction id; a
 *              restore point's name), empty for {@link Kind#IMMEDIATE} and {@link Kind#LATEST}
 */
public record RestoreTarget(Kind kind, String value) {
    /** The kinds of target. */
    public enum Kind {
        /** {@code recovery_target_time}: the first commit after this instant ends the replay. */
        TIME,
        /** {@code recovery_target_lsn}. */
        LSN,
        /** {@code recovery_target_xid}. */
        XID,
        /** {@code recovery_target_name}: a restore point made with {@code pg_create_restore_point}. */
        NAME,
        /** {@code recovery_target = 'immediate'}: the end of the base backup, as soon as it is consistent. */
        IMMEDIATE,
        /** No target: every WAL record at hand is replayed. */
        LATEST
    }

    private static final DateTimeFormatter PG_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss").appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendOffset("+HH:MM:ss", "+00").toFormatter(Locale.ROOT);
    private static final DateTimeFormatter PG_TIME_OUT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss").appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
            .appendLiteral("+00").toFormatter(Locale.ROOT);

    public RestoreTarget {
        Objects.requireNonNull(kind, "kind");
        value = value == null ? "" : value;
        switch (kind) {
            case TIME -> value = PG_TIME_OUT.format(parseTime(value).atOffset(ZoneOffset.UTC));
            case LSN -> {
                if (!value.matches("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}")) {
                    throw usage("not a WAL location: '" + shown(value) + "'", "write it as PostgreSQL does, e.g. "
                            + "0/3000028 (pg_current_wal_lsn())");
                }
                value = value.toUpperCase(Locale.ROOT);
            }
            case XID -> {
                // txid_current() counts with the epoch (64 bits); normal transaction ids start at 3
                if (!value.matches("[0-9]{1,19}") || Long.parseLong(value) < 3) {
                    throw usage("not a transaction id: '" + shown(value) + "'", "give the number txid_current() "
                            + "returned, e.g. 741");
                }
            }
            case NAME -> {
                if (value.isEmpty() || value.length() > 63 || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    throw usage("not a restore point name: '" + shown(value) + "'", "give the name passed to "
                            + "pg_create_restore_point (1 to 63 characters, no control characters)");
                }
            }
            default -> {
                if (!value.isEmpty()) {
                    throw usage("the target " + kind.name().toLowerCase(Locale.ROOT) + " takes no value", null);
                }
            }
        }
    }

    /** Replay up to this instant. */
    public static RestoreTarget time(Instant at) {
        return new RestoreTarget(Kind.TIME, PG_TIME_OUT.format(at.atOffset(ZoneOffset.UTC)));
    }

    /**
     * Replay up to a time written with its offset: ISO-8601 ({@code 2026-12-06T22:00:00Z},
     * {@code 2026-12-06T23:00:00+01:00}) or as PostgreSQL prints it ({@code 2026-12-06 22:00:00.5+00}).
     */
    public static RestoreTarget time(String text) {
        return new RestoreTarget(Kind.TIME, text);
    }

    public static RestoreTarget lsn(String lsn) {
        return new RestoreTarget(Kind.LSN, lsn);
    }

    public static RestoreTarget xid(String xid) {
        return new RestoreTarget(Kind.XID, xid);
    }

    public static RestoreTarget name(String restorePoint) {
        return new RestoreTarget(Kind.NAME, restorePoint);
    }

    public static RestoreTarget immediate() {
        return new RestoreTarget(Kind.IMMEDIATE, "");
    }

    public static RestoreTarget latest() {
        return new RestoreTarget(Kind.LATEST, "");
    }

    /** The instant of a {@link Kind#TIME} target. */
    public Instant instant() {
        if (kind != Kind.TIME) {
            throw new IllegalStateException("not a time target: " + this);
        }
        return parseTime(value);
    }

    /** For people: {@code time 2026-12-06 22:00:00.000000+00}, {@code latest}. */
    public String describe() {
        String k = kind.name().toLowerCase(Locale.ROOT);
        return value.isEmpty() ? k : k + " " + value;
    }

    private static Instant parseTime(String text) {
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(t, PG_TIME).toInstant();
            } catch (DateTimeParseException e2) {
                throw usage("not a time with an offset: '" + shown(t) + "'", "write it with its offset, e.g. "
                        + "2026-12-06T22:00:00Z or '2026-12-06 23:00:00+01' (a time without one would be read in "
                        + "the server's time zone)");
            }
        }
    }

    private static String shown(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    private static RecoveryException usage(String message, String hint) {
        return RecoveryException.of(ErrorCode.USAGE, "RestoreRequest.target: " + message).hint(hint).build();
    }
}
