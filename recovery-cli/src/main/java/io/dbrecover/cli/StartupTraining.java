package io.dbrecover.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training run of the class-data archive that the {@code dbrecover} launcher makes after a build (AppCDS): runs
 * the short commands once in this JVM, output discarded, so that the launcher can list the classes they load
 * ({@code -XX:DumpLoadedClassList}) and archive them; later starts then map those classes instead of loading,
 * parsing and verifying them again. Not a user command.
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    /**
     * Runs the commands.
     *
     * @param args {@code --json} first to train the {@code --json} output too (the launcher keeps a second archive
     *             for it: Jackson's classes would make every other start slower), then directories of definition
     *             files to read with {@code mysql ddl} (the project's own test fixtures); missing ones are left out
     */
    public static void main(String[] args) {
        boolean json = args.length > 0 && args[0].equals("--json");
        List<List<String>> runs = new ArrayList<>();
        runs.add(List.of("--version"));
        runs.add(List.of("--help"));
        runs.add(List.of("mysql", "--help"));
        runs.add(List.of("mysql", "ddl", "--help"));
        runs.add(List.of("mysql", "ddl", "--no-such-option"));
        for (String dir : Arrays.asList(args).subList(json ? 1 : 0, args.length)) {
            if (Files.isDirectory(Path.of(dir))) {
                runs.add(json ? List.of("mysql", "ddl", "--json", dir) : List.of("mysql", "ddl", dir));
                runs.add(List.of("mysql", "ddl", "--dialect", "mysql", dir));
            }
        }
        // a path no one can create (not one in the shared temp dir, which another user could fill or link)
        runs.add(List.of("mysql", "ddl", "/proc/self/dbrecover-training-none"));
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        for (List<String> run : runs) {
            DbRecoverCli.execute(none, none, run.toArray(String[]::new));
        }
    }
}
