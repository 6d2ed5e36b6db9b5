package eu.microcredentials.issuer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The domain model stays free of frameworks and of the wire format; REST resources stay thin. */
class ArchitectureTest {
    private static JavaClasses issuer;

    @BeforeAll
    static void importMainClasses() {
        issuer = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("eu.microcredentials.issuer");
    }

    @Test
    void the_domain_depends_only_on_the_jdk_and_on_itself() {
        classes().that().resideInAPackage("..issuer.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "..issuer.domain..")
                .because("the model is pure: deciders are tested without a framework, a database or a broker")
                .check(issuer);
    }

    @Test
    void the_domain_knows_no_framework_no_broker_no_json_and_neither_the_contract_nor_the_kernel() {
        noClasses().that().resideInAPackage("..issuer.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "io.vertx..",
                        "io.smallrye..", "org.apache.kafka..", "com.fasterxml..", "eu.microcredentials.events..",
                        "eu.microcredentials.eventsourcing..")
                .check(issuer);
    }

    @Test
    void rest_resources_call_use_cases_and_do_not_query_the_database() {
        noClasses().that().areAnnotatedWith(Path.class)
                .should().dependOnClassesThat().resideInAPackage("io.vertx.mutiny.sqlclient..")
                .because("a resource parses, calls a use case and maps the result; SQL lives behind the use case")
                .check(issuer);
    }
}
