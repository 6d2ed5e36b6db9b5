package eu.microcredentials.registry.verification;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.eventsourcing.web.RequestFields;
import eu.microcredentials.registry.access.OperatorKey;
import eu.microcredentials.registry.domain.asof.AsOf;
import eu.microcredentials.registry.domain.Verification;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Verifies the signed form the registry holds of a credential, for whoever knows only its id. */
@Path("/api/v1/registry/credentials/{id}/verification")
@Tag(name = "Verification")
public class RegisteredCredentialVerificationResource {
    private final CredentialVerifier verifier;
    private final OperatorKey operatorKey;

    public RegisteredCredentialVerificationResource(CredentialVerifier verifier, OperatorKey operatorKey) {
        this.verifier = verifier;
        this.operatorKey = operatorKey;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify a registered credential by its id",
            description = "Verifies the signed form (VC-JWT) the registry holds of the credential, exactly as "
                    + "POST /api/v1/verifications would. " + VerificationResource.ANSWER)
    @APIResponse(responseCode = "200", description = "The verification, whether or not the credential verified",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Verification.class)))
    @APIResponse(responseCode = "400", description = "asOf is not an instant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The registry holds no signed credential with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Verification> verify(@PathParam("id") String id,
                                    @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.AUTHORIZATION, required = false,
                                            description = "Bearer <registry operator API key>: adds statusDetail")
                                    @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                    @Parameter(description = "Verify as of this instant (ISO-8601 with offset)")
                                    @QueryParam("asOf") String asOf) {
        RequestFields fields = new RequestFields();
        Instant instant = asOf == null ? null : fields.read("/query/asOf", () -> AsOf.instant(asOf));
        fields.throwIfInvalid();
        return verifier.verifyRegistered(id, operatorKey.presentedIn(authorization), instant);
    }
}
