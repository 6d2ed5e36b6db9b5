package eu.microcredentials.registry.projection;

import static eu.microcredentials.testsupport.ContractEvents.awardingBody;
import static eu.microcredentials.testsupport.ContractEvents.credential;
import static eu.microcredentials.testsupport.ContractEvents.envelope;
import static eu.microcredentials.testsupport.ContractEvents.newId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import eu.microcredentials.events.data.CredentialReinstated;
import eu.microcredentials.events.data.CredentialRevoked;
import eu.microcredentials.events.data.CredentialSuspended;
import eu.microcredentials.testsupport.ContractProducer;
import eu.microcredentials.testsupport.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry follows every status change of a credential from the log, and keeps why and when privately. */
@QuarkusTest
class CredentialStatusTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private ContractProducer kafka;

    @BeforeEach
    void connect() {
        kafka = new ContractProducer(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void suspensionReinstatementAndRevocationAreFollowedInOrder() {
        String body = newId();
        String credentialId = newId();
        kafka.publish(envelope(awardingBody(body, "Status University " + body, "PT"), 1, body, "PT"));
        kafka.publish(envelope(credential(credentialId, body, "mailto:" + newId() + "@example.org", "PT",
                new BigDecimal("3")), 1, body, "PT"));
        awaitStatus(credentialId, "ACTIVE");

        Instant now = Instant.now();
        kafka.publish(envelope(new CredentialSuspended(credentialId, body, "under investigation", "operator", now), 2, body, "PT"));
        awaitStatus(credentialId, "SUSPENDED");
        kafka.publish(envelope(new CredentialReinstated(credentialId, body, "cleared", "operator", now.plusSeconds(1)), 3, body, "PT"));
        awaitStatus(credentialId, "ACTIVE");
        Instant retroactive = now.minus(Duration.ofDays(3));
        kafka.publish(envelope(new CredentialRevoked(credentialId, body, "fraud", retroactive, "operator", null, now.plusSeconds(2)),
                4, body, "PT"));
        awaitStatus(credentialId, "REVOKED");

        List<String> history = new ArrayList<>();
        pool.preparedQuery("SELECT status, reason, effective_from FROM registry_status_change WHERE credential_id = $1 "
                        + "ORDER BY recorded_at")
                .execute(Tuple.of(credentialId)).await().atMost(DEADLINE)
                .forEach(row -> history.add(row.getString("status") + ":" + row.getString("reason")));
        assertEquals(List.of("SUSPENDED:under investigation", "ACTIVE:cleared", "REVOKED:fraud"), history);
        Instant effective = pool.preparedQuery("SELECT effective_from FROM registry_status_change WHERE credential_id = $1 "
                        + "AND status = 'REVOKED'").execute(Tuple.of(credentialId)).await().atMost(DEADLINE)
                .iterator().next().getOffsetDateTime("effective_from").toInstant();
        assertEquals(retroactive.toEpochMilli(), effective.toEpochMilli(), "a retroactive revocation keeps its effective date");
        given().when().get("/api/v1/registry/credentials/{id}", credentialId).then().statusCode(200)
                .body("status", equalTo("REVOKED"));
    }

    private void awaitStatus(String credentialId, String status) {
        Eventually.await(DEADLINE, () -> given().when().get("/api/v1/registry/credentials/{id}", credentialId)
                .then().statusCode(200).body("status", equalTo(status)));
    }
}
