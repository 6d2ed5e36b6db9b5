package eu.microcredentials.recognition.holdings;

import static eu.microcredentials.testsupport.ContractEvents.credential;
import static eu.microcredentials.testsupport.ContractEvents.envelope;
import static eu.microcredentials.testsupport.ContractEvents.newId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.testsupport.Eventually;
import eu.microcredentials.recognition.support.ContractKafkaTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/** Recognition knows what each learner holds from the credentials published on mc.credentials.v1. */
@QuarkusTest
class HoldingsTest extends ContractKafkaTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Test
    void an_issued_credential_is_held_by_its_learner_and_counts_its_ects() {
        String learner = "did:example:" + newId();
        String credentialId = newId();
        String body = newId();
        CredentialIssued issued = credential(credentialId, body, learner, "PT", new BigDecimal("6.5"));

        kafka.publish(envelope(issued, 1, body, "PT"));

        Eventually.await(DEADLINE, () -> given().when().get("/api/v1/learners/{learner}/credentials", learner)
                .then().statusCode(200)
                .body("credentials.size()", equalTo(1)));
        JsonPath holdings = given().when().get("/api/v1/learners/{learner}/credentials", learner)
                .then().statusCode(200)
                .body("learnerId", equalTo(learner))
                .body("credentials[0].id", equalTo(credentialId))
                .body("credentials[0].learnerId", equalTo(learner))
                .body("credentials[0].awardingBodyId", equalTo(body))
                .body("credentials[0].title", equalTo(issued.title()))
                .body("credentials[0].eqfLevel", equalTo(7))
                .body("credentials[0].issuerCountries", containsInAnyOrder("PT"))
                .body("credentials[0].issuedOn", equalTo("2026-03-14"))
                .body("credentials[0].status", equalTo("ACTIVE"))
                .extract().jsonPath();
        assertEcts("6.5", holdings.getString("activeEcts"));
        assertEcts("6.5", holdings.getString("credentials[0].ects"));

        given().when().get("/api/v1/held-credentials/{id}", credentialId)
                .then().statusCode(200)
                .body("id", equalTo(credentialId))
                .body("learnerId", equalTo(learner));
    }

    @Test
    void the_active_ects_of_a_learner_add_up() {
        String learner = "did:example:" + newId();
        String body = newId();
        String first = newId();
        String second = newId();

        kafka.publish(envelope(credential(first, body, learner, "NL", new BigDecimal("5")), 1, body, "NL"));
        kafka.publish(envelope(credential(second, body, learner, "NL", new BigDecimal("2.5")), 1, body, "NL"));
        // someone else's credential does not count for this learner
        kafka.publish(envelope(credential(newId(), body, "did:example:" + newId(), "NL", BigDecimal.TEN), 1, body, "NL"));

        Eventually.await(DEADLINE, () -> given().when().get("/api/v1/learners/{learner}/credentials", learner)
                .then().statusCode(200)
                .body("credentials.size()", equalTo(2)));
        JsonPath holdings = given().when().get("/api/v1/learners/{learner}/credentials", learner)
                .then().statusCode(200)
                .body("credentials.id", containsInAnyOrder(first, second))
                .extract().jsonPath();
        assertEcts("7.5", holdings.getString("activeEcts"));
    }

    @Test
    void the_same_event_delivered_twice_counts_once() {
        String learner = "did:example:" + newId();
        String body = newId();
        String credentialId = newId();
        EventEnvelope event = envelope(credential(credentialId, body, learner, "DE", new BigDecimal("4")), 1, body, "DE");

        RecordMetadata first = kafka.publish(event);
        RecordMetadata again = kafka.publish(event);
        assertEquals(first.partition(), again.partition());
        // a later credential of the learner on the same partition: once it is held, the duplicate was read too
        String later = newId();
        kafka.publish(envelope(credential(later, body, learner, "DE", new BigDecimal("1")), 1, body, "DE"),
                first.partition());

        Eventually.await(DEADLINE, () -> given().when().get("/api/v1/learners/{learner}/credentials", learner)
                .then().statusCode(200)
                .body("credentials.id", containsInAnyOrder(credentialId, later)));
        JsonPath holdings = given().when().get("/api/v1/learners/{learner}/credentials", learner)
                .then().statusCode(200)
                .body("credentials.size()", equalTo(2))
                .extract().jsonPath();
        assertEcts("5", holdings.getString("activeEcts"));
        assertEquals(1L, pool.preparedQuery("SELECT count(*) AS n FROM held_credential WHERE id = $1")
                .execute(Tuple.of(credentialId)).await().atMost(DEADLINE).iterator().next().getLong("n"));
        assertEquals(1L, pool.preparedQuery("""
                        SELECT version FROM projection_stream_version
                        WHERE projection = 'held-credentials' AND topic = 'mc.credentials.v1' AND stream_id = $1""")
                .execute(Tuple.of(credentialId)).await().atMost(DEADLINE).iterator().next().getLong("version"));
    }

    @Test
    void a_learner_without_credentials_holds_nothing() {
        String learner = "did:example:" + newId();
        JsonPath holdings = given().when().get("/api/v1/learners/{learner}/credentials", learner)
                .then().statusCode(200)
                .body("learnerId", equalTo(learner))
                .body("credentials.size()", equalTo(0))
                .extract().jsonPath();
        assertEcts("0", holdings.getString("activeEcts"));
    }

    @Test
    void an_unknown_held_credential_answers_404_problem() {
        given().when().get("/api/v1/held-credentials/{id}", newId())
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    private static void assertEcts(String expected, String actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal(actual)),
                () -> "ECTS: expected " + expected + ", was " + actual);
    }
}
