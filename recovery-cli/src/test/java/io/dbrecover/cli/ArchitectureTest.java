package io.dbrecover.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
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

    /** The engines' public faces: the facades' package and the packages of the records they take and return. */
    private static final Set<String> ENGINE_FACE_PACKAGES = Set.of("io.dbrecover.mysql", "io.dbrecover.mysql.model",
            "io.dbrecover.mysql.scan", "io.dbrecover.mysql.ddl", "io.dbrecover.postgres", "io.dbrecover.postgres.model",
            "io.dbrecover.influx",
            "io.dbrecover.influx.model");

    @Test
    void theCliUsesOnlyTheEnginesFacesAndTheirRecords() {
        cliUsesOnlyEngineFaces().check(classes);
    }

    @Test
    void theCliUsesCoreOnlyThroughItsApi() {
        cliUsesOnlyCoreApi().check(classes);
    }

    @Test
    void theCliRulesCatchEngineInternalsAndCoreSpiButNotTheFaces() {
        JavaClasses samples = new ClassFileImporter().importClasses(UsesEngineServer.class, UsesEngineDemo.class,
                UsesEngineInternals.class, UsesCoreSpi.class, UsesFacesAndApi.class);
        assertThat(cliUsesOnlyEngineFaces().evaluate(samples).getFailureReport().getDetails())
                .anySatisfy(d -> assertThat(d).contains("UsesEngineServer", "MariaDbServerProvider"))
                .anySatisfy(d -> assertThat(d).contains("UsesEngineDemo", "PostgresDemo"))
                .anySatisfy(d -> assertThat(d).contains("UsesEngineInternals", "InfluxHttp"))
                .noneSatisfy(d -> assertThat(d).contains("UsesCoreSpi"))
                .noneSatisfy(d -> assertThat(d).contains("UsesFacesAndApi"));
        assertThat(cliUsesOnlyCoreApi().evaluate(samples).getFailureReport().getDetails())
                .anySatisfy(d -> assertThat(d).contains("UsesCoreSpi", "ServerBase"))
                .anySatisfy(d -> assertThat(d).contains("UsesCoreSpi", "ProcessRunner"))
                .noneSatisfy(d -> assertThat(d).contains("UsesFacesAndApi"));
    }

    private static ArchRule cliUsesOnlyEngineFaces() {
        DescribedPredicate<JavaClass> engineInternal = DescribedPredicate.describe(
                "are engine classes outside the engines' faces (facades, their requests and records)", c -> {
                    String pkg = c.getPackageName();
                    boolean engine = ENGINE_PACKAGE_ROOTS.stream().anyMatch(r -> pkg.equals(r)
                            || pkg.startsWith(r + "."));
                    return engine && !ENGINE_FACE_PACKAGES.contains(pkg);
                });
        return noClasses().that().resideInAPackage("io.dbrecover.cli..")
                .should().dependOnClassesThat(engineInternal)
                .because("the CLI only parses and renders: an operation the CLI needs belongs on the engine's facade "
                        + "(MySqlRecover, MySqlDdl) or on core's spi.Engine, and servers and demos are reached through "
                        + "spi.Engine, never through an engine's server or demo classes");
    }

    private static ArchRule cliUsesOnlyCoreApi() {
        return noClasses().that().resideInAPackage("io.dbrecover.cli..")
                .should().dependOnClassesThat().resideInAnyPackage(CORE_NOT_API)
                .because("these core packages are what engines build on (SPI) or core's own (internal), as their "
                        + "package-info says; the CLI runs engines through spi.Engine, ServerSession, RecoveryRun and "
                        + "the engines' facades");
    }

    // samples for the CLI rules' own test: they sit in io.dbrecover.cli, so the rules take them for CLI code
    static final class UsesEngineServer {
        Object run() {
            return new io.dbrecover.mysql.server.MariaDbServerProvider();
        }
    }

    static final class UsesEngineDemo {
        Object run() {
            return new io.dbrecover.postgres.demo.PostgresDemo(null);
        }
    }

    static final class UsesEngineInternals {
        Object run() {
            return io.dbrecover.influx.http.InfluxHttp.class.getSimpleName();
        }
    }

    static final class UsesCoreSpi {
        Object run() {
            return List.of(io.dbrecover.core.spi.server.ServerBase.class, new io.dbrecover.core.process.ProcessRunner());
        }
    }

    static final class UsesFacesAndApi {
        Object run() {
            return List.of(io.dbrecover.mysql.MySqlDdl.class, io.dbrecover.mysql.model.TableDefinition.class,
                    io.dbrecover.mysql.RecoverRequest.builder(), io.dbrecover.core.spi.Engines.all(),
                    io.dbrecover.core.server.ServerSession.class);
        }
    }

    private static final List<String> ENGINE_PACKAGE_ROOTS = List.of("io.dbrecover.mysql", "io.dbrecover.postgres",
            "io.dbrecover.influx");
    /** Core's SPI and internal packages (see their package-info): what engines build on, not what callers use. */
    private static final String[] CORE_NOT_API = {"io.dbrecover.core.spi.server..", "io.dbrecover.core.spi.demo..",
        "io.dbrecover.core.plan..", "io.dbrecover.core.process..", "io.dbrecover.core.verify..", "io.dbrecover.core.os.."};

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
