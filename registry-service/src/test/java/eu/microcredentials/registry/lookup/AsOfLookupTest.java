package eu.microcredentials.registry.lookup;

import static eu.microcredentials.testsupport.ContractEvents.awardingBody;
import static eu.microcredentials.testsupport.ContractEvents.credential;
import static eu.microcredentials.testsupport.ContractEvents.envelope;
import static eu.microcredentials.testsupport.ContractEvents.newId;
import static eu.microcredentials.testsupport.ContractEvents.signed;
import static eu.microcredentials.testsupport.ContractEvents.signingKeyAdded;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.jwk.ECKey;
import eu.microcredentials.events.data.AccreditationGranted;
import eu.microcredentials.events.data.AccreditationWithdrawn;
import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.events.data.CredentialRevoked;
import eu.microcredentials.events.data.CredentialSuspended;
import eu.microcredentials.registry.support.VcJwts;
import eu.microcredentials.testsupport.AdminEndpoints;
import eu.microcredentials.testsupport.ContractProducer;
import eu.microcredentials.testsupport.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * As-of answers and correction links from the registry's record of the log, on real Kafka and PostgreSQL:
 * the issuer's and the registry's events are published as the contract says, with times in the past.
 */
@QuarkusTest
class AsOfLookupTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** A rebuild replays every record of its topics on the broker, which the other tests share. */
    private static final Duration REBUILD_DEADLINE = Duration.ofMinutes(5);
    private static final String COUNTRY = "IE";
    private static final String OPERATOR_KEY = "test-registry-operator-key";
    private static final String DEQAR = "https://www.eqar.eu/qa-results/report/777";
    private static final Instant ISSUED = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofDays(20));
    private static final Instant REVOKED_FROM = ISSUED.plus(Duration.ofDays(2));
    private static final Instant REVOCATION_RECORDED = ISSUED.plus(Duration.ofDays(5));
    private static final Instant WITHDRAWN_FROM = ISSUED.plus(Duration.ofDays(1));
    private static final Instant WITHDRAWAL_DECIDED = ISSUED.plus(Duration.ofDays(4));

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
    void as_of_an_instant_the_answer_tells_what_is_known_now_and_what_was_known_then() {
        Story story = retroactivelyRevokedWithAccreditationWithdrawnBackdated();

        asOf(story.credentialId(), ISSUED.plus(Duration.ofDays(3)))
                .body("status", equalTo("REVOKED"))
                .body("asOf.instant", equalTo(ISSUED.plus(Duration.ofDays(3)).toString()))
                .body("asOf.knownNow.status", equalTo("REVOKED"))
                .body("asOf.knownThen.status", equalTo("ACTIVE"))
                .body("asOf.knownNow.accredited", equalTo(false))
                .body("asOf.knownNow.accreditation", containsString("withdrawn from " + WITHDRAWN_FROM))
                .body("asOf.knownThen.accredited", equalTo(true))
                .body("asOf.differs", equalTo(true))
                .body("asOf.knownNow.statusDetail", nullValue());
        asOf(story.credentialId(), ISSUED.plus(Duration.ofHours(12)))
                .body("asOf.knownNow.status", equalTo("ACTIVE"))
                .body("asOf.knownThen.status", equalTo("ACTIVE"))
                .body("asOf.knownNow.accredited", equalTo(true))
                .body("asOf.differs", equalTo(false));
        asOf(story.credentialId(), REVOCATION_RECORDED.plus(Duration.ofDays(1)))
                .body("asOf.knownNow.status", equalTo("REVOKED"))
                .body("asOf.knownThen.status", equalTo("REVOKED"))
                .body("asOf.knownThen.accredited", equalTo(false))
                .body("asOf.differs", equalTo(false));
        asOf(story.credentialId(), ISSUED.minus(Duration.ofDays(1)))
                .body("asOf.knownNow.status", equalTo("NOT_YET_ISSUED"))
                .body("asOf.knownThen.status", equalTo("NOT_YET_ISSUED"))
                .body("issuedAt", equalTo(ISSUED.toString()));
        // the same instant written with another offset is the same answer
        given().queryParam("asOf", "2026-03-02T01:00:00+01:00").when()
                .get("/api/v1/registry/credentials/{id}", story.credentialId())
                .then().statusCode(200).body("asOf.instant", equalTo("2026-03-02T00:00:00Z"));
        given().when().get("/api/v1/registry/credentials/{id}", story.credentialId())
                .then().statusCode(200).body("asOf", nullValue());
    }

    @Test
    void operators_see_the_reason_and_dates_of_the_change_in_effect_in_each_view() {
        Story story = retroactivelyRevokedWithAccreditationWithdrawnBackdated();
        given().header("Authorization", "Bearer " + OPERATOR_KEY)
                .queryParam("asOf", REVOCATION_RECORDED.plus(Duration.ofDays(1)).toString())
                .when().get("/api/v1/registry/credentials/{id}", story.credentialId())
                .then().statusCode(200)
                .body("asOf.knownNow.statusDetail.reason", equalTo("fraud"))
                .body("asOf.knownNow.statusDetail.effectiveFrom", equalTo(REVOKED_FROM.toString()))
                .body("asOf.knownNow.statusDetail.recordedAt", equalTo(REVOCATION_RECORDED.toString()))
                .body("asOf.knownThen.statusDetail.reason", equalTo("fraud"));
        given().header("Authorization", "Bearer another-key")
                .queryParam("asOf", REVOCATION_RECORDED.plus(Duration.ofDays(1)).toString())
                .when().get("/api/v1/registry/credentials/{id}", story.credentialId())
                .then().statusCode(200)
                .body("asOf.knownNow.status", equalTo("REVOKED"))
                .body("asOf.knownNow.statusDetail", nullValue());
    }

    @Test
    void a_bad_as_of_is_refused_naming_the_parameter_and_an_unknown_credential_is_not_found() {
        String credentialId = retroactivelyRevokedWithAccreditationWithdrawnBackdated().credentialId();
        for (String bad : List.of("yesterday", "2026-03-02", "2026-03-02T00:00:00", " ")) {
            given().queryParam("asOf", bad).when().get("/api/v1/registry/credentials/{id}", credentialId)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.pointer", hasItem("/query/asOf"))
                    .body("errors.reason", hasItem(startsWith("must be an ISO-8601 instant")));
            given().queryParam("asOf", bad).when().get("/api/v1/registry/credentials/{id}/verification", credentialId)
                    .then().statusCode(400)
                    .body("errors.pointer", hasItem("/query/asOf"));
        }
        given().queryParam("asOf", "2026-03-02T00:00:00Z").when().get("/api/v1/registry/credentials/{id}", newId())
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void a_correction_links_old_and_new_both_ways_from_either_event() {
        String body = registeredBody();
        String old = newId();
        String replacement = newId();
        String learner = "mailto:" + newId() + "@example.org";
        kafka.publish(envelope(credential(old, body, learner, COUNTRY, new BigDecimal("3")), 1, body, COUNTRY));
        kafka.publish(envelope(superseding(credential(replacement, body, learner, COUNTRY, new BigDecimal("3")), old),
                1, body, COUNTRY));
        // the new credential names the old one before the old one's revocation arrives: both ways already
        Eventually.await(DEADLINE, () -> given().when().get("/api/v1/registry/credentials/{id}", old)
                .then().statusCode(200)
                .body("supersededBy", equalTo(replacement))
                .body("supersedes", nullValue()));
        given().when().get("/api/v1/registry/credentials/{id}", replacement)
                .then().statusCode(200)
                .body("supersedes", equalTo(old))
                .body("supersededBy", nullValue());

        revokedAsSuperseded(body, old, replacement);
        given().queryParam("learner", learner).when().get("/api/v1/registry/credentials")
                .then().statusCode(200)
                .body("items.find { it.id == '%s' }.supersededBy".formatted(old), equalTo(replacement))
                .body("items.find { it.id == '%s' }.supersedes".formatted(replacement), equalTo(old));
    }

    @Test
    void a_revocation_carrying_the_link_alone_links_the_old_credential_to_the_new() {
        String body = registeredBody();
        String old = newId();
        String replacement = newId();
        kafka.publish(envelope(credential(old, body, "did:example:" + newId(), COUNTRY, new BigDecimal("2")), 1, body,
                COUNTRY));
        revokedAsSuperseded(body, old, replacement);
    }

    @Test
    void a_verification_as_of_an_instant_weighs_the_status_in_effect_then() {
        String body = registeredBody();
        ECKey key = VcJwts.p256Key();
        kafka.publish(envelope(signingKeyAdded(body, key, ISSUED.minus(Duration.ofDays(1))), 2, body, COUNTRY));
        String credentialId = newId();
        String learner = "did:example:" + newId();
        String vc = VcJwts.sign(VcJwts.credential(credentialId, body, learner, ISSUED), key);
        kafka.publish(envelope(signed(credential(credentialId, body, learner, COUNTRY, new BigDecimal("5")), vc,
                key.getKeyID(), ISSUED), 1, body, COUNTRY));
        kafka.publish(envelope(new CredentialRevoked(credentialId, body, "fraud", REVOKED_FROM, "operator", null,
                REVOCATION_RECORDED), 2, body, COUNTRY));
        Eventually.await(DEADLINE, () -> verify(Map.of("credential", vc), null)
                .body("status", equalTo("REVOKED"))
                .body("checks.find { it.name == 'signature' }.passed", equalTo(true)));

        Instant between = ISSUED.plus(Duration.ofDays(3));
        verify(Map.of("credential", vc, "asOf", between.toString()), null)
                .body("verified", equalTo(false))
                .body("status", equalTo("REVOKED"))
                .body("asOf.knownNow.status", equalTo("REVOKED"))
                .body("asOf.knownThen.status", equalTo("ACTIVE"))
                .body("asOf.differs", equalTo(true))
                .body("statusDetail", nullValue())
                .body("checks.find { it.name == 'status' }.detail",
                        equalTo("status at " + between + " is REVOKED (as known at " + between + ": ACTIVE)"));
        Instant before = ISSUED.plus(Duration.ofDays(1));
        verify(Map.of("credential", vc), before.toString())
                .body("verified", equalTo(true))
                .body("status", equalTo("ACTIVE"))
                .body("asOf.instant", equalTo(before.toString()));
        verify(Map.of("credential", vc, "asOf", ISSUED.minus(Duration.ofDays(1)).toString()), null)
                .body("verified", equalTo(false))
                .body("status", nullValue())
                .body("asOf.knownNow.status", equalTo("NOT_YET_ISSUED"))
                .body("checks.find { it.name == 'status' }.detail", startsWith("not yet issued at "));
        given().header("Authorization", "Bearer " + OPERATOR_KEY).queryParam("asOf", between.toString())
                .when().get("/api/v1/registry/credentials/{id}/verification", credentialId)
                .then().statusCode(200)
                .body("status", equalTo("REVOKED"))
                .body("statusDetail.reason", equalTo("fraud"))
                .body("asOf.knownNow.statusDetail.effectiveFrom", equalTo(REVOKED_FROM.toString()))
                .body("asOf.knownThen.statusDetail", nullValue());

        given().contentType(ContentType.JSON).body(Map.of("credential", vc, "asOf", "not a time"))
                .queryParam("asOf", "neither")
                .when().post("/api/v1/verifications")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.pointer", hasItems("/asOf", "/query/asOf"));
        given().contentType(ContentType.JSON).body(Map.of("credential", vc, "asOf", between.toString()))
                .queryParam("asOf", before.toString())
                .when().post("/api/v1/verifications")
                .then().statusCode(400)
                .body("errors.pointer", hasItem("/query/asOf"));
    }

    @Test
    void a_rebuild_from_the_log_reproduces_the_as_of_answers_and_the_links() {
        Story story = retroactivelyRevokedWithAccreditationWithdrawnBackdated();
        String replacement = newId();
        kafka.publish(envelope(superseding(credential(replacement, story.awardingBody(), "did:example:" + newId(),
                COUNTRY, new BigDecimal("3")), story.credentialId()), 1, story.awardingBody(), COUNTRY));
        List<Instant> instants = List.of(ISSUED.minus(Duration.ofDays(1)), ISSUED.plus(Duration.ofDays(3)),
                REVOCATION_RECORDED.plus(Duration.ofDays(1)));
        Eventually.await(DEADLINE, () -> given().when().get("/api/v1/registry/credentials/{id}", replacement)
                .then().statusCode(200).body("supersedes", equalTo(story.credentialId())));
        Map<String, Object> before = answers(story.credentialId(), instants);

        // each waits until the rebuilt model has been swapped in, and fails unless it equals the live one
        AdminEndpoints.rebuildAndAwait(OPERATOR_KEY, "registry", REBUILD_DEADLINE);
        AdminEndpoints.rebuildAndAwait(OPERATOR_KEY, "accreditations", REBUILD_DEADLINE);

        assertEquals(before, answers(story.credentialId(), instants));
    }

    /** Every as-of answer an operator gets for the instants, and the plain record. */
    private static Map<String, Object> answers(String credentialId, List<Instant> instants) {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("now", given().when().get("/api/v1/registry/credentials/{id}", credentialId)
                .then().statusCode(200).extract().jsonPath().getMap(""));
        for (Instant instant : instants) {
            answers.put(instant.toString(), given().header("Authorization", "Bearer " + OPERATOR_KEY)
                    .queryParam("asOf", instant.toString())
                    .when().get("/api/v1/registry/credentials/{id}", credentialId)
                    .then().statusCode(200).extract().jsonPath().getMap("asOf"));
        }
        return answers;
    }

    /** A credential issued 20 days ago, revoked from day 2 as recorded on day 5; its body's accreditation withdrawn from day 1 as decided on day 4. */
    private record Story(String awardingBody, String credentialId) {
    }

    private Story retroactivelyRevokedWithAccreditationWithdrawnBackdated() {
        String body = registeredBody();
        String credentialId = newId();
        kafka.publish(envelope(new AccreditationGranted(body, "QQI", DEQAR, ISSUED.minus(Duration.ofDays(30)), null,
                "operator", ISSUED.minus(Duration.ofDays(30))), 1, body, COUNTRY));
        kafka.publish(envelope(new AccreditationWithdrawn(body, "QQI", DEQAR, "review failed", WITHDRAWN_FROM, "operator",
                WITHDRAWAL_DECIDED), 2, body, COUNTRY));
        CredentialIssued issued = credential(credentialId, body, "did:example:" + newId(), COUNTRY, new BigDecimal("4"));
        kafka.publish(envelope(signed(issued, null, null, ISSUED), 1, body, COUNTRY));
        kafka.publish(envelope(new CredentialRevoked(credentialId, body, "fraud", REVOKED_FROM, "operator", null,
                REVOCATION_RECORDED), 2, body, COUNTRY));
        Eventually.await(DEADLINE, () -> asOf(credentialId, ISSUED.plus(Duration.ofDays(3)))
                .body("status", equalTo("REVOKED"))
                .body("asOf.knownNow.accredited", equalTo(false)));
        return new Story(body, credentialId);
    }

    /** The issuer revokes the old credential as superseded by its replacement; the registry follows. */
    private void revokedAsSuperseded(String body, String old, String replacement) {
        kafka.publish(envelope(new CredentialRevoked(old, body, "SUPERSEDED", null, "issuer", replacement, Instant.now()),
                2, body, COUNTRY));
        Eventually.await(DEADLINE, () -> given().when().get("/api/v1/registry/credentials/{id}", old)
                .then().statusCode(200)
                .body("status", equalTo("REVOKED"))
                .body("supersededBy", equalTo(replacement)));
    }

    private String registeredBody() {
        String body = newId();
        kafka.publish(envelope(awardingBody(body, "As-of University " + body, COUNTRY), 1, body, COUNTRY));
        return body;
    }

    private static CredentialIssued superseding(CredentialIssued c, String supersedes) {
        return new CredentialIssued(c.credentialId(), c.awardingBodyId(), c.coAwardingBodyIds(), c.issuerCountries(),
                c.learner(), c.title(), c.issuedOn(), c.learningOutcomes(), c.workload(), c.level(), c.assessment(),
                c.participation(), c.qualityAssurance(), c.prerequisites(), c.supervision(), c.grade(), c.stackability(),
                c.furtherInformation(), c.verifiableCredential(), c.signingKeyId(), c.credentialStatus(), supersedes,
                c.issuedAt());
    }

    private static ValidatableResponse asOf(String credentialId, Instant instant) {
        return given().queryParam("asOf", instant.toString()).when().get("/api/v1/registry/credentials/{id}", credentialId)
                .then().statusCode(200).contentType(ContentType.JSON);
    }

    private static ValidatableResponse verify(Map<String, String> body, String asOfQuery) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (asOfQuery != null) {
            request = request.queryParam("asOf", asOfQuery);
        }
        return request.when().post("/api/v1/verifications").then().statusCode(200).contentType(ContentType.JSON);
    }
}
