package io.dbrecover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The command tree built as far as a command line needs it answers exactly as the whole tree does. */
class CommandTreeTest {
    record Run(int exit, String out, String err) {
    }

    static Run run(CommandLine tree, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = DbRecoverCli.configure(tree, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /**
     * Command lines that print help, versions, usage errors and suggestions, or fail early without side effects
     * (no -v / -q: they set the log level of this whole JVM; no stack traces: their reflection frames differ).
     */
    static Stream<List<String>> commandLines() {
        return Stream.of(List.of(), List.of("--help"), List.of("-h"), List.of("--version"), List.of("-V"),
                List.of("--stacktrace"), List.of("--stacktrace", "--help"), List.of("--stacktrace", "--version"),
                List.of("--version", "--help"), List.of("--version", "--bogus"), List.of("-Vh"),
                List.of("--bogus"), List.of("help"), List.of("help", "mysql"), List.of("help", "mysql", "ddl"),
                List.of("engines", "--help"), List.of("doctor", "--no-such-option"), List.of("doctor", "--help"),
                List.of("demo", "--help"), List.of("demo", "--engine", "oracle"), List.of("mysql"),
                List.of("mysql", "--help"), List.of("mysql", "-h", "ddl"), List.of("mysql", "--bogus", "ddl"),
                List.of("mysql", "dd"), List.of("mysql", "ddl"), List.of("mysql", "ddl", "--help"),
                List.of("mysql", "ddl", "--bogus"),
                List.of("mysql", "ddl", "--dialect", "oracle", "x"), List.of("mysql", "ddl", "/nonexistent/x.frm"),
                List.of("--stacktrace", "mysql", "ddl", "--bogus"),
                List.of("mysql", "--stacktrace", "ddl", "--help"),
                List.of("mysql", "server", "--help"), List.of("mysql", "server", "--origin", "cloud"),
                List.of("mysql", "recover", "--help"), List.of("mysql", "recover"), List.of("postgres"),
                List.of("postgres", "server", "--help"), List.of("influx", "server", "--help"), List.of("mysqll"),
                List.of("--", "mysql"), List.of("mysql", "--", "ddl"), List.of("@/nonexistent/args"));
    }

    @ParameterizedTest
    @MethodSource("commandLines")
    void answersAsTheWholeTreeDoes(List<String> args) {
        String[] a = args.toArray(String[]::new);
        Run whole = run(CommandTree.full(), a);
        Run partial = run(CommandTree.forArgs(a), a);
        assertThat(partial).isEqualTo(whole);
        assertThat(whole.out() + whole.err()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("commandLines")
    void theEntryPointAnswersAsTheWholeTreeDoesVersionShortcutIncluded(List<String> args) {
        String[] a = args.toArray(String[]::new);
        Run whole = run(CommandTree.full(), a);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = DbRecoverCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), a);
        assertThat(new Run(exit, out.toString(), err.toString())).isEqualTo(whole);
    }

    @Test
    void versionAloneIsPrintedWithoutBuildingAnyCommand() {
        StringWriter out = new StringWriter();
        assertThat(CommandTree.printedVersion(new PrintWriter(out, true), "--stacktrace", "-V")).isTrue();
        assertThat(out.toString()).startsWith("dbrecover ").contains(System.lineSeparator() + "Java ");
        assertThat(CommandTree.printedVersion(new PrintWriter(new StringWriter()), "--version", "--help")).isFalse();
        assertThat(CommandTree.printedVersion(new PrintWriter(new StringWriter()), "mysql", "--version")).isFalse();
    }

    @Test
    void theWholeTreeHasEveryCommandInTheOrderOfTheHelp() {
        CommandLine whole = CommandTree.full();
        assertThat(whole.getSubcommands().keySet()).containsExactlyElementsOf(CommandTree.ROOT);
        assertThat(whole.getSubcommands().get("mysql").getSubcommands().keySet())
                .containsExactlyElementsOf(CommandTree.MYSQL);
        assertThat(whole.getSubcommands().get("postgres").getSubcommands().keySet())
                .containsExactlyElementsOf(CommandTree.POSTGRES);
    }

    @Test
    void aCommandLineNamingASubcommandBuildsOnlyItsBranch() {
        CommandLine tree = CommandTree.forArgs("--stacktrace", "mysql", "-v", "ddl", "/some/dir", "--json");
        assertThat(tree.getSubcommands()).containsOnlyKeys("mysql");
        assertThat(tree.getSubcommands().get("mysql").getSubcommands()).containsOnlyKeys("ddl");
        assertThat(CommandTree.forArgs("engines").getSubcommands()).containsOnlyKeys("engines");
        assertThat(CommandTree.forArgs("--version").getSubcommands()).isEmpty();
    }

    @Test
    void inheritedOptionsReachTheSubcommandsOfALazyBranch() {
        CommandLine ddl = CommandTree.forArgs("mysql", "ddl").getSubcommands().get("mysql").getSubcommands()
                .get("ddl");
        assertThat(ddl.getCommandSpec().findOption("--stacktrace")).isNotNull();
        assertThat(ddl.getCommandSpec().findOption("-v")).isNotNull();
        assertThat(ddl.getCommandSpec().findOption("-q")).isNotNull();
    }
}
