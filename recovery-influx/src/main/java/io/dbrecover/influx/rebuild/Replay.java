package io.dbrecover.influx.rebuild;

import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.ToolVersion;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.workspace.OutputFiles;
import io.dbrecover.influx.http.InfluxHttp;
import io.dbrecover.influx.http.InfluxQl;
import io.dbrecover.influx.http.Series;
import io.dbrecover.influx.server.InfluxBinaries;
import io.dbrecover.influx.server.InfluxServer;
import io.dbrecover.influx.server.InfluxServerProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code replay} strategy: a throwaway influxd with {@code index-version = "tsi1"} on the fresh directory
 * {@code out}, its databases and retention policies made, and every point read from the files written into it over
 * HTTP in batches of line protocol, shard by shard into the shard's own retention policy; then it is stopped, and
 * {@code out} holds {@code meta/}, {@code data/} (with fresh {@code index/} and {@code _series}) and {@code wal/}.
 *
 * <p>With the original {@code meta.db}, the server starts on a copy of it: databases, retention policies (names,
 * shard-group durations, the default), users and continuous queries stay, and since its shard groups are there
 * too, influxd writes each point into the shard of the original id (it creates a shard its meta store names but its
 * disk lacks). A retention policy with a finite duration would refuse points older than it, so it is made infinite
 * while the points are written and set back before the server stops. Without {@code meta.db}, they are made from
 * the directory tree ({@link TreeMeta}).
 *
 * <p>The points go through our own HTTP client ({@link InfluxHttp}), not influxdb-java: the client libraries decode
 * numbers as doubles, and an integer above 2^53 would be written back altered (see recovery-influx/pom.xml).
 */
final class Replay {
    /** Points per HTTP write: influxd's own guidance is 5000 to 10000. */
    static final int BATCH = 5000;

    private final InfluxServerProvider provider;
    private final ServerOptions server;

    Replay(InfluxServerProvider provider, ServerOptions server) {
        this.provider = provider;
        this.server = server;
    }

    /**
     * Writes every point into a fresh server directory at {@code out}.
     *
     * @param metaDir the original meta store's directory (copied first), or {@code null} to make it from the tree
     */
    void run(StepContext ctx, SourceData source, Path metaDir, Path out) {
        OutputFiles files = ctx.workspace().files();
        OutDir.clear(files, out);
        if (metaDir != null) {
            OutDir.copy(files, metaDir, out.resolve("meta"), d -> false);
        } else {
            files.createDirectories(out.resolve("meta"));
        }
        files.createDirectories(out.resolve("data"));
        files.createDirectories(out.resolve("wal"));
        // no limit may refuse points the original server took: its limits are unknown (and it had the points)
        try (InfluxServer s = provider.create(server.toBuilder().dataDir(out).setting("data.max-series-per-database",
                "0").setting("data.max-values-per-tag", "0").setting("data.cache-max-memory-size", "0").build())) {
            s.start();
            ctx.tool(new ToolVersion(InfluxBinaries.SERVER, String.valueOf(s.info().version()),
                    s.info().binDir().resolve(InfluxBinaries.SERVER).toString(), s.info().origin().label()));
            InfluxHttp http = s.http();
            Map<String, Map<String, String>> finite = schema(ctx, http, source, metaDir != null);
            long values = write(ctx, http, source);
            for (Map.Entry<String, Map<String, String>> db : finite.entrySet()) {
                for (Map.Entry<String, String> rp : db.getValue().entrySet()) {
                    http.query(null, "ALTER RETENTION POLICY " + InfluxQl.identifier(rp.getKey()) + " ON "
                            + InfluxQl.identifier(db.getKey()) + " DURATION " + rp.getValue());
                }
            }
            s.stop();
            ctx.finding(Finding.info("REPLAYED", values + " field values of " + source.shards().size()
                    + " shard(s) written into a fresh influxd with the tsi1 index at " + out));
        }
    }

    /**
     * Makes what the points need: from the copied meta store, the databases and policies it lacks; without one,
     * every database and policy of the tree. Returns the policies made infinite for the writes, with their
     * original durations.
     */
    private static Map<String, Map<String, String>> schema(StepContext ctx, InfluxHttp http, SourceData source,
                                                          boolean fromMeta) {
        Map<String, Set<String>> known = new LinkedHashMap<>();
        Map<String, Map<String, String>> finite = new LinkedHashMap<>();
        for (Series s : http.query(null, "SHOW DATABASES")) {
            s.values().forEach(row -> known.put(String.valueOf(row.get(0)), new LinkedHashSet<>()));
        }
        for (String db : known.keySet()) {
            for (Series s : http.query(null, "SHOW RETENTION POLICIES ON " + InfluxQl.identifier(db))) {
                int name = s.column("name");
                int duration = s.column("duration");
                for (List<Object> row : s.values()) {
                    String rp = String.valueOf(row.get(name));
                    known.get(db).add(rp);
                    String d = String.valueOf(row.get(duration));
                    if (!d.equals("0s")) {
                        finite.computeIfAbsent(db, k -> new LinkedHashMap<>()).put(rp, d);
                    }
                }
            }
        }
        Map<String, Map<String, List<TreeMeta.Shard>>> missing = TreeMeta.tree();
        for (SourceData.Shard sh : source.shards()) {
            if (!known.getOrDefault(sh.database(), Set.of()).contains(sh.retentionPolicy())) {
                missing.computeIfAbsent(sh.database(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(sh.retentionPolicy(), k -> new ArrayList<>())
                        .add(new TreeMeta.Shard(sh.id(), sh.minNanos(), sh.maxNanos()));
            }
        }
        if (!missing.isEmpty()) {
            TreeMeta.Result made = TreeMeta.infer(missing);
            for (Finding f : made.findings()) {
                ctx.finding(fromMeta && f.code().equals("META_RECREATED") ? Finding.warning("META_INCOMPLETE",
                        "meta.db lacks databases or retention policies the data directory has (in " + missing.keySet()
                                + "); they are made from the directory tree", null) : f);
            }
            for (TreeMeta.Policy p : made.policies()) {
                String db = InfluxQl.identifier(p.database());
                if (!known.containsKey(p.database())) {
                    http.createDatabase(p.database());
                    known.put(p.database(), new LinkedHashSet<>(List.of(TreeMeta.AUTOGEN)));
                    if (!missing.get(p.database()).containsKey(TreeMeta.AUTOGEN)) {
                        // CREATE DATABASE made an autogen the tree does not have
                        known.get(p.database()).remove(TreeMeta.AUTOGEN);
                        http.query(null, "CREATE RETENTION POLICY " + InfluxQl.identifier(p.name()) + " ON " + db
                                + " DURATION INF REPLICATION 1 SHARD DURATION " + p.shardDuration().toHours() + "h"
                                + (p.isDefault() ? " DEFAULT" : ""));
                        http.query(null, "DROP RETENTION POLICY " + TreeMeta.AUTOGEN + " ON " + db);
                        known.get(p.database()).add(p.name());
                        continue;
                    }
                }
                if (known.get(p.database()).contains(p.name())) {
                    http.query(null, "ALTER RETENTION POLICY " + InfluxQl.identifier(p.name()) + " ON " + db
                            + " DURATION INF REPLICATION 1 SHARD DURATION " + p.shardDuration().toHours() + "h"
                            + (p.isDefault() ? " DEFAULT" : ""));
                } else {
                    http.query(null, p.create());
                    known.get(p.database()).add(p.name());
                }
            }
        }
        for (Map.Entry<String, Map<String, String>> db : finite.entrySet()) {
            for (String rp : db.getValue().keySet()) {
                http.query(null, "ALTER RETENTION POLICY " + InfluxQl.identifier(rp) + " ON "
                        + InfluxQl.identifier(db.getKey()) + " DURATION INF");
            }
            ctx.finding(Finding.info("RETENTION_SUSPENDED", db.getKey() + ": retention of " + db.getValue().keySet()
                    + " made infinite while the points were written (influxd refuses points older than a policy's "
                    + "duration), then set back to " + db.getValue().values()));
        }
        return finite;
    }

    private static long write(StepContext ctx, InfluxHttp http, SourceData source) {
        long[] total = {0};
        long nonFinite = 0;
        long damagedKeys = 0;
        long damagedValues = 0;
        List<String> examples = new ArrayList<>();
        try (ProgressListener.Task task = ctx.progress().begin("replaying shards", source.shards().size(),
                "shards")) {
            for (SourceData.Shard sh : source.shards()) {
                SourceData.LeftOut left = source.replay(sh, BATCH, (body, lines) -> {
                    http.write(sh.database(), sh.retentionPolicy(), InfluxHttp.Precision.NANOSECONDS, body, lines);
                    total[0] += lines;
                });
                nonFinite += left.nonFinite();
                damagedKeys += left.damagedKeys();
                damagedValues += left.damagedValues();
                left.examples().stream().limit(Math.max(0, 5 - examples.size())).forEach(examples::add);
                task.advance(1);
            }
        }
        if (nonFinite > 0) {
            ctx.finding(Finding.error("NOT_REPLAYABLE", nonFinite + " float values are NaN or infinite, which line "
                    + "protocol cannot carry: they are not in the rebuilt directory", null));
        }
        if (damagedKeys > 0) {
            ctx.finding(Finding.error("NOT_REPLAYABLE_KEY", damagedKeys + " keys without a series or a field "
                    + "(damage: influxd never writes one) hold " + damagedValues + " values that no line protocol line "
                    + "can carry: they are not in the rebuilt directory (e.g. " + String.join(", ", examples) + ")",
                    null));
        }
        return total[0];
    }
}
