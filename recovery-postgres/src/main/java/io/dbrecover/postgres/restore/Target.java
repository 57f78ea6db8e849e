package io.dbrecover.postgres.restore;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A recovery target as the restore uses it (the face's {@code RestoreTarget}, read once).
 *
 * @param kind  which {@code recovery_target_*}
 * @param value its value as PostgreSQL takes it, empty for {@code immediate} and {@code latest}
 * @param time  the instant of a time target, else {@code null}
 */
public record Target(Kind kind, String value, Instant time) {
    /** The kinds of target. */
    public enum Kind {
        TIME, LSN, XID, NAME, IMMEDIATE, LATEST
    }

    public Target {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (kind == Kind.TIME) {
            Objects.requireNonNull(time, "time");
        }
    }

    /** Whether replay stops at a point of the user's choosing (not the backup's end, not the WAL's end). */
    public boolean chosen() {
        return kind != Kind.IMMEDIATE && kind != Kind.LATEST;
    }

    /** For people: {@code time 2026-12-06 22:00:00.000000+00}, {@code latest}. */
    public String describe() {
        String k = kind.name().toLowerCase(Locale.ROOT);
        return value.isEmpty() ? k : k + " " + value;
    }
}
