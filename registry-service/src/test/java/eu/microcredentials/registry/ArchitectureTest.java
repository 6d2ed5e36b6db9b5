package eu.microcredentials.registry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The registry's domain stays free of frameworks and of the wire format. */
class ArchitectureTest {
    private static JavaClasses registry;

    @BeforeAll
    static void importMainClasses() {
        registry = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("eu.microcredentials.registry");
    }

    @Test
    void the_domain_depends_only_on_the_jdk_and_on_itself() {
        classes().that().resideInAPackage("..registry.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "..registry.domain..")
                .check(registry);
    }

    @Test
    void the_domain_knows_no_framework_no_broker_no_json_and_neither_the_contract_nor_the_kernel() {
        noClasses().that().resideInAPackage("..registry.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "io.vertx..",
                        "io.smallrye..", "org.apache.kafka..", "com.fasterxml..", "eu.microcredentials.events..",
                        "eu.microcredentials.eventsourcing..")
                .check(registry);
    }
}
