package io.dbrecover.cli;

import io.dbrecover.core.spi.Capability;
import io.dbrecover.core.spi.Engine;
import io.dbrecover.core.spi.Engines;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Lists the engine modules on the class path and what each can do. */
@Command(name = "engines", mixinStandardHelpOptions = true,
        description = "List the engines dbrecover has loaded and their capabilities.")
public final class EnginesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (Engine e : Engines.all()) {
            out.printf("%-9s %-18s %s%n", e.id(), e.displayName(),
                    e.capabilities().stream().map(Capability::name).sorted().collect(Collectors.joining(", ")));
        }
        return 0;
    }
}
