package eu.microcredentials.recognition.domain.pathway;

import eu.microcredentials.recognition.domain.recognition.CredentialChange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides what a learner's progress on a pathway records: a completion when the requirements are met and none holds
 * (exactly one per completion), its withdrawal when a part it was made of no longer counts and the rest does not
 * meet the pathway, its restoration when a suspension or a loss of accreditation is lifted.
 */
public final class CompletionDecider {

    private CompletionDecider() {
    }

    /**
     * @param changes what just happened to the learner's credentials (at least one)
     */
    public static List<CompletionEvent> decide(Pathway pathway, String learnerId, PathwayProgress progress,
                                               List<CredentialChange> changes, Completion latest, Instant at) {
        if (latest instanceof Completion.Holding holding) {
            Optional<CredentialChange> lost = changes.stream()
                    .filter(c -> c.kind().loss() && holding.parts().contains(c.credentialId())).findFirst();
            if (lost.isPresent() && !progress.complete()) {
                return List.of(new CompletionEvent.Withdrawn(holding.completionId(), lost.get(),
                        "The completion no longer holds: " + lost.get().describe() + "; still missing: "
                                + String.join(", ", progress.missing()), at));
            }
            return List.of();
        }
        if (!progress.complete()) {
            return List.of();
        }
        if (latest instanceof Completion.Withdrawn withdrawn && withdrawn.cause().liftable()) {
            // only a change that is no loss (a reinstatement, a renewed accreditation, a new credential) can do it
            return changes.stream().filter(c -> !c.kind().loss()).findFirst()
                    .<List<CompletionEvent>>map(cause -> List.of(new CompletionEvent.Restored(withdrawn.completionId(),
                            cause, progress.countingCredentialIds(),
                            capitalised(cause.describe()) + "; the pathway's requirements are met again", at)))
                    .orElse(List.of());
        }
        int number = latest instanceof Completion.Withdrawn withdrawn ? withdrawn.number() + 1 : 1;
        // the reaction's time is its event's, and the credentials' events may be read in another order than they were
        // issued in: a completion is never dated before the issuance of one of its parts
        Instant completedAt = progress.lastIssuedAt() != null && progress.lastIssuedAt().isAfter(at)
                ? progress.lastIssuedAt() : at;
        return List.of(new CompletionEvent.Completed(Completion.id(pathway.id(), learnerId, number), number,
                progress.countingCredentialIds(), completedAt));
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
