package eu.microcredentials.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.matchesPattern;

import eu.microcredentials.eventsourcing.RebuildClaim;
import eu.microcredentials.testsupport.AdminEndpoints;
import eu.microcredentials.testsupport.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What operators look at: readiness with the kernel's check, and the projection's state; only they get in. */
@QuarkusTest
class AdminEndpointsTest {
    private static final String OPERATOR_KEY = "test-registry-operator-key";

    @Inject
    Pool pool;

    @Test
    void readiness_is_up_with_the_registry_projection() {
        Eventually.await(Duration.ofSeconds(30), () -> given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("event-sourcing"))
                .body("checks.find { it.name == 'event-sourcing' }.data.'projection.registry'",
                        startsWith("RUNNING")));
    }

    @Test
    void the_registry_projection_runs_on_both_issuer_topics() {
        Eventually.await(Duration.ofSeconds(30), () -> AdminEndpoints.asOperator(OPERATOR_KEY).when().get("/admin/projections")
                .then().statusCode(200)
                .body("name", hasItem("registry"))
                .body("find { it.name == 'registry' }.state", equalTo("RUNNING"))
                // other instances of the service may share the partitions; these are all of the two topics
                .body("find { it.name == 'registry' }.assignedPartitions",
                        everyItem(matchesPattern("mc\\.(awarding-bodies|credentials)\\.v1-[0-9]+"))));
    }

    @Test
    void every_kind_of_admin_endpoint_answers_only_the_operators_key() {
        String from = Instant.now().minusSeconds(60).toString();
        List<Request> requests = new ArrayList<>(List.of(
                new Request("GET", "/admin/projections"),
                new Request("GET", "/admin/projections/accreditations?checksum=true"),
                new Request("GET", "/admin/rebuilds"),
                new Request("GET", "/admin/digests/mc.credentials.v1?source=/issuer-service"),
                new Request("GET", "/admin/digests/mc.credentials.v1/buckets/00?source=/issuer-service&heldBy=projection:registry"),
                new Request("GET", "/admin/audit/verify"),
                new Request("GET", "/admin/audit/events?from=" + from)));
        for (Request request : requests) {
            assertRefusedWithoutTheKey(request);
            request.send(AdminEndpoints.asOperator(OPERATOR_KEY)).then().statusCode(200);
        }

        Request rebuild = new Request("POST", "/admin/projections/accreditations/rebuild");
        assertRefusedWithoutTheKey(rebuild);
        String id = rebuild.send(AdminEndpoints.asOperator(OPERATOR_KEY)).then().statusCode(202).extract().path("rebuild");
        for (Request request : List.of(new Request("GET", "/admin/rebuilds/" + id),
                new Request("GET", "/admin/rebuilds/" + id + "/progress"))) {
            assertRefusedWithoutTheKey(request);
            request.send(AdminEndpoints.asOperator(OPERATOR_KEY)).then().statusCode(200);
        }
        // the progress stream ended: the rebuild is finished
        AdminEndpoints.asOperator(OPERATOR_KEY).when().get("/admin/rebuilds/{id}", id)
                .then().statusCode(200).body("state", equalTo("DONE")).body("identical", equalTo(true));
    }

    @Test
    void a_read_model_another_instance_is_rebuilding_is_not_rebuilt_here_too() {
        // another instance's claim, as it holds it while it rebuilds
        try (RebuildClaim elsewhere = RebuildClaim.take(pool, "accreditations").orElseThrow()) {
            AdminEndpoints.asOperator(OPERATOR_KEY).when().post("/admin/projections/accreditations/rebuild")
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("another instance"));
        }
        AdminEndpoints.rebuildAndAwait(OPERATOR_KEY, "accreditations", Duration.ofMinutes(5));
    }

    @Test
    void health_and_the_openapi_document_stay_open_and_the_document_names_the_operator_key() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.operatorKey.scheme", equalTo("bearer"))
                .body("paths.'/admin/projections'.get.security[0]", hasKey("operatorKey"))
                .body("paths.'/admin/audit/events'.get.security[0]", hasKey("operatorKey"));
    }

    private static void assertRefusedWithoutTheKey(Request request) {
        request.send(given()).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
        request.send(given().header("Authorization", "Bearer not-the-operator-key"))
                .then().statusCode(401).contentType("application/problem+json");
        request.send(given().header("Authorization", "Basic " + OPERATOR_KEY))
                .then().statusCode(401).contentType("application/problem+json");
    }

    private record Request(String method, String path) {
        Response send(RequestSpecification given) {
            return given.when().request(method, path);
        }
    }
}
