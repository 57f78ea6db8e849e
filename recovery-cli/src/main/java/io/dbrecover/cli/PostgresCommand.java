package io.dbrecover.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The PostgreSQL commands. */
@Command(name = "postgres", mixinStandardHelpOptions = true, description = "PostgreSQL: throwaway servers and recovery.",
        subcommands = PostgresCommand.Server.class)
public final class PostgresCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code postgres server}: a throwaway PostgreSQL server. */
    @Command(name = "server", mixinStandardHelpOptions = true,
            description = "Start a throwaway PostgreSQL server on 127.0.0.1 and keep it until Ctrl-C.")
    static final class Server extends ServerCommandSupport {
        @Override
        String engineId() {
            return "postgres";
        }
    }
}
