package eu.microcredentials.registry.domain.accreditation;

import java.net.URI;
import java.time.Instant;

/** The accreditation of one awarding body, as its registry recorded it: one type per state. */
public sealed interface Accreditation permits Accreditation.NotAccredited, Accreditation.Accredited,
        Accreditation.Withdrawn {

    /** Never accredited by this registry. */
    record NotAccredited() implements Accreditation {
    }

    /** Accredited by a quality assurance agency, on the evidence of its decision, for a period. */
    record Accredited(String qualityAssuranceAgency, URI evidence, Instant validFrom, Instant validUntil)
            implements Accreditation {
    }

    /** Was accredited; the accreditation no longer holds from {@code effectiveFrom}. */
    record Withdrawn(String qualityAssuranceAgency, URI evidence, Instant effectiveFrom) implements Accreditation {
    }
}
