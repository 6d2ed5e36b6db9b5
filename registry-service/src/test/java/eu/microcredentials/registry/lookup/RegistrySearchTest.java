package eu.microcredentials.registry.lookup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A search the registry cannot run answers 400 problem+json, saying why. */
@QuarkusTest
class RegistrySearchTest {

    @Test
    void a_page_larger_than_500_is_refused() {
        given().queryParam("size", 1000)
                .when().get("/api/v1/registry/credentials")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.reason", hasItem(containsString("size must be 1 to 500")));
    }

    @Test
    void a_country_in_lower_case_is_refused() {
        given().queryParam("country", "pt")
                .when().get("/api/v1/registry/credentials")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.reason", hasItem(containsString("country must be an ISO 3166-1 alpha-2 code")));
    }

    @Test
    void a_negative_page_is_refused() {
        given().queryParam("page", -1)
                .when().get("/api/v1/registry/credentials")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.reason", hasItem(containsString("page starts at 0")));
    }

    @Test
    void a_learner_page_larger_than_500_is_refused() {
        given().queryParam("size", 501)
                .when().get("/api/v1/registry/learners/{learner}/credentials", "did:example:nobody")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void a_valid_search_without_matches_is_an_empty_page() {
        given().queryParam("learner", "did:example:" + java.util.UUID.randomUUID()).queryParam("size", 500)
                .when().get("/api/v1/registry/credentials")
                .then().statusCode(200)
                .body("total", equalTo(0))
                .body("size", equalTo(500))
                .body("items.size()", equalTo(0));
    }
}
