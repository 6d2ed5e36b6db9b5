package eu.microcredentials.registry.accreditation;

import static eu.microcredentials.testsupport.ContractEvents.awardingBody;
import static eu.microcredentials.testsupport.ContractEvents.envelope;
import static eu.microcredentials.testsupport.ContractEvents.newId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import eu.microcredentials.events.EventJson;
import eu.microcredentials.events.Topic;
import eu.microcredentials.events.data.AccreditationGranted;
import eu.microcredentials.events.data.AwardingBodyRegistered;
import eu.microcredentials.testsupport.ContractProducer;
import eu.microcredentials.testsupport.Eventually;
import eu.microcredentials.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registry operators record an awarding body's accreditation: it is stored as an event, published on
 * mc.accreditations.v1, projected back and shown with the awarding bodies.
 */
@QuarkusTest
class AccreditationTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String OPERATOR_KEY = "test-registry-operator-key";
    private static final String DEQAR = "https://www.eqar.eu/qa-results/report/12345";

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
    void an_accreditation_is_recorded_published_projected_and_can_be_withdrawn() {
        String body = registered("MT");
        String other = registered("MT");

        operator().body(Map.of("status", "ACCREDITED", "qualityAssuranceAgency", "MFHEA", "evidence", DEQAR,
                        "validFrom", "2026-01-01T00:00:00Z", "validUntil", "2031-01-01T00:00:00Z"))
                .when().put("/api/v1/registry/awarding-bodies/{id}/accreditation", body)
                .then().statusCode(200)
                .body("awardingBodyId", equalTo(body))
                .body("accreditation.status", equalTo("ACCREDITED"))
                .body("accreditation.qualityAssuranceAgency", equalTo("MFHEA"))
                .body("accreditation.evidence", equalTo(DEQAR))
                .body("accreditation.validFrom", equalTo("2026-01-01T00:00:00Z"))
                .body("accreditation.validUntil", equalTo("2031-01-01T00:00:00Z"))
                .body("accreditationHistory.size()", equalTo(1))
                .body("accreditationHistory[0].actor", equalTo("registry-operator"));

        try (TopicReader reader = new TopicReader(bootstrapServers, Topic.ACCREDITATIONS.topicName())) {
            ConsumerRecord<String, byte[]> granted = reader.await(r -> body.equals(r.key()), DEADLINE);
            assertEquals("eu.microcredential.accreditation.granted.v1", header(granted, "ce_type"));
            assertEquals(body, header(granted, "ce_subject"));
            assertEquals("1", header(granted, "ce_sequence"));
            assertEquals("MT", header(granted, "ce_country"));
            AccreditationGranted data = EventJson.read(granted.value(), AccreditationGranted.class);
            assertEquals("MFHEA", data.qualityAssuranceAgency());
            assertEquals(DEQAR, data.evidence());
            assertEquals(Instant.parse("2026-01-01T00:00:00Z"), data.validFrom());
        }

        String find = "find { it.id == '%s' }".formatted(body);
        Eventually.await(DEADLINE, () -> given().queryParam("country", "MT")
                .when().get("/api/v1/registry/awarding-bodies")
                .then().statusCode(200)
                .body(find + ".accreditation.status", equalTo("ACCREDITED")));
        given().queryParam("country", "MT").when().get("/api/v1/registry/awarding-bodies")
                .then().statusCode(200)
                .body(find + ".accreditation.qualityAssuranceAgency", equalTo("MFHEA"))
                .body(find + ".accreditation.evidence", equalTo(DEQAR))
                .body(find + ".accreditation.validFrom", equalTo("2026-01-01T00:00:00Z"))
                .body(find + ".accreditation.validUntil", equalTo("2031-01-01T00:00:00Z"))
                .body(find + ".accreditationHistory.size()", equalTo(1))
                .body("find { it.id == '%s' }.accreditation.status".formatted(other), equalTo("NONE"));

        given().queryParam("accreditation", "ACCREDITED").queryParam("country", "MT")
                .when().get("/api/v1/registry/awarding-bodies")
                .then().statusCode(200).body("id", hasItem(body)).body("id", not(hasItem(other)));
        given().queryParam("accreditation", "NONE")
                .when().get("/api/v1/registry/awarding-bodies")
                .then().statusCode(200).body("id", hasItem(other)).body("id", not(hasItem(body)));
        given().queryParam("accreditation", "ACCREDITED").queryParam("country", "CY")
                .when().get("/api/v1/registry/awarding-bodies")
                .then().statusCode(200).body("id", not(hasItem(body)));

        operator().body(Map.of("status", "WITHDRAWN", "evidence", DEQAR + "/withdrawal",
                        "validFrom", "2026-06-01T00:00:00Z"))
                .when().put("/api/v1/registry/awarding-bodies/{id}/accreditation", body)
                .then().statusCode(200)
                .body("accreditation.status", equalTo("WITHDRAWN"))
                .body("accreditation.qualityAssuranceAgency", equalTo("MFHEA"))
                .body("accreditation.validFrom", equalTo("2026-06-01T00:00:00Z"))
                .body("accreditationHistory.status", equalTo(java.util.List.of("ACCREDITED", "WITHDRAWN")));

        Eventually.await(DEADLINE, () -> given().queryParam("accreditation", "WITHDRAWN")
                .when().get("/api/v1/registry/awarding-bodies")
                .then().statusCode(200)
                .body("id", hasItem(body))
                .body(find + ".accreditation.status", equalTo("WITHDRAWN"))
                .body(find + ".accreditation.validUntil", nullValue())
                .body(find + ".accreditationHistory.size()", equalTo(2))
                .body(find + ".accreditationHistory.status", equalTo(java.util.List.of("ACCREDITED", "WITHDRAWN"))));
        given().queryParam("accreditation", "ACCREDITED")
                .when().get("/api/v1/registry/awarding-bodies")
                .then().statusCode(200).body("id", not(hasItem(body)));
        assertEquals(2, storedEvents(body));
    }

    @Test
    void bad_input_names_every_bad_field_and_records_nothing() {
        String body = registered("LU");
        operator().body(Map.of("status", "MAYBE", "qualityAssuranceAgency", " ", "evidence", "not a url",
                        "validFrom", "yesterday"))
                .when().put("/api/v1/registry/awarding-bodies/{id}/accreditation", body)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.pointer", hasItems("/status", "/qualityAssuranceAgency", "/evidence", "/validFrom"));

        operator().body(Map.of("status", "ACCREDITED", "qualityAssuranceAgency", "ANECA", "evidence", DEQAR,
                        "validFrom", "2026-01-01T00:00:00Z", "validUntil", "2025-01-01T00:00:00Z"))
                .when().put("/api/v1/registry/awarding-bodies/{id}/accreditation", body)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.pointer", hasItem("/validUntil"));

        operator().body(Map.of("status", "ACCREDITED"))
                .when().put("/api/v1/registry/awarding-bodies/{id}/accreditation", body)
                .then().statusCode(400)
                .body("errors.pointer", hasItems("/qualityAssuranceAgency", "/evidence", "/validFrom"));
        assertEquals(0, storedEvents(body));
    }

    @Test
    void only_registry_operators_may_record_accreditation() {
        String body = registered("LU");
        Map<String, String> accredit = Map.of("status", "ACCREDITED", "qualityAssuranceAgency", "ANECA",
                "evidence", DEQAR, "validFrom", "2026-01-01T00:00:00Z");
        given().contentType(ContentType.JSON).body(accredit)
                .when().put("/api/v1/registry/awarding-bodies/{id}/accreditation", body)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer not-the-key").body(accredit)
                .when().put("/api/v1/registry/awarding-bodies/{id}/accreditation", body)
                .then().statusCode(401)
                .contentType("application/problem+json");
        assertEquals(0, storedEvents(body));
    }

    @Test
    void an_awarding_body_the_registry_does_not_know_is_not_found() {
        operator().body(Map.of("status", "ACCREDITED", "qualityAssuranceAgency", "ANECA", "evidence", DEQAR,
                        "validFrom", "2026-01-01T00:00:00Z"))
                .when().put("/api/v1/registry/awarding-bodies/{id}/accreditation", newId())
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void withdrawing_a_body_never_accredited_is_a_conflict() {
        String body = registered("LU");
        operator().body(Map.of("status", "WITHDRAWN", "evidence", DEQAR))
                .when().put("/api/v1/registry/awarding-bodies/{id}/accreditation", body)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("currentStatus", equalTo("NONE"));
        assertEquals(0, storedEvents(body));
    }

    @Test
    void an_unknown_accreditation_filter_is_refused() {
        given().queryParam("accreditation", "MAYBE")
                .when().get("/api/v1/registry/awarding-bodies")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.pointer", hasItem("/query/accreditation"));
    }

    /** An awarding body published by an issuer, once the registry has projected it. */
    private String registered(String country) {
        String body = newId();
        AwardingBodyRegistered registered = awardingBody(body, "Test Academy " + body, country);
        kafka.publish(envelope(registered, 1, body, country));
        Eventually.await(DEADLINE, () -> given().queryParam("country", country)
                .when().get("/api/v1/registry/awarding-bodies")
                .then().statusCode(200).body("id", hasItem(body)));
        return body;
    }

    private static RequestSpecification operator() {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + OPERATOR_KEY);
    }

    private long storedEvents(String streamId) {
        return pool.preparedQuery("SELECT count(*) AS n FROM event_store WHERE stream_id = $1")
                .execute(Tuple.of(streamId)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("n");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
