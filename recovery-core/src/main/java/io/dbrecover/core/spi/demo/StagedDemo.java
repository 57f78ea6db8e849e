package io.dbrecover.core.spi.demo;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.DemoContext;
import io.dbrecover.core.spi.DemoScenario;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The shape of every engine's demo, which the engine fills in: data staged in a throwaway server under
 * {@code <baseDir>/disaster} (the engine writes it and takes the proof), the server stopped cleanly, the disaster
 * made of what it left (by default its data directory as it is: a cold copy, as found on the disk of a stopped
 * host), then a recovery through a plan that is verified against the proof. The recovery runs while the stopped
 * server's files are still there; they go with the server unless the engine {@linkplain #keepStagedFiles() keeps
 * them} for {@code dbrecover demo --keep} to leave them to look at.
 *
 * @param <S> the engine's server type
 * @param <P> the proof taken before the disaster
 */
public abstract class StagedDemo<S extends ManagedServer, P> implements DemoScenario {
    private final String engine;
    private final String name;
    private final String description;

    /**
     * @param engine      the engine id, for the reports
     * @param name        the scenario's name, e.g. {@code postgres-cold-copy}
     * @param description one line saying what it stages and recovers
     */
    protected StagedDemo(String engine, String name, String description) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
    }

    /** Makes a (not yet started) server of the engine; {@code BINARY_NOT_FOUND} when it cannot run here. */
    protected abstract S server(ServerOptions options);

    /** Writes the demo's data into the started server and returns the proof of what it holds. */
    protected abstract P stage(S server) throws Exception;

    /**
     * The disaster, made of what the stopped server left: by default its data directory as it is. Runs while the
     * stopped server's files are still there.
     */
    protected Path disaster(Path stoppedDataDir, DemoContext context) {
        return stoppedDataDir;
    }

    /** Whether the staging server's files stay until the demo's directory goes; by default they go with it. */
    protected boolean keepStagedFiles() {
        return false;
    }

    /** Recovers from the disaster and returns the report, whose verifications compare with the proof. */
    protected abstract RecoveryReport recover(DemoContext context, Path disaster, P proof);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    /** The engine id, for the reports. */
    protected final String engine() {
        return engine;
    }

    @Override
    public final RecoveryReport run(DemoContext context) {
        ServerOptions staging = derive(context.serverOptions(), context.baseDir().resolve("disaster"), null)
                .toBuilder().keepFiles(keepStagedFiles()).build();
        try (S original = server(staging)) {
            original.start();
            P proof;
            try {
                proof = stage(original);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw RecoveryException.of(ErrorCode.INTERNAL, "cannot stage the demo data: " + e.getMessage())
                        .cause(e).build();
            }
            // a clean shutdown: what is left is a cold data directory, as on a disk of a stopped host
            original.stop();
            return recover(context, disaster(original.info().dataDir(), context), proof);
        }
    }

    /** The demo's server options with another base directory and data directory, everything else kept. */
    public static ServerOptions derive(ServerOptions base, Path baseDir, Path dataDir) {
        return base.toBuilder().baseDir(baseDir).dataDir(dataDir).build();
    }
}
