package eu.microcredentials.registry.verification;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.registry.access.OperatorKey;
import eu.microcredentials.registry.domain.Verification;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Verifies signed credentials for anyone who is shown one: employers, universities, the learner. */
@Path("/api/v1/verifications")
@Tag(name = "Verification", description = "Verify a signed credential (VC-JOSE JWT) against the registry")
public class VerificationResource {
    /** What the verification answer reports, shared by both ways of asking for one. */
    static final String ANSWER = """
            Reports every check, in order: format, issuer-registered, signing-key, signature, key-active-at-issuance, \
            registered-record, status, accredited-at-issuance, accredited-now. The credential is verified only when \
            every required check passed (`required: true`); a check that could not run fails with a detail starting \
            "not checked:". The two accreditation checks are informational (`required: false`): whether a national \
            registry recorded the awarding body as accredited (from `registry_accreditation`: ACCREDITED with \
            validFrom <= instant < validUntil, not withdrawn from before it) at the issuing instant and now; they do \
            not decide `verified`, so a body without any accreditation decision verifies as before. `status` is \
            ACTIVE, SUSPENDED or REVOKED (a retroactive revocation included). Only a caller presenting the registry \
            operator key (`Authorization: Bearer <operator API key>`) also gets `statusDetail` (reason, effectiveFrom, \
            recordedAt of the latest status change); anyone else does not, and another key is simply not the \
            operator's.

            With `asOf` (an ISO-8601 instant with offset) the verification is made as of that instant: the status             check and `status` take the status in effect then as known now (a revocation recorded later but effective             from before counts), accredited-now asks at that instant, and `asOf` carries `knownNow` and `knownThen`             (only what had been recorded by then), each with `status` (NOT_YET_ISSUED, ACTIVE, SUSPENDED, REVOKED),             `accredited` and `accreditation`, and `differs` when they disagree; operators also get each view's             `statusDetail`. A credential not yet issued at that instant fails the status check and has status null.""";

    private final CredentialVerifier verifier;
    private final OperatorKey operatorKey;

    public VerificationResource(CredentialVerifier verifier, OperatorKey operatorKey) {
        this.verifier = verifier;
        this.operatorKey = operatorKey;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify a signed credential",
            description = "Checks a W3C Verifiable Credential 2.0 secured as a VC-JOSE JWT (ES256 or EdDSA) against "
                    + "the registry. " + ANSWER)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VerificationRequest.class)))
    @APIResponse(responseCode = "200", description = "The verification, whether or not the credential verified",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Verification.class)))
    @APIResponse(responseCode = "400", description = "The body is not JSON or has no credential string, or asOf is "
            + "not an instant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Verification> verify(String body,
                                    @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.AUTHORIZATION, required = false,
                                            description = "Bearer <registry operator API key>: adds statusDetail")
                                    @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                    @Parameter(description = "Verify as of this instant (ISO-8601 with offset), "
                                            + "as the body's asOf does") @QueryParam("asOf") String asOf) {
        VerificationRequest request = VerificationRequest.read(body, asOf);
        return verifier.verify(request.credential(), operatorKey.presentedIn(authorization), request.asOf());
    }
}
