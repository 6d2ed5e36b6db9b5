package eu.microcredentials.issuer.domain.awardingbody;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.Text;
import java.time.Instant;
import java.util.Objects;

/**
 * An awarding body, with its own API key ({@code actor}), agrees that the issuer issue in its name the credential
 * stacked on each completion of a learning pathway, on these terms; given again, the terms are replaced.
 */
public record EnableStacking(AwardingBodyId awardingBodyId, String pathwayId, StackingTerms terms, String actor,
                             Instant at) {
    public EnableStacking {
        Objects.requireNonNull(awardingBodyId, "awardingBodyId");
        pathwayId = PathwayIds.check(pathwayId);
        Objects.requireNonNull(terms, "terms");
        actor = Text.required(actor, 200);
        Objects.requireNonNull(at, "at");
    }
}
