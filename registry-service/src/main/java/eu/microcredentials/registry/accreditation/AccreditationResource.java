package eu.microcredentials.registry.accreditation;

import eu.microcredentials.eventsourcing.web.RequestFields;
import eu.microcredentials.registry.access.OperatorsOnly;
import eu.microcredentials.registry.domain.accreditation.AccreditationDecider;
import eu.microcredentials.registry.domain.accreditation.AccreditationStatus;
import eu.microcredentials.registry.domain.accreditation.AwardingBodyId;
import eu.microcredentials.registry.domain.accreditation.Evidence;
import eu.microcredentials.registry.domain.accreditation.QualityAssuranceAgency;
import eu.microcredentials.registry.domain.accreditation.RecordAccreditation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** National registry operators record an awarding body's accreditation by a quality assurance agency. */
@Path("/api/v1/registry/awarding-bodies/{id}/accreditation")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Registry")
public class AccreditationResource {
    static final String ACTOR = "registry-operator";

    private final AwardingBodyAccreditation accreditation;
    private final Clock clock;

    public AccreditationResource(AwardingBodyAccreditation accreditation, Clock clock) {
        this.accreditation = accreditation;
        this.clock = clock;
    }

    @PUT
    @OperatorsOnly
    @Operation(summary = "Record that an awarding body is accredited, or that its accreditation is withdrawn",
            description = "Registry operators only (Authorization: Bearer <operator API key>). Answers the body's "
                    + "current accreditation and its history; 404 for a body the registry does not know, 409 to "
                    + "withdraw an accreditation that does not hold.")
    public Uni<AccreditationView> record(@PathParam("id") String id, AccreditationRequest request) {
        RequestFields fields = new RequestFields();
        if (request == null) {
            fields.reject("", "a JSON body is required");
            fields.throwIfInvalid();
        }
        AwardingBodyId body = fields.read("/id", () -> new AwardingBodyId(id));
        AccreditationStatus status = fields.require("/status", request.status(), () -> status(request.status()));
        String agency = status == AccreditationStatus.WITHDRAWN && request.qualityAssuranceAgency() == null ? null
                : fields.require("/qualityAssuranceAgency", request.qualityAssuranceAgency(),
                        () -> QualityAssuranceAgency.check(request.qualityAssuranceAgency()));
        URI evidence = fields.require("/evidence", request.evidence(), () -> Evidence.parse(request.evidence()));
        Instant validFrom = status == AccreditationStatus.WITHDRAWN && request.validFrom() == null ? null
                : fields.require("/validFrom", request.validFrom(), () -> instant("validFrom", request.validFrom()));
        Instant validUntil = request.validUntil() == null ? null
                : fields.read("/validUntil", () -> instant("validUntil", request.validUntil()));
        if (status == AccreditationStatus.WITHDRAWN && request.validUntil() != null) {
            fields.reject("/validUntil", "a withdrawal has no validUntil");
        }
        String period = AccreditationDecider.periodProblem(validFrom, validUntil);
        if (period != null) {
            fields.reject("/validUntil", period);
        }
        fields.throwIfInvalid();
        return accreditation.record(new RecordAccreditation(body, status, agency, evidence, validFrom, validUntil,
                ACTOR, clock.instant()));
    }

    private static AccreditationStatus status(String value) {
        try {
            return AccreditationStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status must be ACCREDITED or WITHDRAWN; was " + value);
        }
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant, e.g. 2026-01-01T00:00:00Z; was "
                    + value);
        }
    }
}
