package io.dbrecover.influx.rebuild;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.process.ProcessResult;
import io.dbrecover.core.process.ProcessRunner;
import io.dbrecover.core.process.ProcessSpec;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's own index builder: {@code influx_inspect buildtsi -datadir D -waldir W} (InfluxDB 1.x) or
 * {@code influxd inspect build-tsi --data-path D --wal-path W} (2.x), found as the request names it, else through
 * {@value #ENV}, else on PATH ({@code influx_inspect} only: a 2.x {@code influxd} on PATH builds 2.x directories).
 *
 * <p>Both load each shard's WAL into a cache bounded by {@code max-cache-size} (1 GiB by default) and fail on a
 * larger one, so the limit is raised to fit the largest WAL. As root, 1.8's {@code buildtsi} asks "Are you sure you
 * want to continue? (y/N)" on standard input and aborts on anything but yes; 2.x asks only on a terminal. The
 * rebuild runs the tool as the data's owner, where neither asks; when it must run as root (no such user) the answer
 * is fed as {@code y} on standard input and the ownership is fixed afterwards, as the question warns.
 *
 * @param program the tool
 * @param version which of the two command lines it takes
 */
record InspectTool(Path program, Version version) {
    /** The environment variable naming the tool (same as {@code RebuildRequest.INSPECT_ENV}). */
    static final String ENV = "DBRECOVER_INFLUX_INSPECT";
    /** The 1.x tool's file name. */
    static final String INSPECT_1X = "influx_inspect";
    /** The default cache limit of both tools (tsdb.DefaultCacheMaxMemorySize). */
    static final long DEFAULT_MAX_CACHE = 1L << 30;
    /** A WAL's entries are Snappy-compressed; the cache holds them decoded, with per-value overhead. */
    static final int WAL_EXPANSION = 8;

    /** Which command line the tool takes. */
    enum Version {
        /** {@code influx_inspect buildtsi -datadir -waldir -max-cache-size}. */
        V1,
        /** {@code influxd inspect build-tsi --data-path --wal-path --max-cache-size}. */
        V2
    }

    /**
     * Finds the tool.
     *
     * @param explicit the tool the request names, or {@code null}
     * @param env      the environment ({@value #ENV}, {@code PATH})
     * @param runner   runs {@code influxd version} to tell a 2.x {@code influxd} from a 1.x one
     * @return the tool, or empty when none is found (and none was named)
     * @throws RecoveryException {@code BINARY_NOT_FOUND} when a named tool is not an executable file, or is an
     *                           {@code influxd} of 1.x (which has no index builder)
     */
    static Optional<InspectTool> find(Path explicit, Map<String, String> env, ProcessRunner runner) {
        if (explicit != null) {
            return Optional.of(named(explicit, "RebuildRequest.inspectTool", runner));
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(named(Path.of(fromEnv), "$" + ENV, runner));
        }
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir).resolve(INSPECT_1X);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(new InspectTool(p.toAbsolutePath(), Version.V1));
                }
            }
        }
        return Optional.empty();
    }

    private static InspectTool named(Path tool, String by, ProcessRunner runner) {
        if (!Files.isRegularFile(tool) || !Files.isExecutable(tool)) {
            throw RecoveryException.of(ErrorCode.BINARY_NOT_FOUND, by + " names " + tool
                            + ", which is not an executable file").path(tool)
                    .hint("name influx_inspect (InfluxDB 1.x) or influxd (2.x), or leave it unset to use replay")
                    .build();
        }
        String name = tool.getFileName().toString();
        if (name.startsWith("influxd")) {
            ProcessResult r = runner.run(ProcessSpec.of(tool.toString(), "version").cleanEnvironment(true)
                    .timeout(Duration.ofSeconds(30)).okExitCodes(0, 1, 2).build());
            if (!r.output().matches("(?s).*\\bv?2\\.[0-9].*")) {
                throw RecoveryException.of(ErrorCode.BINARY_NOT_FOUND, by + " names " + tool + ", an influxd that "
                                + "is not InfluxDB 2.x (" + r.output().strip() + "); 1.x's index builder is "
                                + "influx_inspect").path(tool)
                        .hint("name influx_inspect, or use the replay strategy").build();
            }
            return new InspectTool(tool.toAbsolutePath(), Version.V2);
        }
        return new InspectTool(tool.toAbsolutePath(), Version.V1);
    }

    /**
     * The command line that builds the TSI index of every shard under {@code dataDir}.
     *
     * @param largestWalBytes the size of the largest shard's WAL files, to size the cache
     */
    List<String> command(Path dataDir, Path walDir, long largestWalBytes) {
        long cache = maxCacheSize(largestWalBytes);
        List<String> cmd = new ArrayList<>();
        cmd.add(program.toString());
        if (version == Version.V1) {
            cmd.addAll(List.of("buildtsi", "-datadir", dataDir.toString(), "-waldir", walDir.toString(),
                    "-max-cache-size", Long.toString(cache)));
        } else {
            cmd.addAll(List.of("inspect", "build-tsi", "--data-path", dataDir.toString(), "--wal-path",
                    walDir.toString(), "--max-cache-size", Long.toString(cache)));
        }
        return cmd;
    }

    /**
     * What to feed the tool's standard input: {@code y} to 1.x's question when it runs as root, nothing otherwise
     * (an unexpected question then reads end-of-file and the tool aborts, which fails the step).
     */
    byte[] answer(boolean asRoot) {
        return asRoot && version == Version.V1 ? "y\n".getBytes(StandardCharsets.US_ASCII) : new byte[0];
    }

    /**
     * The tool failed although it exited 0: 1.x's {@code buildtsi} prints its usage and exits 0 on missing
     * arguments, and prints "operation aborted" when its question was not answered yes.
     */
    static Optional<String> failure(String output) {
        if (output.contains("operation aborted")) {
            return Optional.of("it aborted at its question whether to run as root");
        }
        if (output.contains("Usage of buildtsi") || output.contains("Usage: influx_inspect")) {
            return Optional.of("it printed its usage instead of building (an argument it did not take)");
        }
        return Optional.empty();
    }

    /** At least the default, and room for the largest WAL decoded. */
    static long maxCacheSize(long largestWalBytes) {
        long need = largestWalBytes > Long.MAX_VALUE / WAL_EXPANSION ? Long.MAX_VALUE
                : largestWalBytes * WAL_EXPANSION;
        return Math.max(DEFAULT_MAX_CACHE, need);
    }
}
