package io.dbrecover.postgres.backup;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What verification learns about the cluster from the backup's own small files as they pass. */
final class ClusterFacts {
    /** {@code pg_control_version} of releases 9.6 to 18 lie in this range; anything else is no pg_control. */
    private static final int MIN_CONTROL_VERSION = 900;
    private static final int MAX_CONTROL_VERSION = 2000;

    String pgVersion;
    BackupLabel label;
    Long controlSystemId;
    final List<String> tablespaces = new ArrayList<>();

    /** Takes what it needs from a file's first bytes, by its path in the data directory. */
    void take(String path, byte[] head) {
        if (head == null) {
            return;
        }
        switch (path) {
            case "PG_VERSION" -> {
                String v = new String(head, StandardCharsets.US_ASCII).trim();
                pgVersion = v.matches("[0-9]{1,2}(\\.[0-9])?") ? v : null;
            }
            case "backup_label" -> label = new BackupLabel(new String(head, StandardCharsets.UTF_8));
            case "global/pg_control" -> {
                if (head.length >= 12) {
                    ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
                    int version = b.getInt(8);
                    if (version >= MIN_CONTROL_VERSION && version <= MAX_CONTROL_VERSION) {
                        controlSystemId = b.getLong(0);
                    }
                }
            }
            default -> {
            }
        }
    }

    /** How many first bytes of a file {@link #take} wants (0 for none). */
    static int headWanted(String path) {
        return switch (path) {
            case "PG_VERSION" -> 16;
            case "backup_label" -> BackupLabel.MAX_BYTES;
            case "global/pg_control" -> 16;
            default -> 0;
        };
    }
}
