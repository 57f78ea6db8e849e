package io.dbrecover.influx;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.influx.model.Damage;
import io.dbrecover.influx.model.VerifiedFile;
import io.dbrecover.influx.model.VerifyReport;
import io.dbrecover.influx.tsm.TsmVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * TSM files checked without a server and without writing anything: the library call behind
 * {@code dbrecover influx verify}. Unlike {@code influx_inspect verify}, damage is returned (and makes the command
 * exit 4), each with its file, byte offset and series key.
 *
 * <pre>{@code
 * VerifyReport r = InfluxVerify.verify(Path.of("/var/lib/influxdb/data"), false);
 * r.damage().forEach(d -> System.out.println(d.describe()));
 * }</pre>
 *
 * <p>Checked: each file's header and footer, its index (keys strictly ascending, known types, blocks with min &le;
 * max, in time order, not overlapping, inside the block region), every block's CRC32, the tombstone file beside it;
 * with {@code deep}, every block decoded (its type that of the index, timestamps ascending within the index's
 * range). Memory stays flat whatever the size of the files.
 */
public final class InfluxVerify {
    private InfluxVerify() {
    }

    /**
     * Verifies a {@code .tsm} file, or every {@code .tsm} file under a directory (a shard, a database, a whole data
     * directory; searched recursively, links not followed).
     *
     * @param path a file or directory
     * @param deep decode every block as well as checking its CRC
     * @throws RecoveryException {@code SOURCE_NOT_FOUND} when {@code path} does not exist or holds no {@code .tsm}
     *         file, {@code IO_ERROR} when a file or directory cannot be read; damage is never an exception
     */
    public static VerifyReport verify(Path path, boolean deep) {
        List<Path> files = tsmFiles(path);
        TsmVerifier verifier = new TsmVerifier(deep);
        List<VerifiedFile> checked = new ArrayList<>(files.size());
        List<Damage> damage = new ArrayList<>();
        for (Path f : files) {
            checked.add(verifier.verify(f, damage::add));
        }
        return new VerifyReport(path, deep, checked, damage);
    }

    private static List<Path> tsmFiles(Path path) {
        if (!Files.exists(path)) {
            throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "path not found: " + path).path(path)
                    .hint("give a .tsm file, a shard directory or an InfluxDB data directory").build();
        }
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> s = Files.walk(path)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(".tsm") && Files.isRegularFile(p))
                    .sorted().toList();
            if (files.isEmpty()) {
                throw RecoveryException.of(ErrorCode.SOURCE_NOT_FOUND, "no .tsm file under " + path).path(path)
                        .hint("TSM files lie in data/<database>/<retention policy>/<shard>/ of a data directory")
                        .build();
            }
            return files;
        } catch (IOException | UncheckedIOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot list " + path + ": " + e.getMessage()).path(path)
                    .cause(e).build();
        }
    }
}
