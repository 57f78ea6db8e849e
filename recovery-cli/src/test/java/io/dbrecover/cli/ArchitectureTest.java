package io.dbrecover.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
}
