package io.dbrecover.core.server;

/**
 * A throwaway database server that dbrecover starts for a recovery or a test: on 127.0.0.1, on a free port, in a
 * temporary directory, admitting only one account whose password is made at random for this start (see
 * {@link Endpoint}), ready only when a real query answers. {@link #close()} stops it (SIGTERM, then SIGKILL of
 * the process and its children) and removes its temporary directory; closing twice is harmless, a JVM that
 * exits stops every server it started, and one killed with SIGKILL has them killed by its
 * {@link io.dbrecover.core.process.Watchdog}.
 *
 * <p>Implementations exist per engine and per origin (system binaries, embedded binaries, containers); callers
 * see only this interface and {@link Endpoint}.
 */
public interface ManagedServer extends AutoCloseable {
    /** The engine id, e.g. {@code mysql}. */
    String engine();

    /** Starts the server and waits until a real query succeeds. Calling it on a running server does nothing. */
    void start();

    /** Whether the server process is running. */
    boolean isRunning();

    /** What was started. Only valid after {@link #start()}. */
    ServerInfo info();

    /** How to connect. Only valid after {@link #start()}. */
    Endpoint endpoint();

    /** Stops the server but keeps its files (so a data directory can be inspected or copied). Idempotent. */
    void stop();

    /** Stops the server and removes its temporary files (unless kept by the options). Idempotent. */
    @Override
    void close();
}
