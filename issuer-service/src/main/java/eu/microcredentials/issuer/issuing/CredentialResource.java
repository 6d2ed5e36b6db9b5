package eu.microcredentials.issuer.issuing;

import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.eventsourcing.web.RequestFields;
import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.credential.Credential;
import eu.microcredentials.issuer.domain.credential.CredentialEvent;
import eu.microcredentials.issuer.domain.credential.MicroCredential;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import eu.microcredentials.issuer.infrastructure.ContractMapping;
import eu.microcredentials.issuer.registering.AwardingBodyRegistration;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Issuing micro-credentials, and the issuer's view of one. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Credentials")
public class CredentialResource {
    private final CredentialIssuing issuing;
    private final AwardingBodyRegistration awardingBodies;
    private final Clock clock;

    public CredentialResource(CredentialIssuing issuing, AwardingBodyRegistration awardingBodies, Clock clock) {
        this.issuing = issuing;
        this.awardingBodies = awardingBodies;
        this.clock = clock;
    }

    /** A credential as its issuer sees it; {@code credential} holds every standard element as published. */
    public record CredentialView(String id, String awardingBodyId, String status, Instant issuedAt,
                                 CredentialIssued credential) {
        static CredentialView of(Credential.Active active) {
            CredentialIssued data = (CredentialIssued) ContractMapping.toContract(new CredentialEvent.Issued(
                    active.id(), active.awardingBody(), active.awardingBodyCountry(), active.content(),
                    active.issuedAt())).data();
            return new CredentialView(active.id().toString(), active.awardingBody().toString(), "ACTIVE",
                    active.issuedAt(), data);
        }
    }

    @POST
    @Path("/awarding-bodies/{awardingBodyId}/credentials")
    @Operation(summary = "Issue a micro-credential")
    public Uni<Response> issue(@PathParam("awardingBodyId") String awardingBodyId, IssueCredentialRequest request) {
        if (request == null) {
            throw Problem.malformed("a JSON body is required").exception();
        }
        AwardingBodyId issuer = parseAwardingBody(awardingBodyId);
        return awardingBodies.find(issuer).flatMap(state -> {
            if (!(state instanceof AwardingBody.Registered registered)) {
                throw Problem.notFound("awarding body", awardingBodyId).exception();
            }
            RequestFields fields = new RequestFields();
            MicroCredential content = request.toContent(fields, registered.profile().country(), clock);
            fields.throwIfInvalid();
            return issuing.issue(issuer, content);
        }).map(issued -> Response.created(URI.create("/api/v1/credentials/" + issued.id()))
                .entity(CredentialView.of(issued)).build());
    }

    @GET
    @Path("/credentials/{id}")
    @Operation(summary = "The issuer's view of a credential")
    public Uni<CredentialView> get(@PathParam("id") String id) {
        CredentialId credentialId;
        try {
            credentialId = CredentialId.parse(id);
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("credential", id).exception();
        }
        return issuing.find(credentialId).map(state -> {
            if (state instanceof Credential.Active active) {
                return CredentialView.of(active);
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
