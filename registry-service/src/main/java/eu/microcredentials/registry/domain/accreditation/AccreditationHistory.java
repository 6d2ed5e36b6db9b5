package eu.microcredentials.registry.domain.accreditation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Every accreditation decision recorded for one awarding body, oldest first, and whether it was
 * accredited at a given instant as the registry now knows it. A grant covers its period
 * ({@code validFrom} inclusive, {@code validUntil} exclusive, open-ended without one); a later withdrawal
 * ends what was granted before it from its {@code effectiveFrom}, even retroactively; a later grant
 * accredits again. A renewal does not erase the periods granted before it.
 */
public record AccreditationHistory(List<AccreditationEvent> decisions) {

    public AccreditationHistory {
        decisions = List.copyOf(decisions);
    }

    public static AccreditationHistory none() {
        return new AccreditationHistory(List.of());
    }

    /** Where the awarding body stood at an instant, and in words a verifier can read why. */
    public record Standing(boolean accredited, String detail) {
        public Standing {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The decisions as the registry knew them at an instant: only those decided by then. */
    public AccreditationHistory knownAt(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return new AccreditationHistory(decisions.stream().filter(decision -> !decision.decidedAt().isAfter(instant))
                .toList());
    }

    public Standing at(Instant at) {
        Objects.requireNonNull(at, "at");
        if (decisions.isEmpty()) {
            return new Standing(false, "no accreditation recorded");
        }
        AccreditationEvent.Granted holding = null;
        AccreditationEvent.Withdrawn endedBy = null;
        AccreditationEvent.Granted latestGrant = null;
        for (AccreditationEvent decision : decisions) {
            if (decision instanceof AccreditationEvent.Granted granted) {
                latestGrant = granted;
                if (covers(granted, at)) {
                    holding = granted;
                    endedBy = null;
                }
            } else if (decision instanceof AccreditationEvent.Withdrawn withdrawn && holding != null
                    && !at.isBefore(withdrawn.effectiveFrom())) {
                holding = null;
                endedBy = withdrawn;
            }
        }
        if (holding != null) {
            return new Standing(true, "accredited by " + holding.qualityAssuranceAgency() + " " + period(holding)
                    + evidence(holding.evidence() == null ? null : holding.evidence().toString()));
        }
        if (endedBy != null) {
            return new Standing(false, "the accreditation by " + endedBy.qualityAssuranceAgency()
                    + " was withdrawn from " + endedBy.effectiveFrom()
                    + evidence(endedBy.evidence() == null ? null : endedBy.evidence().toString()));
        }
        if (latestGrant == null) {
            return new Standing(false, "no accreditation recorded");
        }
        return new Standing(false, "not accredited at " + at + ": the accreditation by "
                + latestGrant.qualityAssuranceAgency() + " is " + period(latestGrant));
    }

    private static boolean covers(AccreditationEvent.Granted granted, Instant at) {
        return !at.isBefore(granted.validFrom()) && (granted.validUntil() == null || at.isBefore(granted.validUntil()));
    }

    private static String period(AccreditationEvent.Granted granted) {
        return granted.validUntil() == null ? "from " + granted.validFrom() + " without end"
                : "from " + granted.validFrom() + " until " + granted.validUntil();
    }

    private static String evidence(String evidence) {
        return evidence == null ? "" : " (evidence " + evidence + ")";
    }
}
