package io.dbrecover.cli;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.report.Json;
import io.dbrecover.core.report.TextReportRenderer;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.TempDirs;
import io.dbrecover.core.spi.DemoContext;
import io.dbrecover.core.spi.DemoScenario;
import io.dbrecover.core.spi.Engine;
import io.dbrecover.core.spi.EngineCheck;
import io.dbrecover.core.spi.Engines;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Stages a realistic disaster per engine in a temp dir and recovers it, printing each report. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Stage a disaster for each engine in a temporary directory and recover it, printing the "
            + "reports. Engines whose server is not installed and has no embedded fallback are skipped with "
            + "what to install. Exit 0 when every scenario that ran was verified.")
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--engine", paramLabel = "ID",
            description = "Only these engines (repeatable): mysql, postgres, influx.")
    List<String> engines = new ArrayList<>();

    @Option(names = "--keep", description = "Keep the temporary directory (staged disasters, work dirs, reports).")
    boolean keep;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to create the temporary directory.")
    Path dir;

    @Option(names = "--json", description = "Print the reports as JSON.")
    boolean json;

    @Option(names = "--origin", paramLabel = "ORIGIN",
            description = "Use only this origin of server binaries: system or embedded "
                    + "(default: system, else embedded).")
    BinaryOrigin origin;

    /** One scenario's result in {@code demo --json}. */
    record DemoResult(String engine, String scenario, String status, String message, RecoveryReport report) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (String id : engines) {
            Engines.byId(id);
        }
        ServerCommand.refuseContainerOrigin(origin);
        Path base = TempDirs.create(dir, "demo");
        // Ctrl-C must not leave gigabytes of staged disasters in the temp dir either
        Thread cleanup = new Thread(() -> {
            if (!keep) {
                TempDirs.deleteQuietly(base);
            }
        }, "dbrecover-demo-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        List<DemoResult> results = new ArrayList<>();
        int exit = 0;
        try {
            err.println("dbrecover demo: working in " + base);
            for (Engine engine : Engines.all()) {
                if (!engines.isEmpty() && !engines.contains(engine.id())) {
                    continue;
                }
                for (DemoScenario scenario : engine.demos()) {
                    Path scenarioDir = Files.createDirectories(base.resolve(scenario.name()));
                    err.printf("%n== %s: %s%n", scenario.name(), scenario.description());
                    try {
                        RecoveryReport report = scenario.run(new DemoContext(scenarioDir,
                                ServerOptions.builder().baseDir(scenarioDir).origin(origin).build(),
                                ConsoleProgress.forThisProcess()));
                        results.add(new DemoResult(engine.id(), scenario.name(), report.outcome().name(), "", report));
                        exit = Math.max(exit, report.exitCode());
                        if (!json) {
                            out.println();
                            out.print(CliFlags.flags(new TextReportRenderer().render(report)));
                            out.flush();
                        }
                    } catch (RecoveryException e) {
                        EngineCheck check = e.code() == ErrorCode.BINARY_NOT_FOUND
                                ? engine.check(ServerOptions.builder().origin(origin).build()) : null;
                        // skipped only when the engine's server is truly absent, not when some other program
                        // went missing halfway through a recovery
                        if (check != null && !check.usable()) {
                            String msg = "skipped: " + e.getMessage() + ". To include it: "
                                    + (check.advice().isEmpty() ? e.hint().orElse("") : check.advice());
                            results.add(new DemoResult(engine.id(), scenario.name(), "SKIPPED", msg, null));
                            if (!json) {
                                out.printf("%n%s %s%n", scenario.name(), msg);
                            }
                        } else {
                            results.add(new DemoResult(engine.id(), scenario.name(), "FAILED", e.describe(), null));
                            exit = Math.max(exit, e.exitCode());
                            if (!json) {
                                out.printf("%n%s FAILED: %s%n", scenario.name(), e.describe());
                            }
                        }
                    }
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // shutting down: the hook cleans up
            }
            if (keep) {
                err.println("kept " + base);
            } else {
                TempDirs.deleteQuietly(base);
            }
        }
        if (json) {
            out.println(CliFlags.flags(Json.pretty(results)));
        } else {
            out.printf("%ndemo summary:%n");
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (DemoResult r : results) {
                out.printf("  %-22s %s%n", r.scenario(), r.status());
                counts.merge(r.status(), 1, Integer::sum);
            }
            out.println("  " + counts);
        }
        out.flush();
        long ran = results.stream().filter(r -> !"SKIPPED".equals(r.status())).count();
        if (ran == 0) {
            return ErrorCode.BINARY_NOT_FOUND.exitCode();
        }
        return exit;
    }
}
