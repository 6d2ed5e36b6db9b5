package eu.microcredentials.issuer.stacking;

import eu.microcredentials.events.data.StackingRefused;
import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.issuer.access.Caller;
import eu.microcredentials.issuer.domain.credential.Credential;
import eu.microcredentials.issuer.issuing.CredentialIssuing;
import eu.microcredentials.issuer.issuing.CredentialView;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the issuer decided on a pathway completion, found by the completion's id: the stacked credential it issued,
 * or its refusal with every reason.
 */
// rooted at /api/v1 like the other resources: JAX-RS does not backtrack between classes matching the same prefix
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Credentials")
public class StackedCredentialResource {
    static final URI REFUSED = URI.create("https://microcredentials.eu/problems/stacking-refused");

    private final CredentialIssuing issuing;
    private final StackedCredentials stacked;
    private final SecurityIdentity identity;

    public StackedCredentialResource(CredentialIssuing issuing, StackedCredentials stacked, SecurityIdentity identity) {
        this.issuing = issuing;
        this.stacked = stacked;
        this.identity = identity;
    }

    /** The issuer's decision on a completion: ISSUED (naming the credential) or REFUSED (with every reason). */
    public record StackingDecisionView(String completionId, String outcome, String awardingBodyId, String pathwayId,
                                       String credentialId, List<ReasonView> reasons, Instant decidedAt) {
    }

    /** One reason for a refusal: a code, in words, and the part concerned, if any. */
    public record ReasonView(String code, String detail, String credentialId) {
        static List<ReasonView> of(StackingRefused refused) {
            return refused.reasons().stream().map(r -> new ReasonView(r.code(), r.detail(), r.credentialId())).toList();
        }
    }

    @GET
    @Path("/pathway-completions/{completionId}/stacked-credential")
    @Authenticated
    @Operation(summary = "The issuer's view of the credential stacked on a pathway completion (issued automatically "
            + "when its awarding body enabled the pathway), with the credentials it is made of; a refused completion "
            + "answers 404 problem+json of type stacking-refused with status REFUSED and every reason: its awarding "
            + "body or operators only")
    public Uni<CredentialView> get(@PathParam("completionId") String completionId) {
        return issuing.find(StackedCredentials.credentialOf(completionId)).flatMap(state -> {
            if (state instanceof Credential.Issued issued) {
                Caller.mayActFor(identity, issued.awardingBody().toString());
                return Uni.createFrom().item(CredentialView.of(issued));
            }
            return stacked.refusal(completionId).<CredentialView>map(refusal -> {
                StackingRefused refused = refusal.orElseThrow(() -> Problem.notFound(
                        "stacked credential of pathway completion", completionId).exception());
                Caller.mayActFor(identity, refused.awardingBodyId());
                throw refusedProblem(refused);
            });
        });
    }

    @GET
    @Path("/pathway-completions/{completionId}/stacking")
    @Authenticated
    @Operation(summary = "What the issuer decided on a pathway completion: ISSUED with the stacked credential's id, "
            + "or REFUSED with every reason; 404 while it has decided nothing: its awarding body or operators only")
    public Uni<StackingDecisionView> decision(@PathParam("completionId") String completionId) {
        return issuing.find(StackedCredentials.credentialOf(completionId)).flatMap(state -> {
            if (state instanceof Credential.Issued issued) {
                Caller.mayActFor(identity, issued.awardingBody().toString());
                return Uni.createFrom().item(new StackingDecisionView(completionId, "ISSUED",
                        issued.awardingBody().toString(), issued.stacking() == null ? null : issued.stacking().pathwayId(),
                        issued.id().toString(),
                        List.of(), issued.issuedAt()));
            }
            return stacked.refusal(completionId).map(refusal -> {
                StackingRefused refused = refusal.orElseThrow(() -> Problem.notFound(
                        "decision on pathway completion", completionId).exception());
                Caller.mayActFor(identity, refused.awardingBodyId());
                return new StackingDecisionView(completionId, "REFUSED", refused.awardingBodyId(), refused.pathwayId(),
                        null, ReasonView.of(refused), refused.refusedAt());
            });
        });
    }

    /** 404 problem+json (the credential is not there) with the extension members {@code outcome} REFUSED and every reason. */
    private static WebApplicationException refusedProblem(StackingRefused refused) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", REFUSED);
        problem.put("title", "The issuer refused to issue the stacked credential");
        problem.put("status", 404);
        problem.put("detail", "no stacked credential of pathway completion " + refused.completionId()
                + ": the issuer refused it (" + String.join("; ", refused.reasons().stream()
                .map(StackingRefused.Reason::detail).toList()) + ")");
        problem.put("outcome", "REFUSED");
        problem.put("reasons", ReasonView.of(refused));
        problem.put("refusedAt", refused.refusedAt());
        return new WebApplicationException(Response.status(404).type(Problem.MEDIA_TYPE).entity(problem).build());
    }
}
