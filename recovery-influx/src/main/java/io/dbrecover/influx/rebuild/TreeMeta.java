package io.dbrecover.influx.rebuild;

import io.dbrecover.core.api.Finding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The databases and retention policies of a server whose {@code meta.db} is lost, recreated from what the data
 * directory still says: the names ({@code data/<db>/<rp>/<shard>}) and each shard's time range. A retention
 * policy's shard-group duration is not in the files, so it is inferred: InfluxDB aligns shard groups to multiples of
 * their duration (see {@link #consistent}), so the true duration puts each shard's first and last point in one group
 * and every two shards in different groups. Of the standard durations (7 days, 1 day, 1 hour: what InfluxDB picks
 * for infinite, medium and short retention) the longest that does so is taken; if none does, the shortest whole
 * number of hours that does. Everything not in the files is an assumption, and each becomes a finding.
 */
final class TreeMeta {
    /** The standard shard-group durations, longest first. */
    static final List<Duration> STANDARD = List.of(Duration.ofDays(7), Duration.ofDays(1), Duration.ofHours(1));
    /** The retention policy InfluxDB creates with every database (retention-autocreate). */
    static final String AUTOGEN = "autogen";
    private static final long MAX_HOURS = 24L * 365 * 10;
    /** Seconds from Go's zero time (0001-01-01T00:00:00Z) to the Unix epoch. */
    static final long GO_ZERO_TO_EPOCH_SECONDS = 62_135_596_800L;

    /**
     * A shard as the tree shows it.
     *
     * @param id       the shard id (its directory name)
     * @param minNanos its first point's time, or {@code null} for a shard without points
     * @param maxNanos its last point's time, or {@code null}
     */
    record Shard(long id, Long minNanos, Long maxNanos) {
    }

    /**
     * A retention policy to create.
     *
     * @param database      its database
     * @param name          its name
     * @param shardDuration the inferred shard-group duration
     * @param isDefault     whether it is the database's default
     */
    record Policy(String database, String name, Duration shardDuration, boolean isDefault) {
        Policy {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(shardDuration, "shardDuration");
        }

        /** The InfluxQL that makes it: infinite retention, one replica. */
        String create() {
            return "CREATE RETENTION POLICY " + io.dbrecover.influx.http.InfluxQl.identifier(name) + " ON "
                    + io.dbrecover.influx.http.InfluxQl.identifier(database) + " DURATION INF REPLICATION 1 SHARD "
                    + "DURATION " + shardDuration.toHours() + "h" + (isDefault ? " DEFAULT" : "");
        }
    }

    /**
     * What the tree says.
     *
     * @param policies the retention policies, by database
     * @param findings the assumptions made
     */
    record Result(List<Policy> policies, List<Finding> findings) {
        Result {
            policies = List.copyOf(policies);
            findings = List.copyOf(findings);
        }
    }

    private TreeMeta() {
    }

    /**
     * Infers the retention policies.
     *
     * @param tree database to retention policy to its shards
     */
    static Result infer(Map<String, Map<String, List<Shard>>> tree) {
        List<Policy> policies = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.warning("META_RECREATED", "meta.db is missing: the databases and retention policies "
                + "are recreated from the directory tree; users, continuous queries, subscriptions and shard ids "
                + "are not in the data files and are not recreated", null));
        for (Map.Entry<String, Map<String, List<Shard>>> db : new TreeMap<>(tree).entrySet()) {
            Map<String, List<Shard>> rps = new TreeMap<>(db.getValue());
            String def = rps.containsKey(AUTOGEN) ? AUTOGEN : rps.keySet().stream().findFirst().orElse(null);
            if (def == null) {
                continue;
            }
            findings.add(Finding.warning("ASSUMED_DEFAULT_POLICY", db.getKey() + ": the default retention policy is "
                    + "assumed to be " + def + (def.equals(AUTOGEN) ? " (the one InfluxDB creates)"
                    : " (no autogen; the first by name)"), db.getKey()));
            for (Map.Entry<String, List<Shard>> rp : rps.entrySet()) {
                Duration d = shardDuration(rp.getValue());
                String where = db.getKey() + "/" + rp.getKey();
                findings.add(Finding.warning("ASSUMED_RETENTION", where + ": retention duration assumed infinite "
                        + "(nothing is dropped), replication 1; shard-group duration " + describe(d) + " inferred "
                        + "from the time ranges of its " + rp.getValue().size() + " shard(s)", where));
                policies.add(new Policy(db.getKey(), rp.getKey(), d, rp.getKey().equals(def)));
            }
        }
        return new Result(policies, findings);
    }

    /** The longest standard duration consistent with the shards, else the shortest consistent number of hours. */
    static Duration shardDuration(List<Shard> shards) {
        List<Shard> withPoints = shards.stream().filter(s -> s.minNanos() != null && s.maxNanos() != null).toList();
        if (withPoints.isEmpty()) {
            return STANDARD.get(0);
        }
        for (Duration d : STANDARD) {
            if (consistent(withPoints, d)) {
                return d;
            }
        }
        for (long h = 1; h <= MAX_HOURS; h++) {
            if (consistent(withPoints, Duration.ofHours(h))) {
                return Duration.ofHours(h);
            }
        }
        return STANDARD.get(0);
    }

    /**
     * Each shard within one aligned group, no two shards in the same one. influxd starts a group at the point's time
     * truncated by Go's {@code Time.Truncate}, which counts from Go's zero time (0001-01-01, a Monday), not from the
     * Unix epoch (a Thursday): 7-day groups start on Mondays.
     */
    static boolean consistent(List<Shard> shards, Duration d) {
        long n = d.toNanos();
        long offset = Math.floorMod(GO_ZERO_TO_EPOCH_SECONDS, d.getSeconds()) * 1_000_000_000L;
        Set<Long> groups = new HashSet<>();
        for (Shard s : shards) {
            long g = Math.floorDiv(s.minNanos() + offset, n);
            if (g != Math.floorDiv(s.maxNanos() + offset, n) || !groups.add(g)) {
                return false;
            }
        }
        return true;
    }

    static String describe(Duration d) {
        if (d.toDays() * 24 == d.toHours() && d.toDays() > 0) {
            return d.toDays() + "d";
        }
        return d.toHours() + "h";
    }

    /** The tree as the builder of {@link #infer} wants it, in the given order. */
    static Map<String, Map<String, List<Shard>>> tree() {
        return new LinkedHashMap<>();
    }
}
