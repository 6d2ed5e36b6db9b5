package eu.microcredentials.issuer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

import eu.microcredentials.issuer.support.IssuerApi;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The issuer's admin endpoints answer only its operators' key, as {@code OperatorKey} holds it; an awarding body's key
 * is not it.
 */
@QuarkusTest
class AdminAccessTest {

    @Test
    void the_admin_endpoints_answer_only_the_operators_key() {
        IssuerApi.AwardingBody body = IssuerApi.registerAwardingBody("PT");
        for (String path : List.of("/admin/projections", "/admin/rebuilds",
                "/admin/digests/mc.credentials.v1?source=/issuer-service", "/admin/audit/verify",
                "/admin/audit/events?from=" + Instant.now().minusSeconds(60))) {
            given().when().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer"));
            body.request().when().get(path).then().statusCode(401).contentType("application/problem+json");
            IssuerApi.asOperator().when().get(path).then().statusCode(200);
        }
    }
}
