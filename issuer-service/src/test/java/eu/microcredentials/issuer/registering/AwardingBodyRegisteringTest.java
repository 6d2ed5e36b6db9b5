package eu.microcredentials.issuer.registering;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import eu.microcredentials.events.EventJson;
import eu.microcredentials.events.EventType;
import eu.microcredentials.events.data.AwardingBodyRegistered;
import eu.microcredentials.events.data.QualityAssurance;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Registering an awarding body: every element of its profile is recorded and read back. */
@QuarkusTest
class AwardingBodyRegisteringTest {

    @Inject
    Pool pool;

    @Test
    void a_registration_with_every_element_is_stored_as_one_event_and_read_back() {
        String id = given().contentType(ContentType.JSON)
                .body("""
                        {"legalName":"Technische Universiteit Delft","country":"NL",
                         "legalIdentifier":{"scheme":"ERASMUS","value":"NL DELFT01"},"website":"https://www.tudelft.nl/",
                         "qualityAssurance":{"type":"EXTERNAL","description":"Institutional accreditation by NVAO"}}""")
                .when().post("/api/v1/awarding-bodies")
                .then().statusCode(201)
                .extract().path("id");

        given().when().get("/api/v1/awarding-bodies/{id}", id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("legalName", equalTo("Technische Universiteit Delft"))
                .body("country", equalTo("NL"))
                .body("legalIdentifier.scheme", equalTo("ERASMUS"))
                .body("legalIdentifier.value", equalTo("NL DELFT01"))
                .body("website", equalTo("https://www.tudelft.nl/"))
                .body("qualityAssurance.type", equalTo("EXTERNAL"))
                .body("qualityAssurance.description", equalTo("Institutional accreditation by NVAO"));

        RowSet<Row> rows = pool.preparedQuery("""
                        SELECT stream_type, version, event_type, awarding_body_id, country, data::text AS data
                        FROM event_store WHERE stream_id = $1""")
                .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10));
        assertEquals(1, rows.size());
        Row row = rows.iterator().next();
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
    }

    @Test
    void quality_assurance_needs_a_known_type_and_other_needs_a_description() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"legalName":"Hogeschool Test","country":"NL","qualityAssurance":{"description":"Audited"}}""")
                .when().post("/api/v1/awarding-bodies")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.pointer", containsInAnyOrder("/qualityAssurance/type"));

        given().contentType(ContentType.JSON)
                .body("""
                        {"legalName":"Hogeschool Test","country":"NL","qualityAssurance":{"type":"PEER"}}""")
                .when().post("/api/v1/awarding-bodies")
                .then().statusCode(400)
                .body("errors.pointer", containsInAnyOrder("/qualityAssurance/type"));

        given().contentType(ContentType.JSON)
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
        given().contentType(ContentType.JSON)
                .when().post("/api/v1/awarding-bodies")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }
}
