package io.dbrecover.influx.rebuild;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which index each shard was opened with, read from influxd's start-up log: influxd 1.6+ logs
 * {@code msg="Opened shard" ... index_version=tsi1 path=/…/data/<db>/<rp>/<id>} for each shard it opened, and
 * {@code msg="Failed to open shard"} for one it could not (it then answers queries as if the shard were empty).
 * A shard of the rebuilt directory must be opened with {@code tsi1}: one opened with {@code inmem} would be
 * indexed in memory at every start, and one not opened at all is lost to queries.
 */
final class ShardOpenings {
    private static final Pattern OPENED = Pattern.compile("msg=\"?Opened shard\"?.*?\\bindex_version=(\\S+).*?\\bpath="
            + "(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)");
    private static final Pattern FAILED = Pattern.compile("msg=\"?Failed to open shard\"?.*?\\bpath="
            + "(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)");

    /**
     * How one shard fared.
     *
     * @param shard        the shard directory
     * @param indexVersion {@code tsi1}, {@code inmem}, or {@code null} when no line said it was opened
     * @param failure      influxd's line saying it could not open it, or {@code null}
     */
    record Opening(Path shard, String indexVersion, String failure) {
        boolean ok() {
            return "tsi1".equals(indexVersion) && failure == null;
        }

        String describe() {
            if (failure != null) {
                return "influxd could not open it: " + failure;
            }
            if (indexVersion == null) {
                return "influxd did not log that it opened it";
            }
            return "opened with the " + indexVersion + " index" + ("tsi1".equals(indexVersion) ? ""
                    : ", not tsi1");
        }
    }

    private ShardOpenings() {
    }

    /** The opening of each expected shard directory, in their order. */
    static List<Opening> of(List<Path> shards, List<String> log) {
        Map<Path, String> versions = new LinkedHashMap<>();
        Map<Path, String> failures = new LinkedHashMap<>();
        for (String line : log) {
            Matcher m = OPENED.matcher(line);
            if (m.find()) {
                versions.put(path(m.group(2)), m.group(1));
                continue;
            }
            Matcher f = FAILED.matcher(line);
            if (f.find()) {
                failures.put(path(f.group(1)), line);
            }
        }
        List<Opening> out = new ArrayList<>();
        for (Path s : shards) {
            Path n = s.toAbsolutePath().normalize();
            out.add(new Opening(s, versions.get(n), failures.get(n)));
        }
        return out;
    }

    private static Path path(String raw) {
        String p = raw.startsWith("\"") ? raw.substring(1, raw.length() - 1).replace("\\\"", "\"")
                .replace("\\\\", "\\") : raw;
        return Path.of(p).toAbsolutePath().normalize();
    }
}
