package io.dbrecover.influx.export;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.workspace.FileReplacement;
import io.dbrecover.core.workspace.OutputFiles;
import io.dbrecover.influx.http.InfluxQl;
import io.dbrecover.influx.model.Damage;
import io.dbrecover.influx.model.DataLayout;
import io.dbrecover.influx.model.DatabaseCounts;
import io.dbrecover.influx.model.ExportResult;
import io.dbrecover.influx.model.ShardFiles;
import io.dbrecover.influx.shard.CountCollector;
import io.dbrecover.influx.shard.SeriesKeys;
import io.dbrecover.influx.shard.ShardReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the shards of a data directory as line protocol: first the DDL ({@code CREATE DATABASE db WITH NAME rp}
 * per retention policy exported), then per retention policy {@code # CONTEXT-DATABASE:} and
 * {@code # CONTEXT-RETENTION-POLICY:} and its values, shard by shard, key by key (see {@link LineProtocolWriter}),
 * the format {@code influx_inspect export} writes and {@code influx -import} loads.
 *
 * <p>The file is written through {@link OutputFiles} outside the data, WAL and meta directories, under
 * {@code <out>.partial} until it is complete, then renamed: an interrupted export never leaves a file that looks
 * whole.
 */
public final class Exporter {
    private Exporter() {
    }

    /**
     * Exports.
     *
     * @param layout          the scanned data directory
     * @param database        only this database, or {@code null} for all
     * @param retentionPolicy only this retention policy, or {@code null} for all
     * @param start           the first timestamp exported (nanoseconds)
     * @param end             the last timestamp exported
     * @param out             the file to write
     * @param gzip            whether to gzip it
     */
    public static ExportResult export(DataLayout layout, String database, String retentionPolicy, long start, long end,
                                      Path out, boolean gzip) {
        List<Path> sources = new ArrayList<>();
        sources.add(layout.dataDir());
        if (layout.walDir() != null) {
            sources.add(layout.walDir());
        }
        if (layout.metaDir() != null) {
            sources.add(layout.metaDir());
        }
        OutputFiles files = OutputFiles.outside(sources);
        Map<String, List<ShardFiles>> groups = new TreeMap<>();
        for (ShardFiles s : layout.shards()) {
            if ((database == null || database.equals(s.database()))
                    && (retentionPolicy == null || retentionPolicy.equals(s.retentionPolicy()))) {
                groups.computeIfAbsent(s.database() + "\u0000" + s.retentionPolicy(), k -> new ArrayList<>()).add(s);
            }
        }
        if (groups.isEmpty()) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "no shard of " + (database == null ? "any database"
                    : "database " + database) + (retentionPolicy == null ? "" : ", retention policy "
                    + retentionPolicy) + " under " + layout.dataDir()).path(layout.dataDir())
                    .hint("influx inspect lists the databases and retention policies found").build();
        }
        List<Damage> damage = new ArrayList<>();
        List<Finding> findings = new ArrayList<>(layout.findings());
        Map<String, Long> lines = new LinkedHashMap<>();
        List<DatabaseCounts> counts = new ArrayList<>();
        MessageDigest sha = sha256();
        try (FileReplacement replacement = files.replacing(out)) {
            long total;
            try (OutputStream raw = new KeepOpen(replacement.stream());
                 DigestOutputStream digest = new DigestOutputStream(new BufferedOutputStream(raw, 1 << 16), sha);
                 OutputStream o = gzip ? new GZIPOutputStream(digest, 1 << 16) : digest) {
                LineProtocolWriter w = new LineProtocolWriter(o);
                w.textLine("# DDL");
                for (String ddl : ddl(groups)) {
                    w.textLine(ddl);
                }
                w.textLine("# DML");
                for (List<ShardFiles> g : groups.values()) {
                    ShardFiles first = g.get(0);
                    w.textLine("# CONTEXT-DATABASE:" + first.database());
                    w.textLine("# CONTEXT-RETENTION-POLICY:" + first.retentionPolicy());
                    long before = w.lines();
                    CountCollector counter = new CountCollector(first.database(), first.retentionPolicy());
                    for (ShardFiles s : g) {
                        exportShard(s, start, end, w, counter, damage, findings);
                    }
                    lines.put(first.database() + "/" + first.retentionPolicy(), w.lines() - before);
                    counts.add(counter.counts());
                }
                w.flush();
                total = w.bytes();
                if (w.lineBreaks() > 0) {
                    findings.add(Finding.info("STRING_WITH_LINE_BREAK", w.lineBreaks() + " string values hold a "
                            + "line break, written as they are: influxd's /write loads them, but line-by-line "
                            + "loaders such as influx -import split those lines and refuse them"));
                }
                if (w.nonFinite() > 0) {
                    findings.add(Finding.warning("NON_FINITE_FLOAT", w.nonFinite() + " float values are NaN or "
                            + "infinite, which line protocol cannot hold: they are not in the export", null));
                }
            }
            replacement.commit();
            return new ExportResult(out.toAbsolutePath(), gzip, HexFormat.of().formatHex(sha.digest()),
                    gzip ? java.nio.file.Files.size(out) : total, lines, counts, damage, findings);
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot write " + out + ": " + e.getMessage()).path(out)
                    .cause(e).build();
        }
    }

    /**
     * Per database {@code CREATE DATABASE db WITH NAME rp} once (with {@code autogen} when it is among the policies
     * exported, else the first by name: it becomes the default), then {@code CREATE RETENTION POLICY rp ON db
     * DURATION 0s REPLICATION 1} for each other policy. {@code influx_inspect export} writes {@code CREATE DATABASE}
     * for every policy, which influxd refuses for the second ("retention policy conflicts with an existing policy"),
     * so the points of that policy do not load. The files do not hold a policy's duration (meta.db does): 0s
     * (infinite) keeps every point loaded; set the real duration afterwards.
     */
    static List<String> ddl(Map<String, List<ShardFiles>> groups) {
        Map<String, List<String>> policies = new TreeMap<>();
        for (List<ShardFiles> g : groups.values()) {
            policies.computeIfAbsent(g.get(0).database(), k -> new ArrayList<>()).add(g.get(0).retentionPolicy());
        }
        List<String> out = new ArrayList<>();
        policies.forEach((db, rps) -> {
            String first = rps.contains("autogen") ? "autogen" : rps.get(0);
            out.add("CREATE DATABASE " + InfluxQl.identifier(db) + " WITH NAME " + InfluxQl.identifier(first));
            for (String rp : rps) {
                if (!rp.equals(first)) {
                    out.add("CREATE RETENTION POLICY " + InfluxQl.identifier(rp) + " ON " + InfluxQl.identifier(db)
                            + " DURATION 0s REPLICATION 1");
                }
            }
        });
        return out;
    }

    private static void exportShard(ShardFiles s, long start, long end, LineProtocolWriter w, CountCollector counter,
                                    List<Damage> damage, List<Finding> findings) throws IOException {
        if (s.walOnly()) {
            findings.add(Finding.info("WAL_ONLY_SHARD", "shard " + s.database() + "/" + s.retentionPolicy() + "/"
                    + s.id() + " exists only in the WAL: its points are exported from the WAL"));
        }
        try (ShardReader r = ShardReader.open(s)) {
            IOException[] failed = new IOException[1];
            r.read(start, end, (key, values) -> {
                if (failed[0] != null) {
                    return;
                }
                int sep = SeriesKeys.separator(key);
                if (sep <= 0 || sep + SeriesKeys.FIELD_SEPARATOR.length() == key.length()) {
                    // no line protocol line can hold it; influxd never writes such a key
                    damage.add(new Damage(s.dataDir() == null ? s.walDir() : s.dataDir(), -1, SeriesKeys.text(key),
                            "key without a series or a field (no " + SeriesKeys.FIELD_SEPARATOR + "): its "
                                    + values.size() + " values are not exported"));
                    return;
                }
                String series = key.substring(0, sep);
                String field = key.substring(sep + SeriesKeys.FIELD_SEPARATOR.length());
                try {
                    w.values(series, field, values);
                } catch (IOException e) {
                    failed[0] = e;
                }
                counter.key(key, values);
            });
            counter.endShard();
            if (failed[0] != null) {
                throw failed[0];
            }
            damage.addAll(r.damage());
        }
    }

    /** The replacement's stream, which its commit syncs and closes itself: closing here only flushes. */
    private static final class KeepOpen extends java.io.FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
