package io.dbrecover.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.dbrecover.core.workspace.InputFiles;
import io.dbrecover.core.workspace.OutputFiles;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering rules of the house style, checked on the compiled classes of every module. */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.dbrecover");
    }

    @Test
    void onlyTheProcessRunnerStartsProcesses() {
        // the testkit (test scope only) starts JVMs to kill them: they must not be guarded by the test's watchdog
        noClasses().that().resideOutsideOfPackages("io.dbrecover.core.process..", "io.dbrecover.testkit..")
                .should().dependOnClassesThat().areAssignableTo(ProcessBuilder.class)
                .because("every child process goes through ProcessRunner (timeout, log tail, run-as-user); use it")
                .check(classes);
    }

    @Test
    void coreKnowsNoEngineAndNoCli() {
        noClasses().that().resideInAPackage("io.dbrecover.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.dbrecover.mysql..", "io.dbrecover.postgres..",
                        "io.dbrecover.influx..", "io.dbrecover.cli..")
                .because("engines plug into core through spi.Engine; move shared code into core instead")
                .check(classes);
    }

    @Test
    void enginesDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("io.dbrecover.mysql..")
                .should().dependOnClassesThat().resideInAnyPackage("io.dbrecover.postgres..", "io.dbrecover.influx..")
                .because("engine modules are independent; shared code belongs in recovery-core").check(classes);
        noClasses().that().resideInAPackage("io.dbrecover.postgres..")
                .should().dependOnClassesThat().resideInAnyPackage("io.dbrecover.mysql..", "io.dbrecover.influx..")
                .because("engine modules are independent; shared code belongs in recovery-core").check(classes);
        noClasses().that().resideInAPackage("io.dbrecover.influx..")
                .should().dependOnClassesThat().resideInAnyPackage("io.dbrecover.mysql..", "io.dbrecover.postgres..")
                .because("engine modules are independent; shared code belongs in recovery-core").check(classes);
    }

    @Test
    void librariesLogThroughSlf4jOnly() {
        // the testkit is test scope only: its LogCapture reads what was logged, to prove secrets stay out of logs
        noClasses().that().resideOutsideOfPackages("io.dbrecover.cli..", "io.dbrecover.testkit..")
                .should().dependOnClassesThat().resideInAnyPackage("ch.qos.logback..", "java.util.logging..")
                .because("libraries use the SLF4J API; only the CLI binds an implementation").check(classes);
    }

    @Test
    void librariesDoNotPrintToTheConsole() {
        // the testkit's ServerMain is a test JVM's main, which tells the test its server's pid and password
        noClasses().that().resideOutsideOfPackages("io.dbrecover.cli..", "io.dbrecover.testkit..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .because("results go through reports and renderers, diagnostics through SLF4J").check(classes);
    }

    @Test
    void theCliStartsServersOnlyThroughTheEngineSpi() {
        noClasses().that().resideInAPackage("io.dbrecover.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("io.dbrecover.mysql.server..",
                        "io.dbrecover.postgres.server..", "io.dbrecover.influx.server..")
                .because("the CLI holds no engine logic: it reaches servers through spi.Engine and ServerProvider")
                .check(classes);
    }

    /** The JDK calls that create, truncate, replace or move a file (or can, by their options), per owner. */
    private static final Map<String, Set<String>> WRITING_CALLS = Map.of(
            "java.nio.file.Files", Set.of("write", "writeString", "newOutputStream", "newBufferedWriter",
                    "newByteChannel", "copy", "move", "createFile", "createTempFile", "createLink"),
            "java.nio.channels.FileChannel", Set.of("open"),
            "java.nio.channels.AsynchronousFileChannel", Set.of("open"),
            "java.io.FileOutputStream", Set.of("<init>"),
            "java.io.RandomAccessFile", Set.of("<init>"),
            "java.io.FileWriter", Set.of("<init>"),
            "java.io.File", Set.of("createNewFile", "createTempFile", "renameTo"));
    /** Constructors that open a file when given a name or a File (and only then). */
    private static final Set<String> FILE_OPENING_PRINTERS = Set.of("java.io.PrintWriter", "java.io.PrintStream");

    @Test
    void filesAreWrittenOnlyThroughOutputFiles() {
        onlyOutputFilesWrites().check(classes);
    }

    @Test
    void theWriteRuleCatchesEveryWayToWriteAFile() {
        JavaClasses samples = new ClassFileImporter().importClasses(WritesWithFiles.class, WritesWithChannel.class,
                WritesWithStream.class, WritesWithPrinter.class, OnlyReads.class);
        var result = onlyOutputFilesWrites().evaluate(samples);
        assertThat(result.getFailureReport().getDetails()).hasSize(4)
                .anySatisfy(d -> assertThat(d).contains("WritesWithFiles", "Files.writeString"))
                .anySatisfy(d -> assertThat(d).contains("WritesWithChannel", "FileChannel.open"))
                .anySatisfy(d -> assertThat(d).contains("WritesWithStream", "FileOutputStream.<init>"))
                .anySatisfy(d -> assertThat(d).contains("WritesWithPrinter", "PrintWriter.<init>"))
                .noneSatisfy(d -> assertThat(d).contains("OnlyReads"));
    }

    private static ArchRule onlyOutputFilesWrites() {
        DescribedPredicate<JavaCall<?>> writesAFile = DescribedPredicate.describe("create or change a file", call -> {
            String owner = call.getTarget().getOwner().getName();
            String name = call.getTarget().getName();
            if (WRITING_CALLS.getOrDefault(owner, Set.of()).contains(name)) {
                return true;
            }
            List<String> params = call.getTarget().getRawParameterTypes().stream().map(c -> c.getName()).toList();
            return FILE_OPENING_PRINTERS.contains(owner) && "<init>".equals(name) && !params.isEmpty()
                    && List.of("java.lang.String", "java.io.File").contains(params.get(0));
        });
        // the testkit is test scope only: it builds fixtures and staged disasters, never runs in the product
        return noClasses().that().doNotBelongToAnyOf(OutputFiles.class, InputFiles.class)
                .and().resideOutsideOfPackage("io.dbrecover.testkit..")
                .should().callCodeUnitWhere(writesAFile)
                .because("every file dbrecover writes goes through io.dbrecover.core.workspace.OutputFiles, which "
                        + "refuses links, hard-linked files and paths in a source: use EvidenceWorkspace.files() in a "
                        + "run, OutputFiles.outside(sources) or OutputFiles.withoutSources() elsewhere; read channels "
                        + "come from InputFiles.open");
    }

    // samples for the rule's own test: three ways to write that must be caught, and a reader that must not be
    static final class WritesWithFiles {
        void run(java.nio.file.Path p) throws java.io.IOException {
            java.nio.file.Files.writeString(p, "x");
        }
    }

    static final class WritesWithChannel {
        void run(java.nio.file.Path p) throws java.io.IOException {
            java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE).close();
        }
    }

    static final class WritesWithStream {
        void run(java.io.File f) throws java.io.IOException {
            new java.io.FileOutputStream(f).close();
        }
    }

    static final class WritesWithPrinter {
        void run(String name) throws java.io.IOException {
            new java.io.PrintWriter(name).close();
        }
    }

    static final class OnlyReads {
        void run(java.nio.file.Path p) throws java.io.IOException {
            java.nio.file.Files.readString(p);
            InputFiles.open(p).close();
            new java.io.PrintWriter(System.out).flush();
        }
    }
}
