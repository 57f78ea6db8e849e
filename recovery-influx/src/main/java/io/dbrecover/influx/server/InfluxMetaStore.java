package io.dbrecover.influx.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.workspace.OutputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users of a server directory's meta store, out of it while a throwaway server runs: InfluxDB lets the first
 * admin be made without logging in only while its meta store has no users. A copy of the original file stays next
 * to it as {@value #SAVED_META} while the server runs; every other change the server makes to the meta store is
 * kept when the users go back in.
 */
final class InfluxMetaStore {
    /** The copy of an existing meta store kept while its users are out of it. */
    static final String SAVED_META = "meta.db.dbrecover-saved";
    private static final Logger LOG = LoggerFactory.getLogger(InfluxMetaStore.class);

    private final Path meta;
    private byte[] savedUsers;
    /** Between {@link #takeUsersOut()} and {@link #putUsersBack()}: a server may be using the store. */
    private boolean serving;

    InfluxMetaStore(Path meta) {
        this.meta = meta;
    }

    /** Takes the users out of the meta store, keeping the original file next to it. */
    void takeUsersOut() {
        serving = true;
        if (!Files.isRegularFile(meta)) {
            return;
        }
        try {
            byte[] original = Files.readAllBytes(meta);
            InfluxMetaUsers.Split split = InfluxMetaUsers.split(original, meta);
            if (split.count() == 0) {
                return;
            }
            Path saved = meta.resolveSibling(SAVED_META);
            if (Files.exists(saved)) {
                // left by a run that ended without putting the users back: that file is the true original
                InfluxMetaUsers.Split savedSplit = InfluxMetaUsers.split(Files.readAllBytes(saved), saved);
                savedUsers = savedSplit.users();
            } else {
                OutputFiles.withoutSources().copyNew(meta, saved);
                savedUsers = split.users();
            }
            // in place, so that the file keeps its owner and mode
            OutputFiles.withoutSources().overwrite(meta, split.withoutUsers());
            LOG.info("took the {} user(s) out of {} while the throwaway server runs (they come back at stop)",
                    split.count(), meta);
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, "cannot rewrite " + meta + ": " + e.getMessage())
                    .path(meta).cause(e).build();
        }
    }

    /**
     * Puts the original users back into the meta store, without the admin the server made; once. From a meta store
     * that had no users (or none yet: a new server directory) only that admin is removed: it must not stay behind,
     * with a password nobody knows, in a directory that outlives the server, e.g. the result of a rebuild.
     */
    void putUsersBack() {
        if (!serving) {
            return;
        }
        serving = false;
        if (savedUsers == null) {
            dropThrowawayAdmin();
            return;
        }
        try {
            InfluxMetaUsers.Split now = InfluxMetaUsers.split(Files.readAllBytes(meta), meta);
            OutputFiles.withoutSources().overwrite(meta, now.withUsers(savedUsers));
            Files.deleteIfExists(meta.resolveSibling(SAVED_META));
            savedUsers = null;
        } catch (IOException | RecoveryException e) {
            LOG.warn("could not put the users back into {}: {}; the original is {}", meta, e.getMessage(),
                    meta.resolveSibling(SAVED_META));
        }
    }

    private void dropThrowawayAdmin() {
        if (!Files.isRegularFile(meta)) {
            return;
        }
        try {
            byte[] without = InfluxMetaUsers.withoutUser(Files.readAllBytes(meta), InfluxServer.ADMIN, meta);
            if (without != null) {
                OutputFiles.withoutSources().overwrite(meta, without);
                LOG.info("removed the throwaway server's admin from {}, which had no users before", meta);
            }
        } catch (IOException | RecoveryException e) {
            LOG.warn("could not remove the throwaway server's admin from {}: {}", meta, e.getMessage());
        }
    }
}
