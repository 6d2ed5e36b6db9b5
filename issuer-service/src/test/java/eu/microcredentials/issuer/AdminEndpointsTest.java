package eu.microcredentials.issuer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.microcredentials.testsupport.Eventually;
import eu.microcredentials.issuer.support.IssuerApi;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What operators look at: readiness with the kernel's check, and the outbox metrics. */
@QuarkusTest
class AdminEndpointsTest {

    @Test
    void readiness_is_up_and_includes_the_event_sourcing_check() {
        Eventually.await(Duration.ofSeconds(30), () -> given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("event-sourcing"))
                .body("checks.find { it.name == 'event-sourcing' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'event-sourcing' }.data.outbox-relay", equalTo("publishing")));
    }

    @Test
    void metrics_count_what_the_outbox_relay_published() {
        IssuerApi.registerAwardingBody("PT"); // at least one event to publish
        Eventually.await(Duration.ofSeconds(30), () -> {
            String metrics = given().when().get("/q/metrics")
                    .then().statusCode(200)
                    .body(containsString("mc_outbox_published"))
                    .extract().asString();
            double published = metrics.lines()
                    .filter(line -> line.startsWith("mc_outbox_published") && line.contains("relay=\"issuer-service\""))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
            assertTrue(published > 0, "mc_outbox_published for relay issuer-service: " + published);
        });
    }
}
