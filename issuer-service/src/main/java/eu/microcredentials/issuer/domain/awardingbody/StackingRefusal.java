package eu.microcredentials.issuer.domain.awardingbody;

import eu.microcredentials.issuer.domain.CredentialId;
import java.util.Objects;

/** One reason not to issue a completion's stacked credential; {@code part} names the part concerned, if any. */
public record StackingRefusal(Code code, String detail, CredentialId part) {
    public StackingRefusal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }

    public enum Code {
        /** The awarding body has not enabled automatic issuance on the pathway (or disabled it). */
        PATHWAY_NOT_ENABLED,
        /** The completion's target differs from the terms the body pinned. */
        TERMS_DIFFER,
        /** A listed part was never issued here. */
        PART_UNKNOWN,
        /** A listed part was issued to another learner. */
        PART_OF_ANOTHER_LEARNER,
        /** A listed part was not active at the completion's time (suspended or revoked). */
        PART_NOT_ACTIVE,
        /** A part is listed more than once. */
        PART_LISTED_TWICE
    }
}
