package eu.microcredentials.issuer.lifecycle;

import static eu.microcredentials.issuer.support.IssuerApi.PROBLEM_JSON;
import static eu.microcredentials.issuer.support.IssuerApi.asOperator;
import static eu.microcredentials.issuer.support.IssuerApi.because;
import static eu.microcredentials.issuer.support.IssuerApi.fullCredential;
import static eu.microcredentials.issuer.support.IssuerApi.issueCredential;
import static eu.microcredentials.issuer.support.IssuerApi.newLearner;
import static eu.microcredentials.issuer.support.IssuerApi.registerAwardingBody;
import static eu.microcredentials.issuer.support.IssuerApi.reinstate;
import static eu.microcredentials.issuer.support.IssuerApi.revoke;
import static eu.microcredentials.issuer.support.IssuerApi.suspend;
import static eu.microcredentials.issuer.support.IssuerApi.withKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.KafkaCloudEvents;
import eu.microcredentials.events.Topic;
import eu.microcredentials.events.data.CredentialReinstated;
import eu.microcredentials.events.data.CredentialRevoked;
import eu.microcredentials.events.data.CredentialSuspended;
import eu.microcredentials.issuer.support.EventLog;
import eu.microcredentials.issuer.support.IssuerApi.AwardingBody;
import eu.microcredentials.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Revoking, suspending and reinstating over HTTP: every legal transition answers the credential as it
 * stands afterwards, every illegal one 409 naming the current status and records nothing; only the
 * credential's awarding body or an operator may; what is recorded is published in stream order.
 */
@QuarkusTest
class CredentialLifecycleTest {
    private static final Duration KAFKA_DEADLINE = Duration.ofSeconds(30);
    private static final Duration DB_DEADLINE = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private AwardingBody body;
    private String credential;

    @BeforeEach
    void anIssuedCredential() {
        body = registerAwardingBody("PT");
        credential = issueCredential(body, fullCredential(newLearner()));
    }

    private long eventsOf(String streamId) {
        return pool.preparedQuery("SELECT count(*) AS events FROM event_store WHERE stream_id = $1")
                .execute(Tuple.of(streamId)).await().atMost(DB_DEADLINE).iterator().next().getLong("events");
    }

    private Instant issuedAt() {
        return Instant.parse(body.request().when().get("/api/v1/credentials/{id}", credential)
                .then().statusCode(200).extract().path("issuedAt"));
    }

    @Test
    void revoking_an_active_credential_answers_it_revoked_with_its_history_and_reading_it_says_so() {
        Instant before = Instant.now();

        revoke(body.request(), credential, because("Issued in error"))
                .then().statusCode(200)
                .body("id", equalTo(credential))
                .body("status", equalTo("REVOKED"))
                .body("statusHistory.size()", equalTo(1))
                .body("statusHistory[0].status", equalTo("REVOKED"))
                .body("statusHistory[0].reason", equalTo("Issued in error"))
                .body("statusHistory[0].actor", equalTo(body.id()));

        Response read = body.request().when().get("/api/v1/credentials/{id}", credential)
                .then().statusCode(200)
                .body("status", equalTo("REVOKED"))
                .body("statusHistory.size()", equalTo(1))
                .body("statusHistory[0].status", equalTo("REVOKED"))
                .body("statusHistory[0].reason", equalTo("Issued in error"))
                .body("statusHistory[0].actor", equalTo(body.id()))
                .body("credential.title", equalTo("Applied Machine Learning"))
                .extract().response();
        Instant recordedAt = Instant.parse(read.path("statusHistory[0].recordedAt"));
        assertEquals(recordedAt, Instant.parse(read.path("statusHistory[0].effectiveFrom")),
                "effective from the moment it was recorded by default");
        assertTrue(!recordedAt.isBefore(before.minusSeconds(5)), "recordedAt " + recordedAt + " is now");
        assertEquals(2, eventsOf(credential));
    }

    @Test
    void suspending_then_reinstating_makes_it_suspended_then_active_again_and_keeps_both_changes() {
        suspend(body.request(), credential, because("Under investigation"))
                .then().statusCode(200)
                .body("status", equalTo("SUSPENDED"))
                .body("statusHistory.status", containsInAnyOrder("SUSPENDED"));
        body.request().when().get("/api/v1/credentials/{id}", credential)
                .then().statusCode(200).body("status", equalTo("SUSPENDED"));

        reinstate(body.request(), credential, because("Investigation closed"))
                .then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("statusHistory.size()", equalTo(2))
                .body("statusHistory[0].status", equalTo("SUSPENDED"))
                .body("statusHistory[0].reason", equalTo("Under investigation"))
                .body("statusHistory[1].status", equalTo("ACTIVE"))
                .body("statusHistory[1].reason", equalTo("Investigation closed"));

        body.request().when().get("/api/v1/credentials/{id}", credential)
                .then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("statusHistory.status", equalTo(List.of("SUSPENDED", "ACTIVE")));
        assertEquals(3, eventsOf(credential));
    }

    @Test
    void a_suspended_credential_can_be_revoked() {
        suspend(body.request(), credential, because("Under investigation")).then().statusCode(200);

        revoke(body.request(), credential, because("Plagiarism confirmed"))
                .then().statusCode(200)
                .body("status", equalTo("REVOKED"))
                .body("statusHistory.status", equalTo(List.of("SUSPENDED", "REVOKED")));
    }

    @Test
    void a_reinstated_credential_can_be_suspended_again() {
        suspend(body.request(), credential, because("First look")).then().statusCode(200);
        reinstate(body.request(), credential, because("Fine")).then().statusCode(200);

        suspend(body.request(), credential, because("Second look"))
                .then().statusCode(200)
                .body("status", equalTo("SUSPENDED"))
                .body("statusHistory.status", equalTo(List.of("SUSPENDED", "ACTIVE", "SUSPENDED")));
    }

    /** Makes the request and checks it answered 409 problem+json naming {@code current}, and recorded nothing. */
    private void assertIllegal(String current, BiFunction<RequestSpecification, String, Response> change) {
        long before = EventLog.count(pool);
        long beforeInStream = eventsOf(credential);

        change.apply(body.request(), credential)
                .then().statusCode(409)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(409))
                .body("currentStatus", equalTo(current))
                .body("detail", containsString("is " + current))
                .body("type", equalTo("https://microcredentials.eu/problems/illegal-status-transition"));

        assertEquals(before, EventLog.count(pool), "events recorded by an illegal transition");
        assertEquals(beforeInStream, eventsOf(credential));
        body.request().when().get("/api/v1/credentials/{id}", credential)
                .then().statusCode(200).body("status", equalTo(current));
    }

    @Test
    void revoking_twice_is_409_revoked() {
        revoke(body.request(), credential, because("Issued in error")).then().statusCode(200);

        assertIllegal("REVOKED", (as, id) -> revoke(as, id, because("Again")));
    }

    @Test
    void reinstating_an_active_credential_is_409_active() {
        assertIllegal("ACTIVE", (as, id) -> reinstate(as, id, because("Nothing to reinstate")));
    }

    @Test
    void suspending_a_revoked_credential_is_409_revoked() {
        revoke(body.request(), credential, because("Issued in error")).then().statusCode(200);

        assertIllegal("REVOKED", (as, id) -> suspend(as, id, because("Too late")));
    }

    @Test
    void suspending_a_suspended_credential_is_409_suspended() {
        suspend(body.request(), credential, because("Under investigation")).then().statusCode(200);

        assertIllegal("SUSPENDED", (as, id) -> suspend(as, id, because("Again")));
    }

    @Test
    void reinstating_a_revoked_credential_is_409_revoked() {
        suspend(body.request(), credential, because("Under investigation")).then().statusCode(200);
        revoke(body.request(), credential, because("Confirmed")).then().statusCode(200);

        assertIllegal("REVOKED", (as, id) -> reinstate(as, id, because("Revocation is final")));
    }

    @Test
    void another_awarding_body_may_not_change_the_status_and_learns_nothing_of_it() {
        AwardingBody other = registerAwardingBody("NL");
        revoke(body.request(), credential, because("Issued in error")).then().statusCode(200);
        long before = EventLog.count(pool);

        for (BiFunction<RequestSpecification, String, Response> change : List.<BiFunction<RequestSpecification, String, Response>>of(
                (as, id) -> revoke(as, id, because("Not mine")),
                (as, id) -> suspend(as, id, because("Not mine")),
                (as, id) -> reinstate(as, id, because("Not mine")))) {
            change.apply(other.request(), credential)
                    .then().statusCode(403)
                    .contentType(PROBLEM_JSON)
                    .body("status", equalTo(403))
                    .body("currentStatus", nullValue());
        }
        assertEquals(before, EventLog.count(pool), "events recorded by another awarding body's attempts");
    }

    @Test
    void without_a_key_or_with_an_unknown_key_it_is_401() {
        long before = EventLog.count(pool);

        revoke(given(), credential, because("Anonymous")).then().statusCode(401).contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", startsWith("Bearer"));
        suspend(withKey("mcak_" + UUID.randomUUID()), credential, because("Unknown")).then().statusCode(401);
        reinstate(given(), credential, because("Anonymous")).then().statusCode(401);

        assertEquals(before, EventLog.count(pool));
    }

    @Test
    void an_operator_may_change_any_credential_s_status_and_is_recorded_as_the_actor() {
        suspend(asOperator(), credential, because("Reported by the national registry"))
                .then().statusCode(200)
                .body("status", equalTo("SUSPENDED"))
                .body("statusHistory[0].actor", equalTo("operator"));
        reinstate(asOperator(), credential, because("Report withdrawn")).then().statusCode(200);
        revoke(asOperator(), credential, because("Awarding body closed")).then().statusCode(200)
                .body("status", equalTo("REVOKED"));
    }

    @Test
    void an_unknown_credential_is_404() {
        long before = EventLog.count(pool);

        revoke(asOperator(), UUID.randomUUID().toString(), because("Who?")).then().statusCode(404)
                .contentType(PROBLEM_JSON);
        suspend(body.request(), UUID.randomUUID().toString(), because("Who?")).then().statusCode(404);
        reinstate(body.request(), "not-a-uuid", because("Who?")).then().statusCode(404).contentType(PROBLEM_JSON);

        assertEquals(before, EventLog.count(pool));
    }

    @Test
    void a_retroactive_revocation_is_effective_from_the_instant_given() {
        Instant issuedAt = issuedAt();
        // retroactive: the very instant it was issued, which has passed
        String effectiveFrom = issuedAt.toString();

        Response revoked = revoke(body.request(), credential, """
                {"reason":"Assessment found invalid","effectiveFrom":"%s"}""".formatted(effectiveFrom))
                .then().statusCode(200)
                .body("status", equalTo("REVOKED"))
                .extract().response();

        assertEquals(issuedAt, Instant.parse(revoked.path("statusHistory[0].effectiveFrom")));
        assertTrue(Instant.parse(revoked.path("statusHistory[0].recordedAt")).isAfter(issuedAt),
                "recorded after the instant it is effective from");
    }

    @Test
    void a_retroactive_revocation_may_be_given_with_an_offset() {
        Instant issuedAt = issuedAt();
        String withOffset = issuedAt.plusMillis(1).atOffset(ZoneOffset.ofHours(2)).toString();

        Response revoked = revoke(body.request(), credential, """
                {"reason":"Assessment found invalid","effectiveFrom":"%s"}""".formatted(withOffset))
                .then().statusCode(200).extract().response();

        assertEquals(issuedAt.plusMillis(1), Instant.parse(revoked.path("statusHistory[0].effectiveFrom")));
    }

    @Test
    void a_revocation_effective_in_the_future_is_400_and_records_nothing() {
        long before = EventLog.count(pool);

        revoke(body.request(), credential, """
                {"reason":"Planned","effectiveFrom":"%s"}""".formatted(Instant.now().plusSeconds(86_400)))
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors.pointer", containsInAnyOrder("/effectiveFrom"))
                .body("errors[0].reason", containsString("in the future"));

        assertEquals(before, EventLog.count(pool));
        body.request().when().get("/api/v1/credentials/{id}", credential)
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void a_revocation_effective_before_the_credential_was_issued_is_400_and_records_nothing() {
        Instant issuedAt = issuedAt();
        long before = EventLog.count(pool);

        revoke(body.request(), credential, """
                {"reason":"Too early","effectiveFrom":"%s"}""".formatted(issuedAt.minusSeconds(86_400)))
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors.pointer", containsInAnyOrder("/effectiveFrom"))
                .body("errors[0].reason", containsString("before the credential was issued"));

        assertEquals(before, EventLog.count(pool));
    }

    @Test
    void every_bad_field_is_named_at_once_and_nothing_is_recorded() {
        long before = EventLog.count(pool);

        revoke(body.request(), credential, """
                {"reason":"   ","effectiveFrom":"yesterday"}""")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.pointer", containsInAnyOrder("/reason", "/effectiveFrom"));
        revoke(body.request(), credential, "{}")
                .then().statusCode(400).body("errors.pointer", containsInAnyOrder("/reason"));
        suspend(body.request(), credential, because("x".repeat(501)))
                .then().statusCode(400).body("errors.pointer", containsInAnyOrder("/reason"))
                .body("errors[0].reason", containsString("at most 500"));
        reinstate(body.request(), credential, "{\"reason\":42}")
                .then().statusCode(400).contentType(PROBLEM_JSON);
        suspend(body.request(), credential, "not json")
                .then().statusCode(400).contentType(PROBLEM_JSON);

        assertEquals(before, EventLog.count(pool));
    }

    @Test
    void a_reason_of_500_characters_is_accepted() {
        suspend(body.request(), credential, because("y".repeat(500)))
                .then().statusCode(200).body("statusHistory[0].reason", equalTo("y".repeat(500)));
    }

    @Test
    void each_change_is_published_as_a_cloud_event_in_stream_order() {
        suspend(body.request(), credential, because("Under investigation")).then().statusCode(200);
        reinstate(body.request(), credential, because("Investigation closed")).then().statusCode(200);
        Instant effectiveFrom = issuedAt();
        revoke(body.request(), credential, """
                {"reason":"Issued in error","effectiveFrom":"%s"}""".formatted(effectiveFrom)).then().statusCode(200);

        List<ConsumerRecord<String, byte[]>> records;
        try (TopicReader reader = new TopicReader(bootstrapServers, Topic.CREDENTIALS.topicName())) {
            records = reader.awaitAll(record -> credential.equals(record.key()), 4, KAFKA_DEADLINE);
        }
        assertEquals(List.of("eu.microcredential.credential.issued.v1", "eu.microcredential.credential.suspended.v1",
                        "eu.microcredential.credential.reinstated.v1", "eu.microcredential.credential.revoked.v1"),
                records.stream().map(record -> header(record, "ce_type")).toList());
        assertEquals(List.of("1", "2", "3", "4"), records.stream().map(record -> header(record, "ce_sequence")).toList());
        for (ConsumerRecord<String, byte[]> record : records) {
            assertEquals(credential, header(record, "ce_subject"));
            assertEquals(body.id(), header(record, "ce_awardingbody"));
            assertEquals("PT", header(record, "ce_country"));
        }

        List<EventEnvelope> events = records.stream().map(KafkaCloudEvents::fromRecord).toList();
        CredentialSuspended suspended = assertInstanceOf(CredentialSuspended.class, events.get(1).decode());
        assertEquals(credential, suspended.credentialId());
        assertEquals(body.id(), suspended.awardingBodyId());
        assertEquals("Under investigation", suspended.reason());
        assertEquals(body.id(), suspended.actor());
        CredentialReinstated reinstated = assertInstanceOf(CredentialReinstated.class, events.get(2).decode());
        assertEquals("Investigation closed", reinstated.reason());
        assertTrue(reinstated.reinstatedAt().isAfter(suspended.suspendedAt()), "reinstated after suspended");
        CredentialRevoked revoked = assertInstanceOf(CredentialRevoked.class, events.get(3).decode());
        assertEquals("Issued in error", revoked.reason());
        assertEquals(effectiveFrom, revoked.effectiveFrom());
        assertEquals(body.id(), revoked.actor());
        assertNull(revoked.supersededBy());
        assertTrue(revoked.revokedAt().isAfter(reinstated.reinstatedAt()), "revoked after reinstated");
    }

    @Test
    void two_concurrent_revocations_record_one_and_answer_the_other_409() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String reason = "Attempt " + i;
                attempts.add(() -> revoke(body.request(), credential, because(reason)).then().extract().statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : threads.invokeAll(attempts)) {
                statuses.add(status.get());
            }

            assertEquals(1, statuses.stream().filter(status -> status == 200).count(), "answers " + statuses);
            assertEquals(3, statuses.stream().filter(status -> status == 409).count(), "answers " + statuses);
        } finally {
            threads.shutdownNow();
        }
        assertEquals(2, eventsOf(credential), "one issued and exactly one revoked event");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
