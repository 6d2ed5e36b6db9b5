package eu.microcredentials.recognition.holdings;

import static eu.microcredentials.testsupport.ContractEvents.credential;
import static eu.microcredentials.testsupport.ContractEvents.envelope;
import static eu.microcredentials.testsupport.ContractEvents.newId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import eu.microcredentials.events.data.AccreditationGranted;
import eu.microcredentials.events.data.AccreditationWithdrawn;
import eu.microcredentials.testsupport.Eventually;
import eu.microcredentials.recognition.support.ContractKafkaTest;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** Each held credential says whether its awarding body was accredited when it was issued, and is now. */
@QuarkusTest
class AccreditationStandingTest extends ContractKafkaTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

    @Test
    void a_body_never_accredited_is_neither_at_issuance_nor_now() {
        String learner = "did:example:" + newId();
        String body = newId();
        String credentialId = newId();
        kafka.publish(envelope(credential(credentialId, body, learner, "PT", BigDecimal.ONE), 1, body, "PT"));
        awaitStanding(credentialId, false, false);
        given().when().get("/api/v1/learners/{learner}/credentials", learner).then().statusCode(200)
                .body("credentials[0].accreditedAtIssuance", equalTo(false))
                .body("credentials[0].accreditedNow", equalTo(false));
    }

    @Test
    void a_withdrawal_from_now_on_keeps_the_accreditation_at_issuance() {
        String learner = "did:example:" + newId();
        String body = newId();
        String credentialId = newId();
        kafka.publish(envelope(new AccreditationGranted(body, "A3ES", null, LONG_AGO, null, "registry-operator",
                Instant.now()), 1, body, "PT"));
        kafka.publish(envelope(credential(credentialId, body, learner, "PT", BigDecimal.ONE), 1, body, "PT"));
        awaitStanding(credentialId, true, true);
        given().when().get("/api/v1/learners/{learner}/credentials", learner).then().statusCode(200)
                .body("credentials[0].id", equalTo(credentialId))
                .body("credentials[0].accreditedAtIssuance", equalTo(true))
                .body("credentials[0].accreditedNow", equalTo(true));

        Instant withdrawnFrom = Instant.now().plusMillis(1).truncatedTo(ChronoUnit.MILLIS);
        kafka.publish(envelope(new AccreditationWithdrawn(body, "A3ES", null, "audit failed", withdrawnFrom,
                "registry-operator", withdrawnFrom), 2, body, "PT"));
        awaitStanding(credentialId, true, false);
    }

    @Test
    void a_backdated_withdrawal_before_the_issuance_takes_both_away() {
        String learner = "did:example:" + newId();
        String body = newId();
        String credentialId = newId();
        kafka.publish(envelope(new AccreditationGranted(body, "NVAO", null, LONG_AGO, null, "registry-operator",
                Instant.now()), 1, body, "NL"));
        kafka.publish(envelope(credential(credentialId, body, learner, "NL", BigDecimal.ONE), 1, body, "NL"));
        awaitStanding(credentialId, true, true);

        kafka.publish(envelope(new AccreditationWithdrawn(body, "NVAO", null, "fraud", Instant.parse("2021-01-01T00:00:00Z"),
                "registry-operator", Instant.now()), 2, body, "NL"));
        awaitStanding(credentialId, false, false);
    }

    private static void awaitStanding(String credentialId, boolean atIssuance, boolean now) {
        Eventually.await(DEADLINE, () -> given().when().get("/api/v1/held-credentials/{id}", credentialId)
                .then().statusCode(200)
                .body("id", equalTo(credentialId))
                .body("accreditedAtIssuance", equalTo(atIssuance))
                .body("accreditedNow", equalTo(now)));
    }
}
