package eu.microcredentials.issuer.issuing;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import eu.microcredentials.issuer.support.EventLog;
import eu.microcredentials.issuer.support.IssuerApi;
import eu.microcredentials.issuer.support.StatusListPlaces;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bulk issuance: valid rows issued in chunks, invalid rows reported by number, nothing issued twice. */
@QuarkusTest
class BatchIssuingTest {
    @Inject
    Pool pool;

    private static String row(int i, boolean bad) {
        return """
                {"learner":{"id":"mailto:batch-%d-%s@example.org"},"title":"Data Literacy %d",
                 "learningOutcomes":[{"description":"Read and clean data"}],"workload":{"ects":%s},
                 "assessment":{"type":"PROJECT"},"participation":{"form":"BLENDED"},"qualityAssurance":{"type":"INTERNAL"}}"""
                .formatted(i, UUID.randomUUID(), i, bad ? "61" : "2");
    }

    @Test
    void aTenThousandRowBatchWithAHundredBadRowsIssuesExactly9900AndResendingIssuesNothing() {
        IssuerApi.AwardingBody body = IssuerApi.registerAwardingBody("PT");
        List<String> rows = new ArrayList<>();
        Set<Integer> bad = new HashSet<>();
        for (int i = 1; i <= 10_000; i++) {
            boolean isBad = i % 100 == 37;
            if (isBad) {
                bad.add(i);
            }
            rows.add(row(i, isBad));
        }
        String batch = "[" + String.join(",", rows) + "]";
        String key = "batch-" + UUID.randomUUID();

        Response first = body.request().contentType(ContentType.JSON).header("Idempotency-Key", key).body(batch)
                .when().post("/api/v1/awarding-bodies/{id}/credentials/batch", body.id())
                .then().statusCode(200).extract().response();

        assertEquals(10_000, (int) first.path("received"));
        assertEquals(9_900, (int) first.path("issued"));
        assertEquals(100, (int) first.path("rejected"));
        List<Integer> rejectedRows = first.path("errors.row");
        assertEquals(bad, new HashSet<>(rejectedRows));
        List<String> pointers = first.path("errors[0].errors.pointer");
        assertEquals(List.of("/workload/ects"), pointers);
        assertEquals(9_900, issuedCredentials(body.id()));
        List<String> ids = first.path("credentials.credentialId");
        assertEquals(9_900, new HashSet<>(ids).size());
        assertEquals(9_900, distinctStatusIndexes(body.id()), "every credential has its own status list index");

        Response again = body.request().contentType(ContentType.JSON).header("Idempotency-Key", key).body(batch)
                .when().post("/api/v1/awarding-bodies/{id}/credentials/batch", body.id())
                .then().statusCode(200).extract().response();

        assertEquals(ids, again.path("credentials.credentialId"), "the same credentials answered again");
        assertEquals(9_900, issuedCredentials(body.id()), "nothing issued twice");
    }

    @Test
    void csvRowsAreIssuedAndBadOnesReportedByLine() {
        IssuerApi.AwardingBody body = IssuerApi.registerAwardingBody("NL");
        String csv = """
                learner_id,title,learning_outcomes,esco_skills,ects,hours,eqf,assessment_type,participation_form,quality_assurance_type,issuer_countries,grade
                mailto:csv-a-%1$s@example.org,Data Cleaning,Clean data|Model data,http://data.europa.eu/esco/skill/8e6c2b58-1b2e-4f5b-9b1a-2f0c7c9c1f3e|,2.5,60,5,PROJECT,BLENDED,INTERNAL,NL;BE,8/10
                mailto:csv-b-%1$s@example.org,Bad Row,Something,,abc,,9,NOPE,ONLINE,INTERNAL,NL,
                mailto:csv-c-%1$s@example.org,Statistics,Estimate,,3,,,WRITTEN_EXAM,ONSITE,EXTERNAL,,
                """.formatted(UUID.randomUUID());

        Response response = body.request().contentType("text/csv").body(csv)
                .when().post("/api/v1/awarding-bodies/{id}/credentials/batch", body.id())
                .then().statusCode(200).extract().response();

        assertEquals(3, (int) response.path("received"));
        assertEquals(2, (int) response.path("issued"));
        assertEquals(List.of(1, 3), response.path("credentials.row"));
        assertEquals(List.of(2), response.path("errors.row"));
        List<String> pointers = response.path("errors[0].errors.pointer");
        assertEquals(Set.of("/workload/ects", "/level/eqf", "/assessment/type"), new HashSet<>(pointers));
        String first = response.path("credentials[0].credentialId");
        body.request().when().get("/api/v1/credentials/{id}", first).then().statusCode(200)
                .body("credential.issuerCountries", equalTo(List.of("NL", "BE")))
                .body("credential.learningOutcomes[0].escoSkill",
                        equalTo("http://data.europa.eu/esco/skill/8e6c2b58-1b2e-4f5b-9b1a-2f0c7c9c1f3e"))
                .body("credential.workload.hours", equalTo(60))
                .body("credential.grade", equalTo("8/10"));
    }

    @Test
    void aBatchForAnotherAwardingBodyIsRefusedAndWritesNothing() {
        IssuerApi.AwardingBody mine = IssuerApi.registerAwardingBody("PT");
        IssuerApi.AwardingBody theirs = IssuerApi.registerAwardingBody("PT");
        long before = EventLog.count(pool);

        mine.request().contentType(ContentType.JSON).body("[" + row(1, false) + "]")
                .when().post("/api/v1/awarding-bodies/{id}/credentials/batch", theirs.id())
                .then().statusCode(403).contentType(IssuerApi.PROBLEM_JSON);

        assertEquals(before, EventLog.count(pool));
    }

    @Test
    void aBatchOfMoreThanTenThousandIsRefusedWhole() {
        IssuerApi.AwardingBody body = IssuerApi.registerAwardingBody("PT");
        String one = row(1, false);
        String batch = "[" + String.join(",", java.util.Collections.nCopies(10_001, one)) + "]";

        body.request().contentType(ContentType.JSON).body(batch)
                .when().post("/api/v1/awarding-bodies/{id}/credentials/batch", body.id())
                .then().statusCode(413).contentType(IssuerApi.PROBLEM_JSON);

        assertEquals(0, issuedCredentials(body.id()));
    }

    @Test
    void theSameKeyWithAnotherBatchIsRefused() {
        IssuerApi.AwardingBody body = IssuerApi.registerAwardingBody("PT");
        String key = "k-" + UUID.randomUUID();
        body.request().contentType(ContentType.JSON).header("Idempotency-Key", key).body("[" + row(1, false) + "]")
                .when().post("/api/v1/awarding-bodies/{id}/credentials/batch", body.id()).then().statusCode(200);

        body.request().contentType(ContentType.JSON).header("Idempotency-Key", key).body("[" + row(2, false) + "]")
                .when().post("/api/v1/awarding-bodies/{id}/credentials/batch", body.id())
                .then().statusCode(422).contentType(IssuerApi.PROBLEM_JSON);

        assertEquals(1, issuedCredentials(body.id()));
    }

    private long issuedCredentials(String awardingBodyId) {
        return pool.preparedQuery("SELECT count(*) FROM event_store WHERE awarding_body_id = $1 AND event_type = $2")
                .execute(Tuple.of(awardingBodyId, "eu.microcredential.credential.issued.v1"))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    private long distinctStatusIndexes(String awardingBodyId) {
        return new HashSet<>(StatusListPlaces.ofIssuedCredentials(pool, awardingBodyId).values()).size();
    }
}
