package eu.microcredentials.registry.domain.accreditation;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/** What the registry decided about an awarding body's accreditation. */
public sealed interface AccreditationEvent {
    AwardingBodyId awardingBodyId();

    String actor();

    Instant decidedAt();

    record Granted(AwardingBodyId awardingBodyId, String qualityAssuranceAgency, URI evidence, Instant validFrom,
                   Instant validUntil, String actor, Instant decidedAt) implements AccreditationEvent {
        public Granted {
            Objects.requireNonNull(awardingBodyId, "awardingBodyId");
            Objects.requireNonNull(qualityAssuranceAgency, "qualityAssuranceAgency");
            Objects.requireNonNull(validFrom, "validFrom");
            Objects.requireNonNull(decidedAt, "decidedAt");
        }
    }

    record Withdrawn(AwardingBodyId awardingBodyId, String qualityAssuranceAgency, URI evidence, Instant effectiveFrom,
                     String actor, Instant decidedAt) implements AccreditationEvent {
        public Withdrawn {
            Objects.requireNonNull(awardingBodyId, "awardingBodyId");
            Objects.requireNonNull(qualityAssuranceAgency, "qualityAssuranceAgency");
            Objects.requireNonNull(effectiveFrom, "effectiveFrom");
            Objects.requireNonNull(decidedAt, "decidedAt");
        }
    }
}
