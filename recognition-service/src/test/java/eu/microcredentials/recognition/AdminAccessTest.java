package eu.microcredentials.recognition;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

import eu.microcredentials.recognition.recognizing.RecognitionsProjection;
import eu.microcredentials.testsupport.AdminEndpoints;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recognition's admin endpoints answer only its operators' key ({@code mc.access.operator-api-key}). */
@QuarkusTest
class AdminAccessTest {
    private static final String OPERATOR_KEY = "test-recognition-operator-key";

    @Test
    void the_admin_endpoints_answer_only_the_operators_key() {
        for (String path : List.of("/admin/projections", "/admin/rebuilds",
                "/admin/digests/mc.credentials.v1?source=/issuer-service", "/admin/audit/verify",
                "/admin/audit/events?from=" + Instant.now().minusSeconds(60))) {
            given().when().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer"));
            given().header("Authorization", "Bearer test-registry-operator-key").when().get(path)
                    .then().statusCode(401).contentType("application/problem+json");
            AdminEndpoints.asOperator(OPERATOR_KEY).when().get(path).then().statusCode(200);
        }
        given().when().post("/admin/projections/{name}/rebuild", RecognitionsProjection.NAME)
                .then().statusCode(401).contentType("application/problem+json");
        AdminEndpoints.rebuildAndAwait(OPERATOR_KEY, RecognitionsProjection.NAME, Duration.ofMinutes(5));
    }
}
