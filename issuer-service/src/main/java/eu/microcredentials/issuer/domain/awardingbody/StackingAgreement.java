package eu.microcredentials.issuer.domain.awardingbody;

import java.time.Instant;
import java.util.Objects;

/** An awarding body's agreement that the issuer issue, in its name, the credential stacked on a pathway's completions. */
public record StackingAgreement(String pathwayId, StackingTerms terms, String enabledBy, Instant enabledAt) {
    public StackingAgreement {
        Objects.requireNonNull(pathwayId, "pathwayId");
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(enabledAt, "enabledAt");
    }
}
