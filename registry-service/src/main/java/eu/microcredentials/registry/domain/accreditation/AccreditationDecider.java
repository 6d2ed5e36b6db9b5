package eu.microcredentials.registry.domain.accreditation;

import java.util.List;

/** Decides what recording an accreditation means for an awarding body, and folds the events into its state. */
public final class AccreditationDecider {
    private AccreditationDecider() {
    }

    /** The accreditation's period must not end before it starts. */
    public static String periodProblem(java.time.Instant validFrom, java.time.Instant validUntil) {
        if (validFrom != null && validUntil != null && validUntil.isBefore(validFrom)) {
            return "validUntil must not be before validFrom";
        }
        return null;
    }

    public static List<AccreditationEvent> decide(RecordAccreditation command, Accreditation state) {
        if (command.status() == AccreditationStatus.ACCREDITED) {
            return List.of(grant(command));
        }
        return List.of(withdraw(command, state));
    }

    private static AccreditationEvent grant(RecordAccreditation command) {
        if (command.qualityAssuranceAgency() == null) {
            throw new InvalidAccreditation("qualityAssuranceAgency", "is required to accredit");
        }
        if (command.validFrom() == null) {
            throw new InvalidAccreditation("validFrom", "is required to accredit");
        }
        String period = periodProblem(command.validFrom(), command.validUntil());
        if (period != null) {
            throw new InvalidAccreditation("validUntil", period);
        }
        // accrediting an accredited body again renews it: the new decision replaces the old one
        return new AccreditationEvent.Granted(command.awardingBodyId(), command.qualityAssuranceAgency(),
                command.evidence(), command.validFrom(), command.validUntil(), command.actor(), command.at());
    }

    private static AccreditationEvent withdraw(RecordAccreditation command, Accreditation state) {
        if (state instanceof Accreditation.Accredited accredited) {
            if (command.validUntil() != null) {
                throw new InvalidAccreditation("validUntil", "a withdrawal has no validUntil");
            }
            String agency = command.qualityAssuranceAgency() != null ? command.qualityAssuranceAgency()
                    : accredited.qualityAssuranceAgency();
            return new AccreditationEvent.Withdrawn(command.awardingBodyId(), agency, command.evidence(),
                    command.validFrom() != null ? command.validFrom() : command.at(), command.actor(), command.at());
        }
        if (state instanceof Accreditation.Withdrawn) {
            throw new AccreditationRefused("the accreditation of awarding body " + command.awardingBodyId()
                    + " is already withdrawn", AccreditationStatus.WITHDRAWN.name());
        }
        throw new AccreditationRefused("awarding body " + command.awardingBodyId() + " was never accredited",
                "NONE");
    }

    public static Accreditation evolve(Accreditation state, AccreditationEvent event) {
        if (event instanceof AccreditationEvent.Granted granted) {
            return new Accreditation.Accredited(granted.qualityAssuranceAgency(), granted.evidence(),
                    granted.validFrom(), granted.validUntil());
        }
        AccreditationEvent.Withdrawn withdrawn = (AccreditationEvent.Withdrawn) event;
        return new Accreditation.Withdrawn(withdrawn.qualityAssuranceAgency(), withdrawn.evidence(),
                withdrawn.effectiveFrom());
    }

    public static Accreditation replay(List<AccreditationEvent> events) {
        Accreditation state = new Accreditation.NotAccredited();
        for (AccreditationEvent event : events) {
            state = evolve(state, event);
        }
        return state;
    }
}
