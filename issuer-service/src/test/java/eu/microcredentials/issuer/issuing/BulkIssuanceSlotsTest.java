package eu.microcredentials.issuer.issuing;

import static eu.microcredentials.issuer.support.IssuerApi.fullCredential;
import static eu.microcredentials.issuer.support.IssuerApi.newLearner;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import eu.microcredentials.issuer.support.EventLog;
import eu.microcredentials.issuer.support.IssuerApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An instance runs at most {@code mc.batches.concurrent} (2) bulk issuances at once: one more is answered
 * 503 with Retry-After and records nothing, and is taken again once a slot is free.
 */
@QuarkusTest
class BulkIssuanceSlotsTest {
    @Inject
    BulkIssuanceSlots slots;

    @Inject
    Pool pool;

    @Test
    void a_batch_beyond_the_slots_is_answered_503_with_retry_after_and_taken_once_a_slot_is_free() {
        IssuerApi.AwardingBody body = IssuerApi.registerAwardingBody("LT");
        String batch = "[" + fullCredential(newLearner()) + "," + fullCredential(newLearner()) + "]";
        List<Cancellable> running = new ArrayList<>();
        try {
            // two batches that never end take both slots
            for (int i = 0; i < 2; i++) {
                running.add(slots.run(() -> Uni.createFrom().nothing()).subscribe().with(ignored -> { }));
            }
            long before = EventLog.count(pool);

            body.request().contentType(ContentType.JSON).body(batch)
                    .when().post("/api/v1/awarding-bodies/{id}/credentials/batch", body.id())
                    .then().statusCode(503).contentType(IssuerApi.PROBLEM_JSON)
                    .header("Retry-After", equalTo("5"))
                    .body("type", equalTo(BulkIssuanceSlots.BUSY.toString()))
                    .body("detail", containsString("2 batches"));
            body.request().contentType("text/csv").body("learner_id,title\nmailto:x@example.org,T\n")
                    .when().post("/api/v1/awarding-bodies/{id}/credentials/batch", body.id())
                    .then().statusCode(503);

            assertEquals(before, EventLog.count(pool), "a refused batch records nothing");
            running.remove(0).cancel();

            body.request().contentType(ContentType.JSON).body(batch)
                    .when().post("/api/v1/awarding-bodies/{id}/credentials/batch", body.id())
                    .then().statusCode(200).body("issued", equalTo(2));
        } finally {
            running.forEach(Cancellable::cancel);
        }
    }
}
