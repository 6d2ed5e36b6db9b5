package eu.microcredentials.issuer.registering;

import static eu.microcredentials.issuer.support.IssuerApi.asOperator;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import eu.microcredentials.events.EventJson;
import eu.microcredentials.events.EventType;
import eu.microcredentials.events.data.AwardingBodyRegistered;
import eu.microcredentials.events.data.QualityAssurance;
import eu.microcredentials.events.data.SigningKeyAdded;
import eu.microcredentials.issuer.support.IssuerApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Registering an awarding body (operators only): every element of its profile is recorded and read back. */
@QuarkusTest
class AwardingBodyRegisteringTest {

    @Inject
    Pool pool;

    @Test
    void a_registration_with_every_element_is_stored_with_its_first_key_and_read_back() {
        String id = asOperator().contentType(ContentType.JSON)
                .body("""
                        {"legalName":"Technische Universiteit Delft","country":"NL",
                         "legalIdentifier":{"scheme":"ERASMUS","value":"NL DELFT01"},"website":"https://www.tudelft.nl/",
                         "qualityAssurance":{"type":"EXTERNAL","description":"Institutional accreditation by NVAO"}}""")
                .when().post("/api/v1/awarding-bodies")
                .then().statusCode(201)
                .extract().path("awardingBody.id");

        given().when().get("/api/v1/awarding-bodies/{id}", id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("legalName", equalTo("Technische Universiteit Delft"))
                .body("country", equalTo("NL"))
                .body("legalIdentifier.scheme", equalTo("ERASMUS"))
                .body("legalIdentifier.value", equalTo("NL DELFT01"))
                .body("website", equalTo("https://www.tudelft.nl/"))
                .body("qualityAssurance.type", equalTo("EXTERNAL"))
                .body("qualityAssurance.description", equalTo("Institutional accreditation by NVAO"))
                .body("signingKeys.size()", equalTo(1))
                .body("signingKeys[0].algorithm", equalTo("ES256"))
                .body("signingKeys[0].retiredAt", nullValue());

        RowSet<Row> rows = pool.preparedQuery("""
                        SELECT stream_type, version, event_type, awarding_body_id, country, data::text AS data
                        FROM event_store WHERE stream_id = $1 ORDER BY version""")
                .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10));
        assertEquals(2, rows.size(), "events in stream " + id);
        var iterator = rows.iterator();
        Row row = iterator.next();
        assertEquals("awarding-body", row.getString("stream_type"));
        assertEquals(1L, row.getLong("version"));
        assertEquals(EventType.AWARDING_BODY_REGISTERED.type(), row.getString("event_type"));
        assertEquals(id, row.getString("awarding_body_id"));
        assertEquals("NL", row.getString("country"));
        AwardingBodyRegistered data = EventJson.read(row.getString("data").getBytes(StandardCharsets.UTF_8),
                AwardingBodyRegistered.class);
        assertEquals(new QualityAssurance("EXTERNAL", "Institutional accreditation by NVAO"), data.qualityAssurance());
        assertEquals(new AwardingBodyRegistered.LegalIdentifier("ERASMUS", "NL DELFT01"), data.legalIdentifier());
        assertEquals("https://www.tudelft.nl/", data.website());

        Row keyRow = iterator.next();
        assertEquals(2L, keyRow.getLong("version"));
        assertEquals(EventType.SIGNING_KEY_ADDED.type(), keyRow.getString("event_type"));
        assertEquals("NL", keyRow.getString("country"));
        SigningKeyAdded key = EventJson.read(keyRow.getString("data").getBytes(StandardCharsets.UTF_8),
                SigningKeyAdded.class);
        assertEquals(id, key.awardingBodyId());
        assertEquals("ES256", key.algorithm());
        assertEquals("EC", key.publicKeyJwk().get("kty"));
        assertEquals("P-256", key.publicKeyJwk().get("crv"));
        assertFalse(key.publicKeyJwk().containsKey("d"), "the published JWK holds private material");
    }

    @Test
    void quality_assurance_needs_a_known_type_and_other_needs_a_description() {
        asOperator().contentType(ContentType.JSON)
                .body("""
                        {"legalName":"Hogeschool Test","country":"NL","qualityAssurance":{"description":"Audited"}}""")
                .when().post("/api/v1/awarding-bodies")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.pointer", containsInAnyOrder("/qualityAssurance/type"));

        asOperator().contentType(ContentType.JSON)
                .body("""
                        {"legalName":"Hogeschool Test","country":"NL","qualityAssurance":{"type":"PEER"}}""")
                .when().post("/api/v1/awarding-bodies")
                .then().statusCode(400)
                .body("errors.pointer", containsInAnyOrder("/qualityAssurance/type"));

        asOperator().contentType(ContentType.JSON)
                .body("""
                        {"legalName":"Hogeschool Test","country":"NL","qualityAssurance":{"type":"OTHER"}}""")
                .when().post("/api/v1/awarding-bodies")
                .then().statusCode(400)
                .body("errors.pointer", containsInAnyOrder("/qualityAssurance/description"));
    }

    @Test
    void an_unknown_awarding_body_answers_404() {
        given().when().get("/api/v1/awarding-bodies/{id}", UUID.randomUUID().toString())
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void a_missing_body_answers_400() {
        asOperator().contentType(ContentType.JSON)
                .when().post("/api/v1/awarding-bodies")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void the_events_name_who_registered_the_body_and_who_rotated_its_key() {
        IssuerApi.AwardingBody body = IssuerApi.registerAwardingBody("PT");
        body.request().when().post("/api/v1/awarding-bodies/{id}/signing-keys", body.id()).then().statusCode(201);
        asOperator().when().post("/api/v1/awarding-bodies/{id}/signing-keys", body.id()).then().statusCode(201);

        List<String> actors = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT event_type, data ->> 'actor' AS actor FROM event_store "
                        + "WHERE stream_id = $1 ORDER BY version").execute(Tuple.of(body.id()))
                .await().atMost(Duration.ofSeconds(10))) {
            actors.add(row.getString("event_type").replace("eu.microcredential.awardingbody.", "") + " by "
                    + row.getString("actor"));
        }
        assertEquals(List.of("registered.v1 by operator", "signingkey.added.v1 by operator",
                "signingkey.added.v1 by " + body.id(), "signingkey.retired.v1 by " + body.id(),
                "signingkey.added.v1 by operator", "signingkey.retired.v1 by operator"), actors);
    }
}
