package io.dbrecover.cli;

import io.dbrecover.core.spi.Engine;
import io.dbrecover.core.spi.Engines;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * The dbrecover command tree, built only as far as a command line needs it. Picocli reads each command class's
 * annotations by reflection when the command is added, which is a good part of the start of a short command (see
 * bench/README.md); so a command line that names a subcommand gets only that branch. Anything that prints a
 * command's list of subcommands or suggests one gets every subcommand at that level, so that the output is that of
 * the whole tree: no subcommand (except for {@code --version} alone), {@code help}, a word that is not a subcommand,
 * any option other than the logging ones before a subcommand's name (help, version, an unknown option), {@code --}
 * and {@code @file} arguments.
 */
final class CommandTree {
    /** The root's subcommands, in the order of its help (the engines' in the middle). */
    static final List<String> ROOT = List.of("doctor", "demo", "engines", "mysql", "postgres", "influx", "help");
    /** The root's subcommands that are no engine's; every other one is built from a loaded engine. */
    private static final Set<String> NOT_ENGINES = Set.of("doctor", "demo", "engines", "help");
    /** The {@code mysql} subcommands, in the order of its help. */
    static final List<String> MYSQL = List.of("server", "ddl", "recover");
    /** The {@code influx} subcommands, in the order of its help. */
    static final List<String> INFLUX = List.of("server", "inspect", "verify", "export", "rebuild-index", "restore");
    /** The {@code postgres} subcommands, in the order of its help. */
    static final List<String> POSTGRES = List.of("server", "verify-backup", "backup", "restore", "check");
    /** Each engine's subcommands; an engine not named here has {@code server} only. */
    private static final Map<String, List<String>> ENGINE_COMMANDS = Map.of("mysql", MYSQL, "postgres", POSTGRES,
            "influx", INFLUX);
    /** Options that may stand before a subcommand's name without asking for a list of subcommands. */
    private static final Set<String> QUIET_OPTIONS = Set.of("--stacktrace", "-v", "-vv", "-vvv", "--verbose", "-q",
            "--quiet");

    private CommandTree() {
    }

    /** The whole tree. */
    static CommandLine full() {
        return build(null, null);
    }

    /** The tree as far as {@code args} need it. */
    static CommandLine forArgs(String... args) {
        String first = null;
        String second = null;
        for (String a : args) {
            if (a.equals("--") || a.startsWith("@")) {
                return full();
            }
            if (!a.startsWith("-")) {
                if (first == null) {
                    first = a;
                    continue;
                }
                second = a;
                break;
            }
            if (!QUIET_OPTIONS.contains(a)) {
                // help, version or an unknown option at this level: its output lists the subcommands here
                break;
            }
        }
        if (first == null) {
            // --version with nothing but logging options prints the version, which the root alone knows
            return onlyVersion(args) ? build("", null) : full();
        }
        if (first.equals("help") || !ROOT.contains(first)) {
            return full();
        }
        return build(first, second != null && ENGINE_COMMANDS.getOrDefault(first, List.of()).contains(second) ? second
                : null);
    }

    /**
     * Prints the version, as picocli would, when the arguments ask for nothing else ({@code --version} or {@code -V}
     * and logging options only), without building any command: the command objects, their annotations read by
     * reflection and the proxies picocli makes for them were half of {@code --version}'s time (bench/README.md).
     *
     * @return whether it printed; if not, the command line goes to picocli
     */
    static boolean printedVersion(PrintWriter out, String... args) {
        if (!onlyVersion(args)) {
            return false;
        }
        String[] lines = new DbRecoverCommand.VersionProvider().getVersion();
        for (String line : lines) {
            if (line.indexOf('%') >= 0 || line.contains("@|")) {
                return false; // picocli would format it or read its colour markup: let it
            }
        }
        for (String line : lines) {
            out.println(line);
        }
        out.flush();
        return true;
    }

    /** Whether the arguments are {@code -V} / {@code --version} and logging options only. */
    private static boolean onlyVersion(String... args) {
        boolean version = false;
        for (String a : args) {
            if (a.equals("-V") || a.equals("--version")) {
                version = true;
            } else if (!QUIET_OPTIONS.contains(a)) {
                return false;
            }
        }
        return version;
    }

    /**
     * Builds the root with only {@code only} below it (every subcommand when {@code null}, none when empty), and
     * under that engine only {@code onlyEngine}. Children are added before their parent is, as picocli does for the
     * {@code subcommands} attribute, so that inherited options reach them the same way.
     */
    private static CommandLine build(String only, String onlyEngine) {
        CommandLine root = new CommandLine(new DbRecoverCommand());
        Map<String, Engine> engines = new LinkedHashMap<>();
        if (only == null || !only.isEmpty() && !NOT_ENGINES.contains(only)) {
            Engines.all().forEach(e -> engines.put(e.id(), e));
        }
        List<String> names = new ArrayList<>(ROOT);
        // an engine module the help does not list yet still gets its command, before help
        engines.keySet().stream().filter(id -> !names.contains(id)).forEach(id -> names.add(names.size() - 1, id));
        for (String name : names) {
            // an engine the help lists whose module is not on the class path has no command
            if ((only == null || only.equals(name)) && (NOT_ENGINES.contains(name) || engines.containsKey(name))) {
                root.addSubcommand(name, NOT_ENGINES.contains(name) ? new CommandLine(command(name))
                        : engine(engines.get(name), onlyEngine));
            }
        }
        return root;
    }

    /**
     * A loaded engine's command: {@code server} for engines with throwaway servers, and the commands of its facades
     * ({@code only} of them when not {@code null}).
     */
    private static CommandLine engine(Engine engine, String only) {
        CommandLine cl = EngineCommand.of(engine);
        List<String> names = ENGINE_COMMANDS.getOrDefault(engine.id(), List.of("server"));
        for (String name : names) {
            if (only == null || only.equals(name)) {
                if (!name.equals("server")) {
                    cl.addSubcommand(name, facadeCommand(engine.id(), name));
                } else if (EngineCommand.serves(engine)) {
                    cl.addSubcommand(name, ServerCommand.of(engine));
                }
            }
        }
        return cl;
    }

    private static Object command(String name) {
        return switch (name) {
            case "doctor" -> new DoctorCommand();
            case "demo" -> new DemoCommand();
            case "engines" -> new EnginesCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException("not a dbrecover command: " + name);
        };
    }

    private static Object facadeCommand(String engine, String name) {
        return switch (engine + " " + name) {
            case "mysql ddl" -> new MySqlDdlCommand();
            case "mysql recover" -> new MySqlRecoverCommand();
            case "influx inspect" -> new InfluxInspectCommand();
            case "influx verify" -> new InfluxVerifyCommand();
            case "influx export" -> new InfluxExportCommand();
            case "influx rebuild-index" -> new InfluxRebuildIndexCommand();
            case "influx restore" -> new InfluxRestoreCommand();
            case "postgres verify-backup" -> new PostgresVerifyBackupCommand();
            case "postgres backup" -> new PostgresBackupCommand();
            case "postgres restore" -> new PostgresRestoreCommand();
            case "postgres check" -> new PostgresCheckCommand();
            default -> throw new IllegalArgumentException("not a dbrecover command: " + engine + " " + name);
        };
    }
}
