package io.dbrecover.cli;

import io.dbrecover.core.spi.Capability;
import io.dbrecover.core.spi.Engine;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The commands of one loaded engine, named by its id: {@code server} when it has throwaway servers; the commands
 * of its own facades (e.g. {@code mysql ddl}) are added by {@link CommandTree}. Alone it prints its help.
 */
@Command(mixinStandardHelpOptions = true)
final class EngineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** The engine's command without subcommands. */
    static CommandLine of(Engine engine) {
        CommandLine cl = new CommandLine(new EngineCommand());
        cl.getCommandSpec().name(engine.id());
        cl.getCommandSpec().usageMessage().description(engine.displayName() + ": throwaway servers and recovery.");
        return cl;
    }

    /** Whether the engine gets a {@code server} subcommand. */
    static boolean serves(Engine engine) {
        return engine.capabilities().contains(Capability.THROWAWAY_SERVER) && engine.servers().isPresent();
    }
}
