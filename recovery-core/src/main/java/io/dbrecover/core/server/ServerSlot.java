package io.dbrecover.core.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;

/**
 * Holds the throwaway server one plan step starts and later steps use, and closes it when the run ends however it
 * ends (use it in try-with-resources around {@code RecoveryRun.execute}). The step that fills it should be
 * {@code Step.rerunOnResume}, so a resumed run starts the server again.
 *
 * @param <S> the server type
 */
public final class ServerSlot<S extends ManagedServer> implements AutoCloseable {
    private S server;

    /** Puts a started server in the slot, closing any earlier one. */
    public synchronized void set(S value) {
        if (server != null && server != value) {
            server.close();
        }
        server = value;
    }

    /** The server a step started in this run. */
    public synchronized S running() {
        if (server == null) {
            throw new RecoveryException(ErrorCode.INTERNAL, "the throwaway server was not started in this run");
        }
        return server;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
        }
    }
}
