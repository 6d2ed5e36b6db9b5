package eu.microcredentials.testsupport;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;

/** A service's admin endpoints ({@code /admin/*}) as its operators call them: with the operator key. */
public final class AdminEndpoints {
    private static final List<String> UNDER_WAY = List.of("REPLAYING", "SWAPPING");

    private AdminEndpoints() {
    }

    /** A request bearing the operators' key. */
    public static RequestSpecification asOperator(String operatorKey) {
        return given().header("Authorization", "Bearer " + operatorKey);
    }

    /**
     * Rebuilds the read model beside the live one and waits until the rebuild has swapped in; fails unless it finished
     * and came out identical to the live model. Answers the rebuild's final report.
     */
    public static JsonPath rebuildAndAwait(String operatorKey, String projection, Duration deadline) {
        String id = asOperator(operatorKey).when().post("/admin/projections/{name}/rebuild", projection)
                .then().statusCode(202).extract().path("rebuild");
        if (id == null) {
            throw new AssertionError(projection + " was not rebuilt beside the live model (no rebuild id)");
        }
        JsonPath[] report = new JsonPath[1];
        Eventually.await(deadline, () -> {
            report[0] = asOperator(operatorKey).when().get("/admin/rebuilds/{id}", id)
                    .then().statusCode(200).extract().jsonPath();
            if (UNDER_WAY.contains(report[0].getString("state"))) {
                throw new AssertionError("the rebuild of " + projection + " is " + report[0].getString("state"));
            }
        });
        assertEquals("DONE", report[0].getString("state"), () -> "rebuild of " + projection + ": " + report[0].prettify());
        assertEquals(Boolean.TRUE, report[0].get("identical"),
                () -> "the rebuilt " + projection + " differs from the live one: " + report[0].prettify());
        return report[0];
    }
}
