package eu.microcredentials.issuer.stacking;

import static eu.microcredentials.issuer.support.IssuerApi.PROBLEM_JSON;
import static eu.microcredentials.issuer.support.IssuerApi.asOperator;
import static eu.microcredentials.issuer.support.IssuerApi.registerAwardingBody;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import eu.microcredentials.issuer.support.EventLog;
import eu.microcredentials.issuer.support.IssuerApi.AwardingBody;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An awarding body enables automatic issuance per learning pathway with its own API key, pinning the terms it agrees
 * to sign, and disables it again, on real PostgreSQL: each change is one event of its stream; another body's key and
 * the operators' are refused (403 problem+json) and record nothing; bad terms are a 400 naming every bad field.
 */
@QuarkusTest
class StackingAgreementsIT {
    private static final String PATH = "/api/v1/awarding-bodies/{id}/stacking/{pathway}";
    private static final Duration DB_DEADLINE = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    private AwardingBody body;
    private final String pathway = UUID.randomUUID().toString();

    @BeforeEach
    void anAwardingBody() {
        body = registerAwardingBody("PT");
    }

    /** {@code PUT} the terms for a pathway with the awarding body's own key. */
    static Response enableStacking(AwardingBody body, String pathway, String title, int eqfLevel, String ects) {
        return enableStacking(body.request(), body.id(), pathway, """
                {"title":"%s","eqfLevel":%d,"ects":%s}""".formatted(title, eqfLevel, ects));
    }

    private static Response enableStacking(RequestSpecification as, String bodyId, String pathway, String terms) {
        return as.contentType(ContentType.JSON).body(terms).when().put(PATH, bodyId, pathway);
    }

    private long stackingEventsOf(String awardingBodyId) {
        return pool.preparedQuery("""
                        SELECT count(*) AS events FROM event_store
                        WHERE stream_id = $1 AND event_type LIKE 'eu.microcredential.awardingbody.stacking.%'""")
                .execute(Tuple.of(awardingBodyId)).await().atMost(DB_DEADLINE).iterator().next().getLong("events");
    }

    @Test
    void the_awarding_body_enables_a_pathway_with_its_terms_and_reads_them_back() {
        enableStacking(body, pathway, "Data Science (stacked)", 6, "6.0").then().statusCode(200)
                .body("awardingBodyId", equalTo(body.id()))
                .body("pathwayId", equalTo(pathway))
                .body("title", equalTo("Data Science (stacked)"))
                .body("eqfLevel", equalTo(6))
                .body("ects", equalTo(6.0f))
                .body("enabledBy", equalTo(body.id()));

        body.request().when().get(PATH, body.id(), pathway).then().statusCode(200).body("title", equalTo("Data Science (stacked)"));
        asOperator().when().get("/api/v1/awarding-bodies/{id}/stacking", body.id()).then().statusCode(200)
                .body("pathwayId", equalTo(List.of(pathway)));
        assertEquals(1, stackingEventsOf(body.id()));
    }

    @Test
    void enabling_again_with_the_same_terms_records_nothing_and_other_terms_replace_them() {
        enableStacking(body, pathway, "Data Science (stacked)", 6, "6").then().statusCode(200);
        enableStacking(body, pathway, "Data Science (stacked)", 6, "6").then().statusCode(200);
        assertEquals(1, stackingEventsOf(body.id()));

        enableStacking(body, pathway, "Data Science (stacked)", 6, "12").then().statusCode(200).body("ects", equalTo(12));
        assertEquals(2, stackingEventsOf(body.id()));
        String second = UUID.randomUUID().toString();
        enableStacking(body, second, "Data Engineering (stacked)", 5, "9").then().statusCode(200);
        body.request().when().get("/api/v1/awarding-bodies/{id}/stacking", body.id()).then().statusCode(200)
                .body("pathwayId", containsInAnyOrder(pathway, second));
    }

    @Test
    void disabling_removes_the_pathway_and_disabling_it_again_records_nothing() {
        enableStacking(body, pathway, "Data Science (stacked)", 6, "6").then().statusCode(200);

        body.request().when().delete(PATH, body.id(), pathway).then().statusCode(204);
        body.request().when().delete(PATH, body.id(), pathway).then().statusCode(204);

        assertEquals(2, stackingEventsOf(body.id()));
        body.request().when().get(PATH, body.id(), pathway).then().statusCode(404).contentType(PROBLEM_JSON);
        body.request().when().get("/api/v1/awarding-bodies/{id}/stacking", body.id()).then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void another_awarding_body_and_the_operators_may_not_enable_or_disable_for_a_body_and_nothing_is_recorded() {
        AwardingBody other = registerAwardingBody("NL");
        String terms = """
                {"title":"Data Science (stacked)","eqfLevel":6,"ects":6}""";
        long before = EventLog.count(pool);

        for (RequestSpecification as : List.of(other.request(), asOperator())) {
            enableStacking(as, body.id(), pathway, terms).then().statusCode(403).contentType(PROBLEM_JSON)
                    .body("status", equalTo(403));
        }
        enableStacking(body, pathway, "Data Science (stacked)", 6, "6").then().statusCode(200);
        for (RequestSpecification as : List.of(other.request(), asOperator())) {
            as.when().delete(PATH, body.id(), pathway).then().statusCode(403).contentType(PROBLEM_JSON);
        }
        enableStacking(given(), body.id(), pathway, terms).then().statusCode(401).contentType(PROBLEM_JSON);
        enableStacking(given().header("Authorization", "Bearer mcak_unknown"), body.id(), pathway, terms)
                .then().statusCode(401);
        // nor for a body that does not exist
        enableStacking(other.request(), UUID.randomUUID().toString(), pathway, terms).then().statusCode(403);

        assertEquals(before + 1, EventLog.count(pool), "only the body's own enabling");
        other.request().when().get(PATH, body.id(), pathway).then().statusCode(403).contentType(PROBLEM_JSON);
        asOperator().when().get(PATH, body.id(), pathway).then().statusCode(200);
    }

    @Test
    void bad_terms_are_a_problem_naming_every_bad_field_and_record_nothing() {
        long before = EventLog.count(pool);

        enableStacking(body.request(), body.id(), pathway, """
                {"title":"  ","eqfLevel":9,"ects":0}""").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.pointer", containsInAnyOrder("/title", "/eqfLevel", "/ects"));
        enableStacking(body.request(), body.id(), pathway, "{}").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.pointer", containsInAnyOrder("/title", "/eqfLevel", "/ects"));
        enableStacking(body.request(), body.id(), "not a pathway id", """
                {"title":"Data Science (stacked)","eqfLevel":6,"ects":6}""").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("errors.pointer", equalTo(List.of("pathwayId")));

        assertEquals(before, EventLog.count(pool));
    }
}
