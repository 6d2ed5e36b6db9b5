package eu.microcredentials.recognition.domain.recognition;

import java.math.BigDecimal;

/** Where a recognition stands: one type per state, so a decision has only the transitions its state allows. */
public sealed interface Recognition {

    /** Nothing requested yet. */
    record None() implements Recognition {
    }

    /** Requested; its decision is recorded in the same append. */
    record Requested(RecognitionEvent.Requested request) implements Recognition {
    }

    record Granted(RecognitionEvent.Requested request, BigDecimal ects) implements Recognition {
    }

    record Rejected(RecognitionEvent.Requested request) implements Recognition {
    }

    record AwaitingReview(RecognitionEvent.Requested request, BigDecimal ectsProposed) implements Recognition {
    }

    /** @param wasAwaitingReview it was withdrawn while awaiting review: a restoration refers it to the reviewer again */
    record Withdrawn(RecognitionEvent.Requested request, CredentialChange cause, boolean wasAwaitingReview)
            implements Recognition {
    }

    /** The decision's name as the API shows it. */
    static String decision(Recognition state) {
        if (state instanceof Granted) {
            return "GRANTED";
        }
        if (state instanceof Rejected) {
            return "REJECTED";
        }
        if (state instanceof AwaitingReview) {
            return "NEEDS_REVIEW";
        }
        if (state instanceof Withdrawn) {
            return "WITHDRAWN";
        }
        if (state instanceof Requested) {
            return "REQUESTED";
        }
        return "NONE";
    }
}
