package eu.microcredentials.registry.projection;

import static eu.microcredentials.testsupport.ContractEvents.awardingBody;
import static eu.microcredentials.testsupport.ContractEvents.credential;
import static eu.microcredentials.testsupport.ContractEvents.envelope;
import static eu.microcredentials.testsupport.ContractEvents.issuedBy;
import static eu.microcredentials.testsupport.ContractEvents.newId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.Topic;
import eu.microcredentials.events.data.AwardingBodyRegistered;
import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.testsupport.ContractProducer;
import eu.microcredentials.testsupport.Eventually;
import eu.microcredentials.registry.support.RegistryDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry follows the issuers' topics: what is published there can be looked up, once. */
@QuarkusTest
class RegistryProjectionTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String CREDENTIALS = Topic.CREDENTIALS.topicName();

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private ContractProducer kafka;
    private RegistryDatabase database;

    @BeforeEach
    void connect() {
        kafka = new ContractProducer(bootstrapServers);
        database = new RegistryDatabase(pool);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void the_registry_stores_large_values_compressed_with_lz4() {
        // a value over PostgreSQL's 2 KB threshold, as an event's JSON or a VC-JWT is, stored by the registry's pool
        String method = pool.withConnection(connection -> connection
                        .query("CREATE TEMPORARY TABLE stored_value (value TEXT)").execute()
                        .chain(() -> connection.query("INSERT INTO stored_value SELECT repeat('micro-credential ', 500)")
                                .execute())
                        .chain(() -> connection.query("SELECT pg_column_compression(value) AS method FROM stored_value")
                                .execute())
                        .call(() -> connection.query("DROP TABLE stored_value").execute()))
                .await().atMost(DEADLINE).iterator().next().getString("method");
        assertEquals("lz4", method);
    }

    @Test
    void an_issued_credential_can_be_looked_up_searched_and_listed_with_its_awarding_body() {
        String body = newId();
        String credentialId = newId();
        String learner = "did:example:" + newId();
        AwardingBodyRegistered registered = awardingBody(body, "Universiteit van Test " + body, "NL");
        // who issued it is for the registry's operators (the history), not for the public lookup
        CredentialIssued issued = issuedBy(credential(credentialId, body, learner, "NL", new BigDecimal("5.0")),
                "integration-key-of-" + body);

        kafka.publish(envelope(registered, 1, body, "NL"));
        kafka.publish(envelope(issued, 1, body, "NL"));

        Eventually.await(DEADLINE, () -> given().when().get("/api/v1/registry/credentials/{id}", credentialId)
                .then().statusCode(200)
                .body("awardingBodyName", equalTo(registered.legalName())));

        given().when().get("/api/v1/registry/credentials/{id}", credentialId)
                .then().statusCode(200)
                .body("id", equalTo(credentialId))
                .body("status", equalTo("ACTIVE"))
                .body("awardingBodyId", equalTo(body))
                .body("awardingBodyName", equalTo(registered.legalName()))
                .body("learnerId", equalTo(learner))
                .body("title", equalTo(issued.title()))
                .body("issuerCountries", contains("NL"))
                .body("issuedOn", equalTo("2026-03-14"))
                .body("issuedAt", notNullValue())
                .body("credential.credentialId", equalTo(credentialId))
                .body("credential.workload.ects", equalTo(5.0f))
                .body("credential.level.eqf", equalTo(7))
                .body("credential.learningOutcomes[0].escoSkill",
                        equalTo("http://data.europa.eu/esco/skill/f1a0cd4e-4d4b-4f9b-9b5c-0cda3c5a8c0f"))
                .body("credential.grade", equalTo("8.5"))
                .body("credential", not(hasKey("actor")));

        given().when().get("/api/v1/registry/learners/{learner}/credentials", learner)
                .then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].id", equalTo(credentialId))
                .body("[0].learnerId", equalTo(learner));

        given().queryParam("awardingBody", body).queryParam("country", "NL")
                .when().get("/api/v1/registry/credentials")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items.size()", equalTo(1))
                .body("items[0].id", equalTo(credentialId))
                .body("page", equalTo(0));

        given().queryParam("awardingBody", body).queryParam("country", "BE")
                .when().get("/api/v1/registry/credentials")
                .then().statusCode(200)
                .body("total", equalTo(0))
                .body("items.size()", equalTo(0));

        given().queryParam("country", "NL")
                .when().get("/api/v1/registry/awarding-bodies")
                .then().statusCode(200)
                .body("id", hasItem(body))
                .body("find { it.id == '%s' }.legalName".formatted(body), equalTo(registered.legalName()))
                .body("find { it.id == '%s' }.country".formatted(body), equalTo("NL"))
                .body("find { it.id == '%s' }.website".formatted(body), equalTo(registered.website()));

        given().queryParam("country", "PT")
                .when().get("/api/v1/registry/awarding-bodies")
                .then().statusCode(200)
                .body("findAll { it.id == '%s' }.size()".formatted(body), equalTo(0));
    }

    @Test
    void an_event_delivered_again_is_applied_once() {
        String body = newId();
        String credentialId = newId();
        CredentialIssued issued = credential(credentialId, body, "did:example:" + newId(), "PT", BigDecimal.TEN);
        EventEnvelope event = envelope(issued, 1, body, "PT");

        RecordMetadata first = kafka.publish(event);
        RecordMetadata again = kafka.publish(event);
        RecordMetadata andAgain = kafka.publish(event);
        assertEquals(first.partition(), again.partition());
        assertEquals(first.partition(), andAgain.partition());

        // a later credential on the same partition: once it is applied, the duplicates before it were read too
        String laterId = newId();
        kafka.publish(envelope(credential(laterId, body, "did:example:" + newId(), "PT", BigDecimal.ONE), 1, body, "PT"),
                first.partition());
        Eventually.await(DEADLINE, () -> given().when().get("/api/v1/registry/credentials/{id}", laterId)
                .then().statusCode(200));

        assertTrue(database.nextOffset("registry", CREDENTIALS, first.partition()) > andAgain.offset(),
                "the position moved past the last duplicate");
        assertEquals(1, database.credentialRows(credentialId));
        assertEquals(1, database.appliedVersion("registry", CREDENTIALS, credentialId));
        given().when().get("/api/v1/registry/credentials/{id}", credentialId)
                .then().statusCode(200)
                .body("title", equalTo(issued.title()));
        given().queryParam("awardingBody", body).when().get("/api/v1/registry/credentials")
                .then().statusCode(200)
                .body("total", equalTo(2));
    }

    @Test
    void an_unknown_credential_answers_404_problem() {
        given().when().get("/api/v1/registry/credentials/{id}", newId())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
