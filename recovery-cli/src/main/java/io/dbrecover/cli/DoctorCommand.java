package io.dbrecover.cli;

import io.dbrecover.core.Version;
import io.dbrecover.core.report.Json;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.spi.Engine;
import io.dbrecover.core.spi.EngineCheck;
import io.dbrecover.core.spi.Engines;
import io.dbrecover.core.spi.ToolCheck;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Says which engine programs are here, which embedded fallbacks work, and what to install. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check this machine: for each engine, the programs found (path and version), the embedded "
            + "fallbacks usable, and what is missing with the Debian package that provides it. "
            + "Exit 0 when it could look, 5 when no engine can start a server here.")
public final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    /** The JSON document of {@code doctor --json}. */
    record DoctorReport(String dbrecoverVersion, String java, List<EngineCheck> engines, int usableEngines) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<EngineCheck> checks = new ArrayList<>();
        for (Engine e : Engines.all()) {
            checks.add(e.check(ServerOptions.defaults()));
        }
        int usable = (int) checks.stream().filter(EngineCheck::usable).count();
        if (json) {
            out.println(Json.pretty(new DoctorReport(Version.current(), System.getProperty("java.version"), checks,
                    usable)));
        } else {
            out.printf("dbrecover %s on Java %s%n", Version.current(), System.getProperty("java.version"));
            for (EngineCheck c : checks) {
                out.printf("%n%s (%s): %s%n", c.engine(), c.displayName(),
                        c.usable() ? "ready, throwaway servers from " + c.serverOrigin() + " binaries" : "NOT READY");
                for (ToolCheck t : c.tools()) {
                    out.printf("  %-8s %-20s %s%n", t.found() ? "found" : "missing", t.name(),
                            t.found() ? nz(t.path()) + (t.version() == null ? "" : " (" + t.version() + ")")
                                    : t.debianPackage() == null
                                    ? "not in this installation (a jar: see README, Releases)"
                                    : "Debian package: " + t.debianPackage());
                    if (t.purpose() != null && !t.purpose().isEmpty()) {
                        out.printf("  %-8s %-20s   %s%n", "", "", t.purpose());
                    }
                }
                if (!c.advice().isEmpty()) {
                    out.println("  advice: " + c.advice());
                }
            }
            out.printf("%n%d of %d engines can start throwaway servers here.%n", usable, checks.size());
        }
        out.flush();
        return usable == 0 ? 5 : 0;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

}
