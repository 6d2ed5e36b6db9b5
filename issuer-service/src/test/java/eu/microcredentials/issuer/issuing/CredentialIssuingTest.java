package eu.microcredentials.issuer.issuing;

import static eu.microcredentials.issuer.support.IssuerApi.PROBLEM_JSON;
import static eu.microcredentials.issuer.support.IssuerApi.asOperator;
import static eu.microcredentials.issuer.support.IssuerApi.fullCredential;
import static eu.microcredentials.issuer.support.IssuerApi.registerAwardingBody;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.EventType;
import eu.microcredentials.events.KafkaCloudEvents;
import eu.microcredentials.events.Topic;
import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.issuer.support.EventLog;
import eu.microcredentials.issuer.support.IssuerApi.AwardingBody;
import eu.microcredentials.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Issuing a micro-credential over HTTP: what is answered, what is stored, what is published. */
@QuarkusTest
class CredentialIssuingTest {
    private static final Duration KAFKA_DEADLINE = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void registering_an_awarding_body_answers_201_with_its_location_and_its_api_key() {
        Response response = asOperator().contentType(ContentType.JSON)
                .body("""
                        {"legalName":"Universidade de Teste","country":"PT",
                         "legalIdentifier":{"scheme":"ERASMUS","value":"P TESTE01"},"website":"https://example.org"}""")
                .when().post("/api/v1/awarding-bodies")
                .then().statusCode(201)
                .body("awardingBody.legalName", equalTo("Universidade de Teste"))
                .body("awardingBody.country", equalTo("PT"))
                .body("awardingBody.legalIdentifier.scheme", equalTo("ERASMUS"))
                .body("awardingBody.legalIdentifier.value", equalTo("P TESTE01"))
                .body("awardingBody.website", equalTo("https://example.org"))
                .body("awardingBody.registeredAt", notNullValue())
                .body("awardingBody.signingKeys.size()", equalTo(1))
                .body("apiKey", startsWith("mcak_"))
                .extract().response();
        String id = response.path("awardingBody.id");
        UUID.fromString(id);
        String location = response.header("Location");
        assertNotNull(location, "Location header");
        assertThat(location, endsWith("/api/v1/awarding-bodies/" + id));

        given().when().get(URI.create(location).getPath())
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("legalName", equalTo("Universidade de Teste"))
                .body("country", equalTo("PT"));
    }

    @Test
    void issuing_answers_201_stores_the_event_and_publishes_it_as_a_cloud_event() {
        AwardingBody awardingBody = registerAwardingBody("PT");
        String learner = "mailto:ana.silva+" + UUID.randomUUID() + "@example.org";

        Response issued = awardingBody.request().contentType(ContentType.JSON).body(fullCredential(learner))
                .when().post("/api/v1/awarding-bodies/{id}/credentials", awardingBody.id())
                .then().statusCode(201)
                .extract().response();
        String id = issued.path("id");
        UUID.fromString(id);
        String location = issued.header("Location");
        assertNotNull(location, "Location header");
        assertThat(location, endsWith("/api/v1/credentials/" + id));

        // every element comes back as it was sent
        awardingBody.request().when().get(URI.create(location).getPath())
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("awardingBodyId", equalTo(awardingBody.id()))
                .body("status", equalTo("ACTIVE"))
                .body("issuedAt", notNullValue())
                .body("credential.credentialId", equalTo(id))
                .body("credential.awardingBodyId", equalTo(awardingBody.id()))
                .body("credential.learner.id", equalTo(learner))
                .body("credential.learner.givenName", equalTo("Ana"))
                .body("credential.learner.familyName", equalTo("Silva"))
                .body("credential.learner.dateOfBirth", equalTo("1999-04-02"))
                .body("credential.title", equalTo("Applied Machine Learning"))
                .body("credential.issuerCountries", containsInAnyOrder("PT"))
                .body("credential.coAwardingBodyIds.size()", equalTo(0))
                .body("credential.issuedOn", equalTo("2026-11-20"))
                .body("credential.learningOutcomes.size()", equalTo(1))
                .body("credential.learningOutcomes[0].description", equalTo("Train and evaluate supervised models"))
                .body("credential.learningOutcomes[0].escoSkill",
                        equalTo("http://data.europa.eu/esco/skill/8e6c2b58-1b2e-4f5b-9b1a-2f0c7c9c1f3e"))
                .body("credential.workload.ects", equalTo(3))
                .body("credential.workload.hours", equalTo(75))
                .body("credential.level.eqf", equalTo(6))
                .body("credential.level.qfEhea", equalTo("FIRST_CYCLE"))
                .body("credential.assessment.type", equalTo("WRITTEN_EXAM"))
                .body("credential.assessment.description", equalTo("Proctored 2-hour exam"))
                .body("credential.participation.form", equalTo("ONLINE"))
                .body("credential.participation.description", nullValue())
                .body("credential.qualityAssurance.type", equalTo("EXTERNAL"))
                .body("credential.qualityAssurance.description", equalTo("Programme accredited by A3ES"))
                .body("credential.prerequisites", equalTo("Python programming"))
                .body("credential.supervision.supervised", equalTo(true))
                .body("credential.supervision.identityVerification", equalTo("ONLINE"))
                .body("credential.grade", equalTo("18/20"))
                .body("credential.stackability.stackable", equalTo(true))
                .body("credential.stackability.description", equalTo("Counts towards the Data Science certificate"))
                .body("credential.furtherInformation", equalTo("https://example.org/courses/aml"));

        // the event store holds the one event of the new stream
        RowSet<Row> rows = pool.preparedQuery("""
                        SELECT event_id, stream_type, version, event_type, awarding_body_id, country, data::text AS data
                        FROM event_store WHERE stream_id = $1""")
                .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10));
        assertEquals(1, rows.size(), "events in stream " + id);
        Row row = rows.iterator().next();
        assertEquals(1L, row.getLong("version"));
        assertEquals("credential", row.getString("stream_type"));
        assertEquals(EventType.CREDENTIAL_ISSUED.type(), row.getString("event_type"));
        assertEquals(awardingBody.id(), row.getString("awarding_body_id"));
        assertEquals("PT", row.getString("country"));
        UUID eventId = row.getUUID("event_id");

        // the outbox relay publishes it to Kafka as a CloudEvent in binary mode
        ConsumerRecord<String, byte[]> record;
        try (TopicReader reader = new TopicReader(bootstrapServers, Topic.CREDENTIALS.topicName())) {
            record = reader.await(r -> id.equals(r.key()), KAFKA_DEADLINE);
        }
        assertEquals("1.0", header(record, "ce_specversion"));
        assertEquals(eventId.toString(), header(record, "ce_id"));
        assertEquals("eu.microcredential.credential.issued.v1", header(record, "ce_type"));
        assertEquals("/issuer-service", header(record, "ce_source"));
        assertEquals(id, header(record, "ce_subject"));
        assertEquals("1", header(record, "ce_sequence"));
        assertEquals(awardingBody.id(), header(record, "ce_awardingbody"));
        assertEquals("PT", header(record, "ce_country"));
        assertNotNull(header(record, "ce_time"), "ce_time");
        assertEquals("application/json", header(record, "content-type"));

        EventEnvelope envelope = KafkaCloudEvents.fromRecord(record);
        assertEquals(eventId, envelope.id());
        assertEquals(EventType.CREDENTIAL_ISSUED, envelope.type());
        assertEquals(1L, envelope.sequence());
        CredentialIssued data = assertInstanceOf(CredentialIssued.class, envelope.decode());
        assertEquals(id, data.credentialId());
        assertEquals(awardingBody.id(), data.awardingBodyId());
        assertEquals(learner, data.learner().id());
        assertEquals("Applied Machine Learning", data.title());
        assertEquals(LocalDate.parse("2026-11-20"), data.issuedOn());
        assertEquals(0, new BigDecimal("3").compareTo(data.workload().ects()));
        assertEquals(6, data.level().eqf());
        assertEquals("18/20", data.grade());
        assertEquals(issued.path("verifiableCredential"), data.verifiableCredential());
        assertNotNull(data.signingKeyId(), "signingKeyId");
        assertEquals(awardingBody.id(), data.actor(), "issued by the awarding body's own API key");
    }

    @Test
    void issuing_without_issuer_countries_takes_the_awarding_body_country() {
        AwardingBody awardingBody = registerAwardingBody("NL");

        awardingBody.request().contentType(ContentType.JSON)
                .body("""
                        {"learner":{"id":"did:example:%s"},"title":"Data Ethics","issuedOn":"2026-01-15",
                         "learningOutcomes":[{"description":"Assess ethical risks"}],"workload":{"ects":0.5},
                         "assessment":{"type":"PROJECT"},"participation":{"form":"ONSITE"},
                         "qualityAssurance":{"type":"INTERNAL"}}""".formatted(UUID.randomUUID()))
                .when().post("/api/v1/awarding-bodies/{id}/credentials", awardingBody.id())
                .then().statusCode(201)
                .body("credential.issuerCountries", containsInAnyOrder("NL"))
                .body("credential.workload.ects", equalTo(0.5f))
                .body("credential.level", nullValue());
    }

    @Test
    void a_request_with_many_bad_fields_names_each_of_them_and_records_nothing() {
        AwardingBody awardingBody = registerAwardingBody("PT");
        long before = EventLog.countFor(pool, awardingBody.id());

        awardingBody.request().contentType(ContentType.JSON)
                .body("""
                        {"learner":{"id":"ana.silva@example.org","givenName":"Ana"},
                         "title":"   ","issuerCountries":["XX"],"issuedOn":"2999-01-01",
                         "learningOutcomes":[],
                         "workload":{"ects":61},"level":{"eqf":9},
                         "assessment":{"type":"TELEPATHY"},"participation":{"form":"ONLINE"},
                         "qualityAssurance":{"type":"INTERNAL"}}""")
                .when().post("/api/v1/awarding-bodies/{id}/credentials", awardingBody.id())
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(400))
                .body("type", notNullValue())
                .body("title", notNullValue())
                .body("errors.pointer", containsInAnyOrder("/title", "/workload/ects", "/level/eqf",
                        "/assessment/type", "/issuerCountries/0", "/issuedOn", "/learner/id", "/learningOutcomes"))
                .body("errors.reason", hasItem(startsWith("ECTS must be more than 0 and at most 60")));

        assertEquals(before, EventLog.countFor(pool, awardingBody.id()), "events recorded for awarding body " + awardingBody);
    }

    @Test
    void every_bad_sub_field_is_named_by_its_own_pointer() {
        AwardingBody awardingBody = registerAwardingBody("PT");

        awardingBody.request().contentType(ContentType.JSON)
                .body("""
                        {"learner":{"id":"mailto:a@example.org"},"title":"T","issuedOn":"2026-01-01",
                         "learningOutcomes":[{"description":"Do things","escoSkill":"http://example.org/skill/1"}],
                         "workload":{"ects":5,"hours":0},"level":{"eqf":5,"qfEhea":"FOURTH_CYCLE"},
                         "assessment":{"type":"OTHER"},"participation":{"form":"BY_POST"},
                         "qualityAssurance":{"type":"NONE"},"supervision":{"identityVerification":"RETINA"}}""")
                .when().post("/api/v1/awarding-bodies/{id}/credentials", awardingBody.id())
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors.pointer", containsInAnyOrder("/learningOutcomes/0/escoSkill", "/workload/hours",
                        "/level/qfEhea", "/assessment/description", "/participation/form", "/qualityAssurance/type",
                        "/supervision/identityVerification"))
                .body("errors.find { it.pointer == '/assessment/description' }.reason",
                        containsString("required when the type is OTHER"))
                .body("errors.find { it.pointer == '/participation/form' }.reason", containsString("BY_POST"));
    }

    @Test
    void missing_mandatory_elements_are_each_named() {
        AwardingBody awardingBody = registerAwardingBody("PT");

        awardingBody.request().contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/awarding-bodies/{id}/credentials", awardingBody.id())
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors.pointer", hasItems("/learner", "/title", "/learningOutcomes", "/workload",
                        "/assessment", "/participation", "/qualityAssurance"));
    }

    @Test
    void issuing_for_an_unknown_awarding_body_answers_404() {
        asOperator().contentType(ContentType.JSON).body(fullCredential("mailto:nobody@example.org"))
                .when().post("/api/v1/awarding-bodies/{id}/credentials", UUID.randomUUID().toString())
                .then().statusCode(404)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(404));

        asOperator().contentType(ContentType.JSON).body(fullCredential("mailto:nobody@example.org"))
                .when().post("/api/v1/awarding-bodies/{id}/credentials", "not-a-uuid")
                .then().statusCode(404)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void an_unknown_credential_answers_404() {
        asOperator().when().get("/api/v1/credentials/{id}", UUID.randomUUID().toString())
                .then().statusCode(404)
                .contentType(PROBLEM_JSON);
        asOperator().when().get("/api/v1/credentials/{id}", "42")
                .then().statusCode(404)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void malformed_json_answers_400_problem() {
        AwardingBody awardingBody = registerAwardingBody("PT");

        awardingBody.request().contentType(ContentType.JSON).body("{\"title\": \"Applied Machine Learning\", ")
                .when().post("/api/v1/awarding-bodies/{id}/credentials", awardingBody.id())
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(400))
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void a_value_of_the_wrong_type_answers_400_naming_the_field() {
        AwardingBody awardingBody = registerAwardingBody("PT");
        String body = fullCredential("mailto:ana@example.org").replace("\"ects\":3", "\"ects\":\"abc\"");

        awardingBody.request().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/awarding-bodies/{id}/credentials", awardingBody.id())
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors.pointer", containsInAnyOrder("/workload/ects"));
    }

    @Test
    void registering_with_a_bad_country_answers_400_naming_it() {
        asOperator().contentType(ContentType.JSON)
                .body("{\"legalName\":\"Universidade de Teste\",\"country\":\"pt\"}")
                .when().post("/api/v1/awarding-bodies")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors.pointer", containsInAnyOrder("/country"));

        asOperator().contentType(ContentType.JSON)
                .body("{\"legalName\":\" \",\"country\":\"XX\",\"website\":\"ftp://example.org\"}")
                .when().post("/api/v1/awarding-bodies")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors.pointer", containsInAnyOrder("/legalName", "/country", "/website"));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
