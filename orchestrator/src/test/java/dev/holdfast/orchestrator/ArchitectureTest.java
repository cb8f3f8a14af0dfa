package dev.holdfast.orchestrator;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of the design, checked on the compiled classes of every module on the
 * orchestrator's class path: dependencies point down the module table, and only the command
 * line writes to the standard streams.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.holdfast");
    }

    @Test
    void crypto_dependsOnNoOtherHoldfastPackage() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.holdfast.crypto..")
                .should().dependOnClassesThat(resideInAPackage("dev.holdfast..")
                        .and(not(resideInAPackage("dev.holdfast.crypto.."))));

        rule.check(classes);
    }

    @Test
    void storage_dependsOnNoOtherHoldfastPackage() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.holdfast.storage..")
                .should().dependOnClassesThat(resideInAPackage("dev.holdfast..")
                        .and(not(resideInAPackage("dev.holdfast.storage.."))));

        rule.check(classes);
    }

    @Test
    void repository_doesNotDependOnTheOrchestrator() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.holdfast.repository..")
                .should().dependOnClassesThat().resideInAPackage("dev.holdfast.orchestrator..");

        rule.check(classes);
    }

    @Test
    void scheduler_dependsOnNoOtherHoldfastPackage() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.holdfast.scheduler..")
                .should().dependOnClassesThat(resideInAPackage("dev.holdfast..")
                        .and(not(resideInAPackage("dev.holdfast.scheduler.."))));

        rule.check(classes);
    }

    @Test
    void restoreTester_doesNotDependOnTheRepository() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.holdfast.restoretester..")
                .should().dependOnClassesThat().resideInAPackage("dev.holdfast.repository..")
                .because("the restore tester is handed what to restore and never reads the"
                        + " repository itself");

        rule.check(classes);
    }

    @Test
    void standardStreams_onlyInCommandLine() {
        ArchRule rule = noClasses().that()
                .resideOutsideOfPackage("dev.holdfast.orchestrator.cli..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .because("output goes through the Printer of the command line, and "
                        + "libraries log through SLF4J");

        rule.check(classes);
    }
}
