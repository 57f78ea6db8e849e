package io.dbrecover.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The InfluxDB 1.x commands. */
@Command(name = "influx", mixinStandardHelpOptions = true, description = "InfluxDB 1.x: throwaway servers and recovery.",
        subcommands = InfluxCommand.Server.class)
public final class InfluxCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code influx server}: a throwaway InfluxDB 1.x server. */
    @Command(name = "server", mixinStandardHelpOptions = true,
            description = "Start a throwaway InfluxDB 1.x server on 127.0.0.1 and keep it until Ctrl-C.")
    static final class Server extends ServerCommandSupport {
        @Override
        String engineId() {
            return "influx";
        }
    }
}
