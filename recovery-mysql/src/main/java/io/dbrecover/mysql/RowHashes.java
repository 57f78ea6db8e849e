package io.dbrecover.mysql;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.verify.RowHash;
import io.dbrecover.mysql.verify.RowHashLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Row hashes as a text file, one table a line: {@code db.table<TAB>rows<TAB>sha256}. The form {@code --expect}
 * reads, so that hashes taken before a disaster (or on another copy) can be checked by a recovery.
 */
public final class RowHashes {
    private RowHashes() {
    }

    /** Reads a file of row hashes; blank lines and lines starting with {@code #} are skipped. */
    public static Map<String, RowHash> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw RecoveryException.of(ErrorCode.USAGE, file + ": no such file").path(file).build();
        }
        Map<String, RowHash> out = new LinkedHashMap<>();
        int n = 0;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 3 || !f[0].contains(".") || !f[1].matches("\\d{1,18}")
                        || !f[2].matches("[0-9a-f]{64}")) {
                    throw RecoveryException.of(ErrorCode.USAGE, file + " line " + n + ": expected "
                            + "db.table<TAB>rows<TAB>sha256, got: " + line).path(file).build();
                }
                out.put(f[0], new RowHash(Long.parseLong(f[1]), f[2]));
            }
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, file + ": cannot read: " + e.getMessage()).path(file)
                    .cause(e).build();
        }
        return out;
    }

    /** The file text for these hashes. */
    public static String format(Map<String, RowHash> hashes) {
        return RowHashLines.format(hashes);
    }
}
