package eu.microcredentials.recognition.recognizing;

import com.fasterxml.jackson.databind.JsonNode;
import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.eventsourcing.web.RequestFields;
import eu.microcredentials.recognition.access.Access;
import eu.microcredentials.recognition.infrastructure.JsonBody;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Learners ask for recognition of their credentials under a policy; reviewers decide what a policy refers to them. */
@Path("/api/v1/recognition-requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Recognition")
public class RecognitionResource {
    private final RecognitionRequests requests;
    private final Access access;
    private final Pool pool;

    public RecognitionResource(RecognitionRequests requests, Access access, Pool pool) {
        this.requests = requests;
        this.access = access;
        this.pool = pool;
    }

    /** The decision a reviewer records: GRANTED or REJECTED. */
    public enum ReviewDecision { GRANTED, REJECTED }

    @POST
    @Operation(summary = "Ask for credentials to be recognised under a policy",
            description = "Body {learnerId, credentialIds, policyId}. Answers 201 with the decision: GRANTED (with the "
                    + "ECTS recognised), REJECTED (every failed rule, per credential) or NEEDS_REVIEW, and an explanation. "
                    + "400 problem+json naming every bad field, also a credential the learner does not hold or that is "
                    + "not active; nothing is recorded then.")
    public Uni<Response> request(JsonNode json) {
        RequestFields fields = new RequestFields();
        JsonBody body = JsonBody.of(json, fields);
        String learnerId = body.text("learnerId", true, 500);
        List<String> credentialIds = body.texts("credentialIds", true, id -> id.length() <= 200, "at most 200 characters");
        String policyId = body.text("policyId", true, 200);
        fields.throwIfInvalid();
        return requests.request(learnerId, credentialIds, policyId).map(view -> Response
                .created(URI.create("/api/v1/recognition-requests/" + view.id())).entity(view).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A recognition request and its decision, from the decisions read model")
    public Uni<RecognitionView> get(@PathParam("id") String id) {
        return RecognitionsProjection.find(pool, id)
                .map(found -> found.orElseThrow(() -> Problem.notFound("recognition request", id).exception()));
    }

    @POST
    @Path("/{id}/decision")
    @Operation(summary = "A reviewer decides a request that awaits review",
            description = "With the API key of the recognising organisation that owns the policy; body {decision: "
                    + "GRANTED|REJECTED, reviewer (the named person deciding), reason}. The decision records the "
                    + "reviewer, the organisation (reviewerOrganisationId) and why. 401 without a known key, 403 for "
                    + "any other organisation, 409 problem+json with currentDecision when the request awaits no review.")
    public Uni<RecognitionView> decide(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                       @PathParam("id") String id, JsonNode json) {
        return access.caller(authorization).flatMap(caller -> {
            RequestFields fields = new RequestFields();
            JsonBody body = JsonBody.of(json, fields);
            ReviewDecision decision = body.oneOf("decision", ReviewDecision.class, true);
            String reviewer = body.text("reviewer", true, 300);
            String reason = body.text("reason", true, 2000);
            fields.throwIfInvalid();
            return requests.review(id, caller, reviewer, decision == ReviewDecision.GRANTED, reason);
        });
    }
}
