package eu.microcredentials.registry.accreditation;

import eu.microcredentials.registry.domain.accreditation.Accreditation;
import eu.microcredentials.registry.domain.accreditation.AccreditationEvent;
import eu.microcredentials.registry.domain.accreditation.AccreditationStatus;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/** An awarding body's accreditation as recorded: the current one and every decision, oldest first. */
public record AccreditationView(String awardingBodyId, Current accreditation, List<Decision> accreditationHistory) {

    /** The accreditation that holds now; {@code status} NONE when the body was never accredited. */
    public record Current(String status, String qualityAssuranceAgency, URI evidence, Instant validFrom,
                          Instant validUntil) {
    }

    /** One recorded decision. On a withdrawal {@code validFrom} is from when it no longer holds. */
    public record Decision(String status, String qualityAssuranceAgency, URI evidence, Instant validFrom,
                           Instant validUntil, Instant decidedAt, String actor) {
    }

    static AccreditationView of(String awardingBodyId, Accreditation state, List<AccreditationEvent> events) {
        return new AccreditationView(awardingBodyId, current(state), events.stream().map(AccreditationView::decision).toList());
    }

    private static Current current(Accreditation state) {
        if (state instanceof Accreditation.Accredited accredited) {
            return new Current(AccreditationStatus.ACCREDITED.name(), accredited.qualityAssuranceAgency(),
                    accredited.evidence(), accredited.validFrom(), accredited.validUntil());
        }
        if (state instanceof Accreditation.Withdrawn withdrawn) {
            return new Current(AccreditationStatus.WITHDRAWN.name(), withdrawn.qualityAssuranceAgency(),
                    withdrawn.evidence(), withdrawn.effectiveFrom(), null);
        }
        return new Current("NONE", null, null, null, null);
    }

    private static Decision decision(AccreditationEvent event) {
        if (event instanceof AccreditationEvent.Granted granted) {
            return new Decision(AccreditationStatus.ACCREDITED.name(), granted.qualityAssuranceAgency(),
                    granted.evidence(), granted.validFrom(), granted.validUntil(), granted.decidedAt(), granted.actor());
        }
        AccreditationEvent.Withdrawn withdrawn = (AccreditationEvent.Withdrawn) event;
        return new Decision(AccreditationStatus.WITHDRAWN.name(), withdrawn.qualityAssuranceAgency(),
                withdrawn.evidence(), withdrawn.effectiveFrom(), null, withdrawn.decidedAt(), withdrawn.actor());
    }
}
