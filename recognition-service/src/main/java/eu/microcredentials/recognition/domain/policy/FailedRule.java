package eu.microcredentials.recognition.domain.policy;

import java.util.Objects;

/** A rule one credential (or, without a credential id, the request as a whole) does not meet, and why in words. */
public record FailedRule(String credentialId, String rule, String detail) {
    public FailedRule {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(detail, "detail");
    }
}
