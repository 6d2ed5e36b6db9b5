package eu.microcredentials.issuer.issuing;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.credential.Credential;
import eu.microcredentials.issuer.access.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Issuing micro-credentials, and the issuer's view of one. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Credentials")
public class CredentialResource {
    private final CredentialIssuing issuing;
    private final CredentialRequests requests;
    private final IdempotencyKeys idempotency;
    private final SecurityIdentity identity;

    public CredentialResource(CredentialIssuing issuing, CredentialRequests requests, IdempotencyKeys idempotency,
                              SecurityIdentity identity) {
        this.issuing = issuing;
        this.requests = requests;
        this.idempotency = idempotency;
        this.identity = identity;
    }

    @POST
    @Path("/awarding-bodies/{awardingBodyId}/credentials")
    @Authenticated
    @Operation(summary = "Issue a micro-credential, signed as a VC-JWT (Idempotency-Key supported)")
    public Uni<Response> issue(@PathParam("awardingBodyId") String awardingBodyId,
                               @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                               IssueCredentialRequest request) {
        Caller.mayActFor(identity, awardingBodyId);
        if (request == null) {
            throw Problem.malformed("a JSON body is required").exception();
        }
        AwardingBodyId issuer = parseAwardingBody(awardingBodyId);
        String key = idempotencyKey == null ? null : IdempotencyKeys.check(idempotencyKey);
        String requestHash = key == null ? null : CredentialRequests.hash("", request);
        String actor = identity.getPrincipal().getName();
        return requests.reader(request).flatMap(reader -> key == null
                        ? issuing.issue(issuer, reader, actor).map(CredentialView::of)
                        : idempotency.once(issuer, key, requestHash, remember -> issuing.issue(issuer, reader,
                                actor, (tx, issued) -> remember.apply(tx, issued.id())).map(CredentialView::of), this::view))
                .map(view -> Response.created(URI.create("/api/v1/credentials/" + view.id())).entity(view).build());
    }

    /** The issuer's view of a credential known to be issued. */
    private Uni<CredentialView> view(CredentialId id) {
        return issuing.find(id).map(state -> CredentialView.of((Credential.Issued) state));
    }

    @GET
    @Path("/credentials/{id}")
    @Authenticated
    @Operation(summary = "The issuer's view of a credential, with its learner's personal data, its status and status "
            + "history: its awarding body or operators only")
    public Uni<CredentialView> get(@PathParam("id") String id) {
        CredentialId credentialId;
        try {
            credentialId = CredentialId.parse(id);
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("credential", id).exception();
        }
        return issuing.find(credentialId).map(state -> {
            if (state instanceof Credential.Issued issued) {
                Caller.mayActFor(identity, issued.awardingBody().toString());
                return CredentialView.of(issued);
            }
            throw Problem.notFound("credential", id).exception();
        });
    }

    private static AwardingBodyId parseAwardingBody(String id) {
        try {
            return AwardingBodyId.parse(id);
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("awarding body", id).exception();
        }
    }
}
