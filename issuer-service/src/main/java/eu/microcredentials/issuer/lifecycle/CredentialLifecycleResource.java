package eu.microcredentials.issuer.lifecycle;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.eventsourcing.web.RequestFields;
import eu.microcredentials.issuer.access.Caller;
import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.credential.Reason;
import eu.microcredentials.issuer.issuing.CredentialView;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Revoking, suspending and reinstating a credential: its awarding body or an operator. Each answers
 * the credential as it stands afterwards; a change its status does not allow is 409 naming that status.
 */
// rooted at /api/v1 like the other resources: JAX-RS does not backtrack between classes matching the same prefix
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Credential lifecycle")
public class CredentialLifecycleResource {
    private final CredentialLifecycle lifecycle;
    private final SecurityIdentity identity;
    private final Clock clock;

    public CredentialLifecycleResource(CredentialLifecycle lifecycle, SecurityIdentity identity, Clock clock) {
        this.lifecycle = lifecycle;
        this.identity = identity;
        this.clock = clock;
    }

    /**
     * Why the credential is revoked, and optionally from when (an ISO 8601 instant with offset, not in
     * the future and not before the credential was issued; default: now).
     */
    public record RevocationRequest(String reason, String effectiveFrom) {
    }

    /** Why the credential is suspended or reinstated. */
    public record StatusChangeRequest(String reason) {
    }

    @POST
    @Path("/credentials/{id}/revocation")
    @Authenticated
    @Operation(summary = "Revoke a credential for good, from now or retroactively: its awarding body or operators")
    public Uni<CredentialView> revoke(@PathParam("id") String id, RevocationRequest request) {
        CredentialId credentialId = parseId(id);
        if (request == null) {
            throw Problem.malformed("a JSON body is required").exception();
        }
        RequestFields fields = new RequestFields();
        Reason reason = reason(fields, request.reason());
        Instant effectiveFrom = request.effectiveFrom() == null ? null
                : fields.read("/effectiveFrom", () -> notInFuture(instant(request.effectiveFrom())));
        fields.throwIfInvalid();
        return lifecycle.revoke(credentialId, reason, effectiveFrom, actor(), this::mayActFor).map(CredentialView::of);
    }

    @POST
    @Path("/credentials/{id}/suspension")
    @Authenticated
    @Operation(summary = "Suspend an active credential until it is reinstated: its awarding body or operators")
    public Uni<CredentialView> suspend(@PathParam("id") String id, StatusChangeRequest request) {
        CredentialId credentialId = parseId(id);
        Reason reason = reason(request);
        return lifecycle.suspend(credentialId, reason, actor(), this::mayActFor).map(CredentialView::of);
    }

    @POST
    @Path("/credentials/{id}/reinstatement")
    @Authenticated
    @Operation(summary = "Reinstate a suspended credential: its awarding body or operators")
    public Uni<CredentialView> reinstate(@PathParam("id") String id, StatusChangeRequest request) {
        CredentialId credentialId = parseId(id);
        Reason reason = reason(request);
        return lifecycle.reinstate(credentialId, reason, actor(), this::mayActFor).map(CredentialView::of);
    }

    private void mayActFor(AwardingBodyId awardingBody) {
        Caller.mayActFor(identity, awardingBody.toString());
    }

    /** Who asked: the operator, or the awarding body whose API key was sent. */
    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static Reason reason(StatusChangeRequest request) {
        if (request == null) {
            throw Problem.malformed("a JSON body is required").exception();
        }
        RequestFields fields = new RequestFields();
        Reason reason = reason(fields, request.reason());
        fields.throwIfInvalid();
        return reason;
    }

    private static Reason reason(RequestFields fields, String reason) {
        return fields.require("/reason", reason, () -> new Reason(reason));
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be an ISO 8601 instant with offset, e.g. 2026-11-01T09:00:00Z; was "
                    + text);
        }
    }

    private Instant notInFuture(Instant effectiveFrom) {
        Instant now = clock.instant();
        if (effectiveFrom.isAfter(now)) {
            throw new IllegalArgumentException("effectiveFrom " + effectiveFrom
                    + " is in the future; a revocation takes effect now or retroactively");
        }
        return effectiveFrom;
    }

    private static CredentialId parseId(String id) {
        try {
            return CredentialId.parse(id);
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("credential", id).exception();
        }
    }
}
