package eu.microcredentials.registry.audit;

import static eu.microcredentials.testsupport.ContractEvents.awardingBody;
import static eu.microcredentials.testsupport.ContractEvents.credential;
import static eu.microcredentials.testsupport.ContractEvents.envelope;
import static eu.microcredentials.testsupport.ContractEvents.issuedBy;
import static eu.microcredentials.testsupport.ContractEvents.newId;
import static eu.microcredentials.testsupport.ContractEvents.signed;
import static eu.microcredentials.testsupport.ContractEvents.signingKeyAdded;
import static eu.microcredentials.testsupport.ContractEvents.signingKeyRetired;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.jwk.ECKey;
import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.data.AccreditationGranted;
import eu.microcredentials.events.data.AccreditationWithdrawn;
import eu.microcredentials.events.data.CredentialReinstated;
import eu.microcredentials.events.data.CredentialRevoked;
import eu.microcredentials.events.data.CredentialSuspended;
import eu.microcredentials.events.data.SigningKeyAdded;
import eu.microcredentials.registry.support.VcJwts;
import eu.microcredentials.testsupport.AdminEndpoints;
import eu.microcredentials.testsupport.ContractProducer;
import eu.microcredentials.testsupport.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A credential's audit trail on real Kafka and PostgreSQL: its own events, its signing key's and its
 * awarding body's accreditation, each with its CloudEvents metadata, actor, recorded and effective time.
 */
@QuarkusTest
class CredentialHistoryTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** A rebuild replays every record of its topics on the broker, which the other tests share. */
    private static final Duration REBUILD_DEADLINE = Duration.ofMinutes(5);
    private static final String COUNTRY = "HR";
    private static final String OPERATOR_KEY = "test-registry-operator-key";
    private static final String DEQAR = "https://www.eqar.eu/qa-results/report/4242";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Instant ISSUED = NOW.minus(Duration.ofDays(10));

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    /** What was published for one credential's life, and the ids that must (not) show in its trail. */
    private record Life(String awardingBodyId, String credentialId, List<EventEnvelope> expected, String otherCredential) {
    }

    @Test
    void the_history_shows_every_event_that_matters_to_the_credential_with_its_metadata() {
        Life life = publishLife();
        awaitComplete(life);

        ValidatableResponse history = history(life.credentialId());
        history.body("credentialId", equalTo(life.credentialId()))
                .body("events.id", contains(life.expected().stream().map(e -> e.id().toString()).toArray()))
                .body("events.type", contains(life.expected().stream().map(e -> e.type().type()).toArray()))
                .body("events.subject", contains(life.expected().stream().map(EventEnvelope::subject).toArray()))
                .body("events.sequence", contains(life.expected().stream().map(e -> (int) e.sequence()).toArray()))
                .body("events.source", everyItem(equalTo("/test")))
                .body("events.time", everyItem(notNullValue()))
                .body("events.kafka.topic", contains("mc.accreditations.v1", "mc.awarding-bodies.v1",
                        "mc.credentials.v1", "mc.credentials.v1", "mc.credentials.v1", "mc.accreditations.v1",
                        "mc.credentials.v1"))
                .body("events.concerns", contains("accreditation", "signing-key", "credential", "credential",
                        "credential", "accreditation", "credential"))
                .body("events.data.credentialId", not(hasItem(life.otherCredential())));
        assertEquals("operator-3", history.extract().jsonPath().getString("events[1].actor"), "who added the key");
        assertEquals(life.awardingBodyId(), history.extract().jsonPath().getString("events[2].actor"), "who issued it");
        Map<String, Object> revocation = history.extract().jsonPath().getMap("events[6]");
        assertEquals("operator-7", revocation.get("actor"));
        assertEquals(ISSUED.plus(Duration.ofDays(6)).toString(), revocation.get("recordedAt"));
        assertEquals(ISSUED.plus(Duration.ofDays(1)).toString(), revocation.get("effectiveFrom"), "retroactive");
        Map<String, Object> withdrawal = history.extract().jsonPath().getMap("events[5]");
        assertEquals(ISSUED.plus(Duration.ofDays(5)).toString(), withdrawal.get("recordedAt"));
        assertEquals(ISSUED.plus(Duration.ofDays(2)).toString(), withdrawal.get("effectiveFrom"), "backdated");
        assertEquals("review failed", history.extract().jsonPath().getString("events[5].data.reason"));
    }

    @Test
    void only_operators_see_a_history_and_an_unknown_credential_has_none() {
        Life life = publishLife();
        awaitComplete(life);
        given().when().get("/api/v1/registry/credentials/{id}/history", life.credentialId())
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer another-key")
                .when().get("/api/v1/registry/credentials/{id}/history", life.credentialId())
                .then().statusCode(401);
        given().header("Authorization", "Bearer " + OPERATOR_KEY)
                .when().get("/api/v1/registry/credentials/{id}/history", newId())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void a_rebuild_from_the_log_reproduces_the_history() {
        Life life = publishLife();
        awaitComplete(life);
        String before = history(life.credentialId()).extract().asString();

        // waits until the rebuilt history has been swapped in, and fails unless it equals the live one
        AdminEndpoints.rebuildAndAwait(OPERATOR_KEY, "history", REBUILD_DEADLINE);

        assertEquals(before, history(life.credentialId()).extract().asString());
    }

    /**
     * An accredited body with two keys signs a credential with the first; the credential is suspended,
     * reinstated and revoked retroactively, the accreditation withdrawn with a backdated effect. The second
     * key, the body's registration and another credential of the body do not matter to it.
     */
    private Life publishLife() {
        String body = newId();
        String credentialId = newId();
        String other = newId();
        ECKey key = VcJwts.p256Key();
        ECKey otherKey = VcJwts.p256Key();
        String learner = "did:example:" + newId();
        EventEnvelope granted = envelope(new AccreditationGranted(body, "ASHE", DEQAR, ISSUED.minus(Duration.ofDays(60)),
                null, "operator-1", ISSUED.minus(Duration.ofDays(60))), 1, body, COUNTRY);
        SigningKeyAdded added = signingKeyAdded(body, key, ISSUED.minus(Duration.ofDays(1)));
        EventEnvelope keyAdded = envelope(new SigningKeyAdded(added.awardingBodyId(), added.keyId(), added.algorithm(),
                added.publicKeyJwk(), added.activeFrom(), "operator-3"), 2, body, COUNTRY);
        EventEnvelope issued = envelope(issuedBy(signed(credential(credentialId, body, learner, COUNTRY,
                new BigDecimal("2")), VcJwts.sign(VcJwts.credential(credentialId, body, learner, ISSUED), key),
                key.getKeyID(), ISSUED), body), 1, body, COUNTRY);
        EventEnvelope suspended = envelope(new CredentialSuspended(credentialId, body, "under review", "operator-7",
                ISSUED.plus(Duration.ofDays(3))), 2, body, COUNTRY);
        EventEnvelope reinstated = envelope(new CredentialReinstated(credentialId, body, "cleared", "operator-7",
                ISSUED.plus(Duration.ofDays(4))), 3, body, COUNTRY);
        EventEnvelope withdrawn = envelope(new AccreditationWithdrawn(body, "ASHE", DEQAR, "review failed",
                ISSUED.plus(Duration.ofDays(2)), "operator-1", ISSUED.plus(Duration.ofDays(5))), 2, body, COUNTRY);
        EventEnvelope revoked = envelope(new CredentialRevoked(credentialId, body, "fraud", ISSUED.plus(Duration.ofDays(1)),
                "operator-7", null, ISSUED.plus(Duration.ofDays(6))), 4, body, COUNTRY);
        try (ContractProducer kafka = new ContractProducer(bootstrapServers)) {
            kafka.publish(envelope(awardingBody(body, "History University " + body, COUNTRY), 1, body, COUNTRY));
            kafka.publish(granted);
            // a key's recorded time is when its event was written: before the credential it signs
            kafka.publish(withTime(keyAdded, ISSUED.minus(Duration.ofDays(1))));
            kafka.publish(envelope(signingKeyAdded(body, otherKey, NOW), 3, body, COUNTRY));
            kafka.publish(envelope(signingKeyRetired(body, otherKey.getKeyID(), NOW), 4, body, COUNTRY));
            kafka.publish(issued);
            kafka.publish(envelope(credential(other, body, learner, COUNTRY, new BigDecimal("1")), 1, body, COUNTRY));
            kafka.publish(suspended);
            kafka.publish(reinstated);
            kafka.publish(withdrawn);
            kafka.publish(revoked);
        }
        return new Life(body, credentialId, List.of(granted, withTime(keyAdded, ISSUED.minus(Duration.ofDays(1))), issued,
                suspended, reinstated, withdrawn, revoked), other);
    }

    private static EventEnvelope withTime(EventEnvelope event, Instant time) {
        return new EventEnvelope(event.id(), event.source(), event.type(), event.subject(),
                time.atOffset(ZoneOffset.UTC), event.sequence(), event.awardingBody(), event.country(),
                event.data());
    }

    private static void awaitComplete(Life life) {
        Eventually.await(DEADLINE, () -> history(life.credentialId())
                .body("events.size()", equalTo(life.expected().size())));
    }

    private static ValidatableResponse history(String credentialId) {
        return given().header("Authorization", "Bearer " + OPERATOR_KEY)
                .when().get("/api/v1/registry/credentials/{id}/history", credentialId)
                .then().statusCode(200).contentType("application/json");
    }
}
