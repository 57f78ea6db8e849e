package io.dbrecover.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of the house style (one face per engine, readers apart from writers), on the main classes. */
class PackageStructureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.dbrecover");
    }

    @Test
    void modulesAreFreeOfCycles() {
        slices().matching("io.dbrecover.(*)..").should().beFreeOfCycles()
                .because("a module depends on core and never back; move what two modules share into core")
                .check(classes);
    }

    @Test
    void theConcernsOfTheMysqlEngineAreFreeOfCycles() {
        slices().matching("io.dbrecover.mysql.(*)..").should().beFreeOfCycles()
                .because("each package of recovery-mysql is one concern that the others build on, never in a ring; "
                        + "move what two packages both need down into the one they both use (e.g. model)")
                .check(classes);
    }

    @Test
    void mysqlReadersUseNeitherTheDdlWriterNorJdbc() {
        noClasses().that().resideInAnyPackage("io.dbrecover.mysql.frm..", "io.dbrecover.mysql.sdi..",
                        "io.dbrecover.mysql.ibd..")
                .should().dependOnClassesThat().resideInAnyPackage("io.dbrecover.mysql.ddl..", "java.sql..",
                        "javax.sql..")
                .because("readers turn files into the model and nothing else: quote names with "
                        + "model.Identifiers.quote, and leave statements and connections to ddl, verify and transplant")
                .check(classes);
    }
}
