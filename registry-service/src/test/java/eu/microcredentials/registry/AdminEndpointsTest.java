package eu.microcredentials.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.matchesPattern;

import eu.microcredentials.testsupport.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What operators look at: readiness with the kernel's check, and the projection's state. */
@QuarkusTest
class AdminEndpointsTest {

    @Test
    void readiness_is_up_with_the_registry_projection() {
        Eventually.await(Duration.ofSeconds(30), () -> given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("event-sourcing"))
                .body("checks.find { it.name == 'event-sourcing' }.data.'projection.registry'",
                        startsWith("RUNNING")));
    }

    @Test
    void the_registry_projection_runs_on_both_issuer_topics() {
        Eventually.await(Duration.ofSeconds(30), () -> given().when().get("/admin/projections")
                .then().statusCode(200)
                .body("name", hasItem("registry"))
                .body("find { it.name == 'registry' }.state", equalTo("RUNNING"))
                // other instances of the service may share the partitions; these are all of the two topics
                .body("find { it.name == 'registry' }.assignedPartitions",
                        everyItem(matchesPattern("mc\\.(awarding-bodies|credentials)\\.v1-[0-9]+"))));
    }
}
