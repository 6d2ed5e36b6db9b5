package eu.microcredentials.events.data;

import java.time.Instant;
import java.util.List;

/**
 * The issuer refused to issue the credential stacked on a pathway completion, and never will for that completion:
 * the awarding body has not enabled the pathway, the completion's target differs from the terms it pinned, or a
 * listed part does not check out in the issuer's own records. Every reason is named.
 */
public record StackingRefused(String completionId, String pathwayId, String awardingBodyId, List<Reason> reasons,
                              Instant refusedAt) implements EventData {

    /**
     * One reason: {@code code} is one of PATHWAY_NOT_ENABLED, TERMS_DIFFER, PART_UNKNOWN, PART_OF_ANOTHER_LEARNER,
     * PART_NOT_ACTIVE, PART_LISTED_TWICE (more may be added: a reader treats an unknown code as a refusal all the
     * same), {@code detail} says it in words, {@code credentialId} names the part concerned, if any.
     */
    public record Reason(String code, String detail, String credentialId) {
    }

    @Override
    public String streamId() {
        return completionId;
    }
}
