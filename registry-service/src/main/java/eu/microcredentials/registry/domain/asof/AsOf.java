package eu.microcredentials.registry.domain.asof;

import eu.microcredentials.registry.domain.StatusChange;
import eu.microcredentials.registry.domain.accreditation.AccreditationHistory;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A credential's status and its awarding body's accreditation as they were at an instant, two ways:
 * {@code knownNow} applies everything the registry knows today by the time it takes effect (a revocation
 * recorded on 10 March effective from 1 March makes the credential revoked on 2 March); {@code knownThen}
 * applies only what had been recorded by that instant (on 5 March nobody knew of that revocation yet).
 * {@code differs} says whether the two disagree on status or accreditation.
 */
public record AsOf(Instant instant, Knowledge knownNow, Knowledge knownThen, boolean differs) {

    public AsOf {
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(knownNow, "knownNow");
        Objects.requireNonNull(knownThen, "knownThen");
    }

    /**
     * One view of the instant: the status, the change that decided it (reason, effectiveFrom, recordedAt;
     * null when the credential stood as issued, or the caller may not see it), whether the awarding body
     * was accredited and why, in words.
     */
    public record Knowledge(AsOfStatus status, StatusChange statusDetail, boolean accredited, String accreditation) {
        public Knowledge {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(accreditation, "accreditation");
        }

        static Knowledge of(StatusTimeline.Standing status, AccreditationHistory.Standing accreditation) {
            return new Knowledge(status.status(), status.decidedBy(), accreditation.accredited(), accreditation.detail());
        }

        boolean agreesWith(Knowledge other) {
            return status == other.status && accredited == other.accredited;
        }

        Knowledge withoutStatusDetail() {
            return new Knowledge(status, null, accredited, accreditation);
        }
    }

    public static AsOf of(StatusTimeline timeline, AccreditationHistory accreditation, Instant instant) {
        Objects.requireNonNull(timeline, "timeline");
        Objects.requireNonNull(accreditation, "accreditation");
        Objects.requireNonNull(instant, "instant");
        Knowledge now = Knowledge.of(timeline.at(instant), accreditation.at(instant));
        Knowledge then = Knowledge.of(timeline.knownAt(instant).at(instant), accreditation.knownAt(instant).at(instant));
        return new AsOf(instant, now, then, !now.agreesWith(then));
    }

    /** The same answer without reasons and dates of status changes, for callers who may not see them. */
    public AsOf withoutStatusDetail() {
        return new AsOf(instant, knownNow.withoutStatusDetail(), knownThen.withoutStatusDetail(), differs);
    }

    /**
     * Reads an as-of instant: ISO-8601 with a zone offset, e.g. {@code 2026-03-02T00:00:00Z} or
     * {@code 2026-03-02T01:00:00+01:00}.
     *
     * @throws IllegalArgumentException saying what is expected
     */
    public static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("must be an ISO-8601 instant with a zone offset, such as "
                    + "2026-03-02T00:00:00Z; was empty");
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be an ISO-8601 instant with a zone offset, such as "
                    + "2026-03-02T00:00:00Z; was " + text);
        }
    }
}
