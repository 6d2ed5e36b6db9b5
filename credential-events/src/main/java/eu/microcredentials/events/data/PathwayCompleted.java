package eu.microcredentials.events.data;

import java.time.Instant;
import java.util.List;

/**
 * A learner completed a learning pathway: the credentials they hold now meet every requirement of a pathway an
 * awarding body defined. Carries the stacked (larger) credential's content, every EU mandatory element the pathway
 * fixes, so that its awarding body can issue it without asking anything else; {@code completionId} is unique per
 * completion and deterministic (the same completion always has the same id), the issuer's deduplication key.
 */
public record PathwayCompleted(
        String completionId,
        String pathwayId,
        int completionNumber,
        String awardingBodyId,
        CredentialIssued.Learner learner,
        boolean autoIssue,
        String onPartRevoked,
        StackedCredential target,
        List<String> partCredentialIds,
        Instant completedAt) implements EventData {

    /** What a stacked credential awards, with the EU standard elements a pathway fixes for it. */
    public record StackedCredential(
            String title,
            List<String> issuerCountries,
            List<CredentialIssued.LearningOutcome> learningOutcomes,
            CredentialIssued.Workload workload,
            CredentialIssued.Level level,
            CredentialIssued.Assessment assessment,
            CredentialIssued.Participation participation,
            QualityAssurance qualityAssurance,
            String prerequisites,
            CredentialIssued.Supervision supervision,
            CredentialIssued.Stackability stackability,
            String furtherInformation) {
    }

    @Override
    public String streamId() {
        return completionId;
    }
}
