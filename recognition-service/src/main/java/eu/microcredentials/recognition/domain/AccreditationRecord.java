package eu.microcredentials.recognition.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What national registries decided about one awarding body's accreditation, in the order they decided it, and
 * whether the body was accredited at an instant as far as recognition now knows. A grant covers
 * {@code [from, until)} (open-ended without {@code until}); a withdrawal ends every grant decided before it from its
 * {@code from} on, even backdated; a grant decided after a withdrawal accredits again.
 */
public record AccreditationRecord(List<Decision> decisions) {

    /** One decision: a grant with its validity, or a withdrawal effective from {@code from}. */
    public record Decision(boolean granted, String agency, Instant from, Instant until) {
        public Decision {
            Objects.requireNonNull(from, "from");
            if (!granted && until != null) {
                throw new IllegalArgumentException("a withdrawal has no end");
            }
        }

        public static Decision grant(String agency, Instant from, Instant until) {
            return new Decision(true, agency, from, until);
        }

        public static Decision withdrawal(String agency, Instant from) {
            return new Decision(false, agency, from, null);
        }

        boolean covers(Instant at) {
            return !at.isBefore(from) && (until == null || at.isBefore(until));
        }
    }

    public AccreditationRecord {
        decisions = List.copyOf(decisions);
    }

    public static AccreditationRecord none() {
        return new AccreditationRecord(List.of());
    }

    /** True when a grant covers the instant and no withdrawal decided after that grant took effect by then. */
    public boolean accreditedAt(Instant at) {
        Objects.requireNonNull(at, "at");
        boolean accredited = false;
        for (Decision decision : decisions) {
            if (decision.granted()) {
                accredited = accredited || decision.covers(at);
            } else if (!at.isBefore(decision.from())) {
                accredited = false;
            }
        }
        return accredited;
    }

    /** Whether a credential issued at {@code issuedAt} had an accredited awarding body then, and has one at {@code now}. */
    public Standing standing(Instant issuedAt, Instant now) {
        return new Standing(accreditedAt(issuedAt), accreditedAt(now));
    }

    /** The awarding body's accreditation as it bears on one credential. */
    public record Standing(boolean accreditedAtIssuance, boolean accreditedNow) {
    }
}
