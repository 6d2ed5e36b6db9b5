package eu.microcredentials.registry.verification;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.registry.domain.Verification;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Verifies signed credentials for anyone who is shown one: employers, universities, the learner. */
@Path("/api/v1/verifications")
@Tag(name = "Verification", description = "Verify a signed credential (VC-JOSE JWT) against the registry")
public class VerificationResource {
    private final CredentialVerifier verifier;

    public VerificationResource(CredentialVerifier verifier) {
        this.verifier = verifier;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify a signed credential",
            description = """
                    Checks a W3C Verifiable Credential 2.0 secured as a VC-JOSE JWT (ES256 or EdDSA) against the registry \
                    and reports every check, in order: format, issuer-registered, signing-key, signature, \
                    key-active-at-issuance, registered-record, status. The credential is verified only when every check \
                    passed; a check that could not run fails with a detail starting "not checked:".""")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VerificationRequest.class)))
    @APIResponse(responseCode = "200", description = "The verification, whether or not the credential verified",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Verification.class)))
    @APIResponse(responseCode = "400", description = "The body is not JSON or has no credential string",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Verification> verify(String body) {
        return verifier.verify(VerificationRequest.read(body).credential());
    }
}
