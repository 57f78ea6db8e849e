package io.dbrecover.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SliceRule;
import io.dbrecover.cli.samples.clean.CleanFacade;
import io.dbrecover.cli.samples.clean.internal.Worker;
import io.dbrecover.cli.samples.clean.records.CleanRecords;
import io.dbrecover.cli.samples.cyclic.Facade;
import io.dbrecover.cli.samples.cyclic.internal.Internal;
import io.dbrecover.cli.samples.cyclic.records.Records;
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
    void thePackagesOfEachModuleRootIncludedAreFreeOfCycles() {
        packagesFreeOfCycles("io.dbrecover").check(classes);
    }

    @Test
    void aCycleThroughAModulesRootPackageIsCaught() {
        // samples.cyclic: the root package's facade uses an internal package that uses the facade back
        JavaClasses cyclic = new ClassFileImporter().importClasses(Facade.class, Internal.class, Records.class);
        assertThat(packagesFreeOfCycles("io.dbrecover.cli.samples").evaluate(cyclic).hasViolation()).isTrue();
        // samples.clean: the same three packages without the way back
        JavaClasses acyclic = new ClassFileImporter().importClasses(CleanFacade.class, Worker.class,
                CleanRecords.class);
        assertThat(packagesFreeOfCycles("io.dbrecover.cli.samples").evaluate(acyclic).hasViolation()).isFalse();
    }

    /**
     * One slice per package of a module under {@code base} ({@code base.<module>} itself, and each
     * {@code base.<module>.<package>} with what is below it): a cycle between a module's root package and one below
     * it counts like any other (the plain {@code base.<module>.(*)..} slices leave the root package out).
     */
    static SliceRule packagesFreeOfCycles(String base) {
        SliceAssignment byPackage = new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String pkg = c.getPackageName();
                if (!pkg.startsWith(base + ".")) {
                    return SliceIdentifier.ignore();
                }
                String[] parts = pkg.substring(base.length() + 1).split("\\.");
                if (parts.length == 1) {
                    return SliceIdentifier.of(parts[0] + " (root package)");
                }
                return SliceIdentifier.of(parts[0] + "." + parts[1]);
            }

            @Override
            public String getDescription() {
                return "the packages of each module under " + base + ", its root package included";
            }
        };
        return slices().assignedFrom(byPackage).should().beFreeOfCycles()
                .because("a module's root package is its face and the packages below build on each other, never in "
                        + "a ring: the face calls the internals, which never use it back (turn the request into the "
                        + "internal package's own input in the facade); move records both sides need into a package "
                        + "below both (e.g. mysql.scan, mysql.model)");
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
