package eu.microcredentials.issuer.stacking;

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
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The credential stacked on a learning pathway completion, found by the completion's id. */
// rooted at /api/v1 like the other resources: JAX-RS does not backtrack between classes matching the same prefix
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Credentials")
public class StackedCredentialResource {
    private final CredentialIssuing issuing;
    private final SecurityIdentity identity;

    public StackedCredentialResource(CredentialIssuing issuing, SecurityIdentity identity) {
        this.issuing = issuing;
        this.identity = identity;
    }

    @GET
    @Path("/pathway-completions/{completionId}/stacked-credential")
    @Authenticated
    @Operation(summary = "The issuer's view of the credential stacked on a pathway completion (issued automatically "
            + "when the pathway asks for it), with the credentials it is made of: its awarding body or operators only")
    public Uni<CredentialView> get(@PathParam("completionId") String completionId) {
        return issuing.find(StackedCredentials.credentialOf(completionId)).map(state -> {
            if (state instanceof Credential.Issued issued) {
                Caller.mayActFor(identity, issued.awardingBody().toString());
                return CredentialView.of(issued);
            }
            throw Problem.notFound("stacked credential of pathway completion", completionId).exception();
        });
    }
}
