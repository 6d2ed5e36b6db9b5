package eu.microcredentials.registry.domain.accreditation;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A registry operator records an awarding body's accreditation, or its withdrawal. For a withdrawal
 * the agency and {@code validFrom} (then: from when it no longer holds) may be left out: they default
 * to the current accreditation's agency and the time of the command.
 */
public record RecordAccreditation(AwardingBodyId awardingBodyId, AccreditationStatus status,
                                  String qualityAssuranceAgency, URI evidence, Instant validFrom, Instant validUntil,
                                  String actor, Instant at) {
    public RecordAccreditation {
        Objects.requireNonNull(awardingBodyId, "awardingBodyId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
    }
}
