package eu.microcredentials.recognition.holdings;

import static eu.microcredentials.testsupport.ContractEvents.credential;
import static eu.microcredentials.testsupport.ContractEvents.envelope;
import static eu.microcredentials.testsupport.ContractEvents.newId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import eu.microcredentials.events.data.CredentialReinstated;
import eu.microcredentials.events.data.CredentialRevoked;
import eu.microcredentials.events.data.CredentialSuspended;
import eu.microcredentials.testsupport.Eventually;
import eu.microcredentials.recognition.support.ContractKafkaTest;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A suspended or revoked credential stops counting for its learner; a reinstated one counts again. */
@QuarkusTest
class HeldCredentialStatusTest extends ContractKafkaTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void onlyActiveCredentialsCount() {
        String learner = "did:example:" + newId();
        String body = newId();
        String kept = newId();
        String changing = newId();
        kafka.publish(envelope(credential(kept, body, learner, "PT", new BigDecimal("2")), 1, body, "PT"));
        kafka.publish(envelope(credential(changing, body, learner, "PT", new BigDecimal("3")), 1, body, "PT"));
        awaitActiveEcts(learner, "5");

        Instant now = Instant.now();
        kafka.publish(envelope(new CredentialSuspended(changing, body, "check", "operator", now), 2, body, "PT"));
        awaitActiveEcts(learner, "2");
        kafka.publish(envelope(new CredentialReinstated(changing, body, "ok", "operator", now), 3, body, "PT"));
        awaitActiveEcts(learner, "5");
        kafka.publish(envelope(new CredentialRevoked(changing, body, "fraud", now, "operator", null, now), 4, body, "PT"));
        awaitActiveEcts(learner, "2");
        given().when().get("/api/v1/held-credentials/{id}", changing).then().statusCode(200)
                .body("status", equalTo("REVOKED"));
    }

    private void awaitActiveEcts(String learner, String ects) {
        Eventually.await(DEADLINE, () -> {
            String active = given().when().get("/api/v1/learners/{learner}/credentials", learner)
                    .then().statusCode(200).extract().path("activeEcts").toString();
            if (new BigDecimal(active).compareTo(new BigDecimal(ects)) != 0) {
                throw new AssertionError("active ECTS " + active + ", expected " + ects);
            }
        });
    }
}
