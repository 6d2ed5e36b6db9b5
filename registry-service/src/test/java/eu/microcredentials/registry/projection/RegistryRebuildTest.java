package eu.microcredentials.registry.projection;

import static eu.microcredentials.testsupport.ContractEvents.awardingBody;
import static eu.microcredentials.testsupport.ContractEvents.credential;
import static eu.microcredentials.testsupport.ContractEvents.envelope;
import static eu.microcredentials.testsupport.ContractEvents.newId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import eu.microcredentials.events.data.AwardingBodyRegistered;
import eu.microcredentials.testsupport.AdminEndpoints;
import eu.microcredentials.testsupport.ContractProducer;
import eu.microcredentials.testsupport.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The registry's read model can be thrown away and rebuilt from the topics, with the same content. */
@QuarkusTest
class RegistryRebuildTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** A rebuild replays every record of its topics on the broker, which the other tests share. */
    private static final Duration REBUILD_DEADLINE = Duration.ofMinutes(5);
    private static final String OPERATOR_KEY = "test-registry-operator-key";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void a_rebuild_replays_the_topics_into_the_same_read_model() {
        String body = newId();
        List<String> credentials = List.of(newId(), newId(), newId());
        AwardingBodyRegistered registered = awardingBody(body, "Rebuild University " + body, "FR");
        try (ContractProducer kafka = new ContractProducer(bootstrapServers)) {
            kafka.publish(envelope(registered, 1, body, "FR"));
            for (String id : credentials) {
                kafka.publish(envelope(credential(id, body, "did:example:" + newId(), "FR", new BigDecimal("4")), 1,
                        body, "FR"));
            }
        }
        Map<String, Map<String, Object>> before = new LinkedHashMap<>();
        Eventually.await(DEADLINE, () -> {
            for (String id : credentials) {
                before.put(id, given().when().get("/api/v1/registry/credentials/{id}", id)
                        .then().statusCode(200)
                        .body("awardingBodyName", equalTo(registered.legalName()))
                        .extract().jsonPath().getMap(""));
            }
        });

        // waits until the rebuilt model has been swapped in, and fails unless it equals the live one
        AdminEndpoints.rebuildAndAwait(OPERATOR_KEY, "registry", REBUILD_DEADLINE);

        for (String id : credentials) {
            Map<String, Object> after = given().when().get("/api/v1/registry/credentials/{id}", id)
                    .then().statusCode(200)
                    .body("awardingBodyName", equalTo(registered.legalName()))
                    .extract().jsonPath().getMap("");
            assertEquals(before.get(id), after, "credential " + id + " after the rebuild");
        }
        given().queryParam("awardingBody", body).when().get("/api/v1/registry/credentials")
                .then().statusCode(200)
                .body("total", equalTo(credentials.size()));
        AdminEndpoints.asOperator(OPERATOR_KEY).when().get("/admin/projections")
                .then().statusCode(200)
                .body("find { it.name == 'registry' }.state", equalTo("RUNNING"));
    }

    @Test
    void rebuilding_an_unknown_projection_answers_404() {
        AdminEndpoints.asOperator(OPERATOR_KEY).when().post("/admin/projections/{name}/rebuild", "no-such-projection")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }
}
