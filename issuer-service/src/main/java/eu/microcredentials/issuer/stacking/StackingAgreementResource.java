package eu.microcredentials.issuer.stacking;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.eventsourcing.web.RequestFields;
import eu.microcredentials.issuer.access.Caller;
import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.Text;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import eu.microcredentials.issuer.domain.awardingbody.PathwayIds;
import eu.microcredentials.issuer.domain.awardingbody.StackingAgreement;
import eu.microcredentials.issuer.domain.awardingbody.StackingTerms;
import eu.microcredentials.issuer.domain.credential.MicroCredential;
import eu.microcredentials.issuer.registering.AwardingBodyResource;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An awarding body's agreements to automatic issuance of stacked credentials, one per learning pathway. Only the
 * body itself, with its own API key, enables or disables one (not another body, not an operator: the issuer signs in
 * the body's name); the body and operators read them.
 */
// rooted at /api/v1 like the other resources: JAX-RS does not backtrack between classes matching the same prefix
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Awarding bodies")
public class StackingAgreementResource {
    private static final URI FORBIDDEN = URI.create("https://microcredentials.eu/problems/forbidden");

    private final StackingAgreements agreements;
    private final SecurityIdentity identity;

    public StackingAgreementResource(StackingAgreements agreements, SecurityIdentity identity) {
        this.agreements = agreements;
        this.identity = identity;
    }

    /** The terms the awarding body agrees to sign: a completion's target must have exactly this title, EQF level and ECTS. */
    public record StackingTermsRequest(String title, Integer eqfLevel, BigDecimal ects) {
    }

    /** An agreement in force: the pathway, the terms, and who enabled it when. */
    public record StackingAgreementView(String awardingBodyId, String pathwayId, String title, int eqfLevel,
                                        BigDecimal ects, String enabledBy, Instant enabledAt) {
        static StackingAgreementView of(AwardingBodyId awardingBody, StackingAgreement agreement) {
            return new StackingAgreementView(awardingBody.toString(), agreement.pathwayId(), agreement.terms().title(),
                    agreement.terms().eqfLevel(), agreement.terms().ects(), agreement.enabledBy(), agreement.enabledAt());
        }
    }

    @PUT
    @Path("/awarding-bodies/{id}/stacking/{pathwayId}")
    @Authenticated
    @Operation(summary = "Enable automatic issuance of the credential stacked on a learning pathway's completions, "
            + "pinning the title, EQF level and ECTS the awarding body agrees to sign (again: replaces them); "
            + "the awarding body's own API key only")
    public Uni<StackingAgreementView> enable(@PathParam("id") String id, @PathParam("pathwayId") String pathwayId,
                                             StackingTermsRequest request) {
        AwardingBodyId awardingBody = itself(id);
        String pathway = pathway(pathwayId);
        if (request == null) {
            throw Problem.malformed("a JSON body is required").exception();
        }
        RequestFields fields = new RequestFields();
        String title = fields.require("/title", request.title(), () -> Text.required(request.title(), 300));
        Integer eqfLevel = fields.require("/eqfLevel", request.eqfLevel(),
                () -> MicroCredential.Level.checkEqf(request.eqfLevel()));
        BigDecimal ects = fields.require("/ects", request.ects(), () -> MicroCredential.Workload.checkEcts(request.ects()));
        fields.throwIfInvalid();
        return agreements.enable(awardingBody, pathway, new StackingTerms(title, eqfLevel, ects), actor())
                .map(agreement -> StackingAgreementView.of(awardingBody, agreement));
    }

    @DELETE
    @Path("/awarding-bodies/{id}/stacking/{pathwayId}")
    // the request has no body: a client need not send a Content-Type (otherwise 415 before any access check)
    @Consumes(MediaType.WILDCARD)
    @Authenticated
    @Operation(summary = "Disable automatic issuance on a learning pathway: completions consumed afterwards are "
            + "refused (what was issued stays issued); the awarding body's own API key only")
    public Uni<Response> disable(@PathParam("id") String id, @PathParam("pathwayId") String pathwayId) {
        AwardingBodyId awardingBody = itself(id);
        return agreements.disable(awardingBody, pathway(pathwayId), actor())
                .map(done -> Response.noContent().build());
    }

    @GET
    @Path("/awarding-bodies/{id}/stacking")
    @Authenticated
    @Operation(summary = "The learning pathways on which the awarding body enabled automatic issuance, with their "
            + "terms: the awarding body or operators")
    public Uni<List<StackingAgreementView>> list(@PathParam("id") String id) {
        AwardingBodyId awardingBody = readable(id);
        return registered(awardingBody).map(body -> body.stacking().values().stream()
                .sorted(Comparator.comparing(StackingAgreement::pathwayId))
                .map(agreement -> StackingAgreementView.of(awardingBody, agreement)).toList());
    }

    @GET
    @Path("/awarding-bodies/{id}/stacking/{pathwayId}")
    @Authenticated
    @Operation(summary = "The awarding body's agreement to automatic issuance on one learning pathway, if it is "
            + "enabled: the awarding body or operators")
    public Uni<StackingAgreementView> get(@PathParam("id") String id, @PathParam("pathwayId") String pathwayId) {
        AwardingBodyId awardingBody = readable(id);
        return registered(awardingBody).map(body -> body.stackingOn(pathwayId)
                .map(agreement -> StackingAgreementView.of(awardingBody, agreement))
                .orElseThrow(() -> Problem.notFound("automatic issuance enabled on pathway", pathwayId).exception()));
    }

    /** Only the awarding body's own integration: an operator or another body gets 403, whatever the body exists. */
    private AwardingBodyId itself(String id) {
        if (!identity.hasRole(Caller.AWARDING_BODY) || !identity.getPrincipal().getName().equalsIgnoreCase(id)) {
            throw new Problem(FORBIDDEN, "Forbidden", 403, "only awarding body " + id + " itself, with its own API "
                    + "key, may enable or disable automatic issuance in its name", null, List.of()).exception();
        }
        return AwardingBodyResource.parseId(id);
    }

    private AwardingBodyId readable(String id) {
        Caller.mayActFor(identity, id);
        return AwardingBodyResource.parseId(id);
    }

    private Uni<AwardingBody.Registered> registered(AwardingBodyId id) {
        return agreements.find(id).map(state -> {
            if (state instanceof AwardingBody.Registered registered) {
                return registered;
            }
            throw Problem.notFound("awarding body", id.toString()).exception();
        });
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static String pathway(String pathwayId) {
        try {
            return PathwayIds.check(pathwayId);
        } catch (IllegalArgumentException e) {
            throw Problem.invalid(List.of(new Problem.FieldError("pathwayId", "(in the path) " + e.getMessage())))
                    .exception();
        }
    }
}
