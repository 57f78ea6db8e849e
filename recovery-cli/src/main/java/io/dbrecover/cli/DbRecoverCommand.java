package io.dbrecover.cli;

import io.dbrecover.core.Version;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: prints help when called alone. Its subcommands are added by {@link CommandTree}. */
@Command(name = "dbrecover",
        mixinStandardHelpOptions = true,
        versionProvider = DbRecoverCommand.VersionProvider.class,
        description = "Gets databases back after a disaster: MariaDB/MySQL, PostgreSQL, InfluxDB. "
            + "Sources are only ever read; work happens on copies in a work dir, and every recovery ends with a proof.",
        footer = {"", "Exit codes: 0 done and verified, 1 internal error, 2 usage error, 3 partial,",
            "4 verification failed or damage found, 5 environment problem (a binary or permission missing)."})
public final class DbRecoverCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @CommandLine.Mixin
    GlobalOptions global;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Reads the version from the build. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"dbrecover " + Version.current(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
