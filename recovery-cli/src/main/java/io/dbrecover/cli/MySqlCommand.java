package io.dbrecover.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The MariaDB / MySQL commands. Its subcommands are added by {@link CommandTree}. */
@Command(name = "mysql", mixinStandardHelpOptions = true, description = "MariaDB / MySQL: throwaway servers and recovery.")
public final class MySqlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code mysql server}: a throwaway MariaDB / MySQL server. */
    @Command(name = "server", mixinStandardHelpOptions = true,
            description = "Start a throwaway MariaDB / MySQL server on 127.0.0.1 and keep it until Ctrl-C.")
    static final class Server extends ServerCommandSupport {
        @Override
        String engineId() {
            return "mysql";
        }
    }
}
