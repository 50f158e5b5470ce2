package dev.marcus.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core stays pure: no adapter technology may leak into it, and its layers point inwards. */
class CorePurityTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.marcus.core");

    @Test
    void core_dependsOnlyOnTheJdkJakartaInjectAndSlf4j() {
        classes().that().resideInAPackage("dev.marcus.core..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.marcus.core..", "java..", "javax.crypto..", "jakarta.inject..", "org.slf4j..")
                .because("marcus-core is embedded by other JVM tools and must not drag in JDBC, Redis, Javalin, Jackson or Dagger")
                .check(CORE);
    }

    @Test
    void core_usesNoJdbc() {
        noClasses().that().resideInAPackage("dev.marcus.core..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                .check(CORE);
    }

    @Test
    void model_dependsOnNothingButItselfTheErrorsAndTheJdk() {
        classes().that().resideInAPackage("dev.marcus.core.model..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.marcus.core.model..", "dev.marcus.core.error..", "java..")
                .check(CORE);
    }

    @Test
    void graph_dependsOnTheModelOnly_soEveryReportCanUseIt() {
        classes().that().resideInAPackage("dev.marcus.core.graph..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.marcus.core.graph..", "dev.marcus.core.model..", "java..", "jakarta.inject..")
                .because("the scheduling core is read by services, analytics, planning and the adapters alike")
                .check(CORE);
    }

    @Test
    void ports_doNotDependOnServices() {
        noClasses().that().resideInAPackage("dev.marcus.core.port..")
                .should().dependOnClassesThat().resideInAPackage("dev.marcus.core.service..")
                .check(CORE);
    }

    @Test
    void leasesEventsAndCaches_neverCallAUseCase() {
        noClasses().that().resideInAnyPackage("dev.marcus.core.lease..", "dev.marcus.core.event..", "dev.marcus.core.cache..")
                .should().dependOnClassesThat().resideInAPackage("dev.marcus.core.service..")
                .because("core.service holds the use cases; the parts they are built from point inwards, never back")
                .check(CORE);
    }
}
