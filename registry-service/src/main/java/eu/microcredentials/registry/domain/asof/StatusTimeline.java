package eu.microcredentials.registry.domain.asof;

import eu.microcredentials.registry.domain.CredentialStatus;
import eu.microcredentials.registry.domain.StatusChange;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Everything the registry recorded about a credential's status: when it was issued, and every status
 * change in the order it was recorded, each with the instant it takes effect and the instant it was
 * recorded. A revocation may take effect before it was recorded (retroactive); suspensions and
 * reinstatements take effect when recorded.
 */
public record StatusTimeline(Instant issuedAt, List<Change> changes) {

    public StatusTimeline {
        Objects.requireNonNull(issuedAt, "issuedAt");
        changes = List.copyOf(changes);
    }

    /** One recorded change: the status it sets, and why, from when and when it was recorded. */
    public record Change(CredentialStatus status, StatusChange detail) {
        public Change {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Where the credential stood at an instant, and the change that put it there (null: as issued). */
    public record Standing(AsOfStatus status, StatusChange decidedBy) {
        public Standing {
            Objects.requireNonNull(status, "status");
        }

        static final Standing NOT_YET_ISSUED = new Standing(AsOfStatus.NOT_YET_ISSUED, null);
        static final Standing AS_ISSUED = new Standing(AsOfStatus.ACTIVE, null);
    }

    /** The timeline as the registry knew it at an instant: only what had been recorded by then. */
    public StatusTimeline knownAt(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return new StatusTimeline(issuedAt, changes.stream()
                .filter(change -> !change.detail().recordedAt().isAfter(instant)).toList());
    }

    /**
     * Where the credential stood at an instant by the effective times of the changes in this timeline: a
     * revocation in effect decides (it is irreversible, so it outweighs any later suspension or
     * reinstatement); otherwise the suspension or reinstatement that took effect last, the one recorded
     * later on a tie; active as issued without either.
     */
    public Standing at(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        if (instant.isBefore(issuedAt)) {
            return Standing.NOT_YET_ISSUED;
        }
        List<Change> inEffect = changes.stream()
                .filter(change -> !change.detail().effectiveFrom().isAfter(instant)).toList();
        return inEffect.stream().filter(change -> change.status() == CredentialStatus.REVOKED)
                .min(Comparator.comparing(change -> change.detail().effectiveFrom()))
                .or(() -> inEffect.stream().reduce((earlier, later) ->
                        later.detail().effectiveFrom().isBefore(earlier.detail().effectiveFrom()) ? earlier : later))
                .map(change -> new Standing(AsOfStatus.of(change.status()), change.detail()))
                .orElse(Standing.AS_ISSUED);
    }
}
