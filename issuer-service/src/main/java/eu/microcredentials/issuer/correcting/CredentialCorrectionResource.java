package eu.microcredentials.issuer.correcting;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.issuer.access.Caller;
import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.credential.Credential;
import eu.microcredentials.issuer.issuing.CredentialIssuing;
import eu.microcredentials.issuer.issuing.CredentialRequests;
import eu.microcredentials.issuer.issuing.CredentialView;
import eu.microcredentials.issuer.issuing.IdempotencyKeys;
import eu.microcredentials.issuer.issuing.IssueCredentialRequest;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Correcting a credential: its awarding body or an operator sends the corrected content (the body
 * of an issuance) and gets the correction, 201, which names the credential it {@code supersedes};
 * the corrected credential is revoked (SUPERSEDED). A revoked credential cannot be corrected: 409
 * naming its status.
 */
// rooted at /api/v1 like the other resources: JAX-RS does not backtrack between classes matching the same prefix
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Credential lifecycle")
public class CredentialCorrectionResource {
    private final CredentialCorrection correction;
    private final CredentialIssuing issuing;
    private final CredentialRequests requests;
    private final IdempotencyKeys idempotency;
    private final SecurityIdentity identity;

    public CredentialCorrectionResource(CredentialCorrection correction, CredentialIssuing issuing,
                                        CredentialRequests requests, IdempotencyKeys idempotency,
                                        SecurityIdentity identity) {
        this.correction = correction;
        this.issuing = issuing;
        this.requests = requests;
        this.idempotency = idempotency;
        this.identity = identity;
    }

    @POST
    @Path("/credentials/{id}/correction")
    @Authenticated
    @Operation(summary = "Correct a credential: issue the corrected one, which replaces it, and revoke it as "
            + "SUPERSEDED, in one step: its awarding body or operators (Idempotency-Key supported)")
    public Uni<Response> correct(@PathParam("id") String id, @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                                 IssueCredentialRequest request) {
        CredentialId credentialId = parseId(id);
        if (request == null) {
            throw Problem.malformed("a JSON body is required").exception();
        }
        String key = idempotencyKey == null ? null : IdempotencyKeys.check(idempotencyKey);
        // a key used for an issuance, or for the correction of another credential, is another request
        String requestHash = key == null ? null : CredentialRequests.hash("correction of " + credentialId + "\n", request);
        String actor = identity.getPrincipal().getName();
        return issuing.find(credentialId).flatMap(state -> {
            if (!(state instanceof Credential.Issued corrected)) {
                throw Problem.notFound("credential", id).exception();
            }
            AwardingBodyId awardingBody = corrected.awardingBody();
            mayActFor(awardingBody);
            return requests.read(awardingBody, request).flatMap(requested -> key == null
                    ? correction.correct(credentialId, requested.content(), actor, this::mayActFor,
                            (tx, issued) -> Uni.createFrom().voidItem()).map(CredentialView::of)
                    : idempotency.once(awardingBody, key, requestHash, remember -> correction.correct(credentialId,
                            requested.content(), actor, this::mayActFor, (tx, issued) -> remember.apply(tx, issued.id()))
                            .map(CredentialView::of), this::view));
        }).map(view -> Response.created(URI.create("/api/v1/credentials/" + view.id())).entity(view).build());
    }

    private Uni<CredentialView> view(CredentialId id) {
        return issuing.find(id).map(state -> CredentialView.of((Credential.Issued) state));
    }

    private void mayActFor(AwardingBodyId awardingBody) {
        Caller.mayActFor(identity, awardingBody.toString());
    }

    private static CredentialId parseId(String id) {
        try {
            return CredentialId.parse(id);
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("credential", id).exception();
        }
    }
}
