package eu.microcredentials.issuer.statuslists;

import static eu.microcredentials.issuer.support.IssuerApi.PROBLEM_JSON;
import static eu.microcredentials.issuer.support.IssuerApi.because;
import static eu.microcredentials.issuer.support.IssuerApi.fullCredential;
import static eu.microcredentials.issuer.support.IssuerApi.issue;
import static eu.microcredentials.issuer.support.IssuerApi.newLearner;
import static eu.microcredentials.issuer.support.IssuerApi.registerAwardingBody;
import static eu.microcredentials.issuer.support.IssuerApi.revoke;
import static eu.microcredentials.issuer.support.IssuerApi.suspend;
import static eu.microcredentials.issuer.support.VerifiableCredentials.activeKey;
import static eu.microcredentials.issuer.support.VerifiableCredentials.payload;
import static eu.microcredentials.issuer.support.VerifiableCredentials.verifies;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import eu.microcredentials.issuer.support.IssuerApi.AwardingBody;
import eu.microcredentials.issuer.support.StatusListPlaces;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An awarding body that has issued more credentials than one status list holds (131,072) goes on in its
 * next lists, each published at the URL its credentials name. Filling a list takes 131,072 issuances, so
 * the body's count of places is moved on in the database to just before the end of a list.
 */
@QuarkusTest
class NextStatusListsTest {
    private static final int LIST_SIZE = 131_072;

    @Inject
    Pool pool;

    private AwardingBody body;

    @BeforeEach
    void anAwardingBodyOfItsOwn() {
        body = registerAwardingBody("EE");
    }

    /** An issued credential: its id, and its list URL and index (the same in both purposes). */
    private record Issued(String id, String revocationList, String suspensionList, int index) {
        static Issued of(String id, String jwt) {
            String revocation = null;
            String suspension = null;
            int index = -1;
            for (JsonNode status : payload(jwt).path("credentialStatus")) {
                index = Integer.parseInt(status.path("statusListIndex").asText());
                if ("revocation".equals(status.path("statusPurpose").asText())) {
                    revocation = status.path("statusListCredential").asText();
                } else {
                    suspension = status.path("statusListCredential").asText();
                }
            }
            return new Issued(id, revocation, suspension, index);
        }
    }

    private Issued issueOne() {
        Response issued = issue(body, fullCredential(newLearner())).then().statusCode(201).extract().response();
        return Issued.of(issued.path("id"), issued.path("verifiableCredential"));
    }


    /** The list at {@code url} as a verifier fetches it: its JWT, checked against the body's key; answers the bits set. */
    private Set<Integer> setBits(String url) throws IOException {
        String jwt = given().when().get(URI.create(url).getPath()).then().statusCode(200).extract().asString();
        assertTrue(verifies(jwt, activeKey(body.id()).publicKey()), "signed by the body: " + url);
        JsonNode list = payload(jwt);
        assertEquals(url, list.path("id").asText(), "the list's id is the URL its credentials name");
        return StatusListTest.setBits(list.path("credentialSubject").path("encodedList").asText());
    }

    @Test
    void when_the_first_list_is_full_the_body_goes_on_in_its_next_and_each_list_shows_its_own_credentials()
            throws IOException {
        issueOne();
        StatusListPlaces.moveTo(pool, body.id(), LIST_SIZE - 1L);

        Issued lastOfFirst = issueOne();
        Issued firstOfNext = issueOne();

        String base = "/api/v1/status-lists/" + body.id();
        assertTrue(lastOfFirst.revocationList().endsWith(base + "/revocation"), lastOfFirst.revocationList());
        assertTrue(lastOfFirst.suspensionList().endsWith(base + "/suspension"), lastOfFirst.suspensionList());
        assertTrue(firstOfNext.revocationList().endsWith(base + "/revocation/1"), firstOfNext.revocationList());
        assertTrue(firstOfNext.suspensionList().endsWith(base + "/suspension/1"), firstOfNext.suspensionList());

        revoke(body.request(), firstOfNext.id(), because("Issued in error")).then().statusCode(200);
        suspend(body.request(), lastOfFirst.id(), because("Under investigation")).then().statusCode(200);

        assertEquals(Set.of(firstOfNext.index()), setBits(firstOfNext.revocationList()));
        assertEquals(Set.of(), setBits(firstOfNext.suspensionList()));
        assertEquals(Set.of(lastOfFirst.index()), setBits(lastOfFirst.suspensionList()));
        assertEquals(Set.of(), setBits(lastOfFirst.revocationList()), "the revocation in list 1 is not in list 0");
    }

    @Test
    void one_batch_crossing_the_end_of_a_list_spreads_over_both_and_no_place_is_given_twice() {
        issueOne();
        StatusListPlaces.moveTo(pool, body.id(), 2L * LIST_SIZE - 3);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(fullCredential(newLearner()));
        }

        List<String> ids = body.request().contentType(ContentType.JSON).body("[" + String.join(",", rows) + "]")
                .when().post("/api/v1/awarding-bodies/{id}/credentials/batch", body.id())
                .then().statusCode(200).extract().path("credentials.credentialId");

        var places = StatusListPlaces.ofIssuedCredentials(pool, body.id());
        List<String> lists = new ArrayList<>();
        for (String id : ids) {
            String url = places.get(id).revocationList();
            lists.add(url.substring(url.indexOf("/revocation")));
        }
        assertEquals(List.of("/revocation/1", "/revocation/1", "/revocation/1", "/revocation/2", "/revocation/2",
                "/revocation/2"), lists, "in the order of the batch's rows");
        assertEquals(places.size(), new HashSet<>(places.values()).size(), "places given twice: " + places);
        assertEquals(2L * LIST_SIZE + 3, StatusListPlaces.taken(pool, body.id()));
    }

    @Test
    void a_list_the_body_has_not_begun_and_other_list_numbers_are_404() {
        issueOne();
        String list = "/api/v1/status-lists/{body}/{purpose}/{list}";
        given().when().get(list, body.id(), "revocation", "1").then().statusCode(404).contentType(PROBLEM_JSON);
        StatusListPlaces.moveTo(pool, body.id(), LIST_SIZE);
        given().when().get(list, body.id(), "revocation", "1").then().statusCode(404);
        StatusListPlaces.moveTo(pool, body.id(), LIST_SIZE + 1);
        given().when().get(list, body.id(), "revocation", "1").then().statusCode(200);
        given().when().get(list, body.id(), "suspension", "1").then().statusCode(200);
        given().when().get(list, body.id(), "revocation", "2").then().statusCode(404);
        // list 0 has the one URL its credentials name
        given().when().get(list, body.id(), "revocation", "0").then().statusCode(404).contentType(PROBLEM_JSON);
        for (String number : List.of("-1", "01", "x", "99999999999999999999", "999999999999999999", "70368744177664")) {
            given().when().get(list, body.id(), "revocation", number).then().statusCode(404);
        }
        given().when().get(list, body.id(), "message", "1").then().statusCode(404);
        given().when().get(list, UUID.randomUUID(), "revocation", "1").then().statusCode(404);
    }
}
