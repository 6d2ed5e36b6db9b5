package eu.microcredentials.recognition.recognizing;

import eu.microcredentials.events.data.EventData;
import eu.microcredentials.events.data.RecognitionGranted;
import eu.microcredentials.events.data.RecognitionKept;
import eu.microcredentials.events.data.RecognitionRejected;
import eu.microcredentials.events.data.RecognitionRequested;
import eu.microcredentials.events.data.RecognitionRestored;
import eu.microcredentials.events.data.RecognitionReviewRequired;
import eu.microcredentials.events.data.RecognitionWithdrawn;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A recognition as the API shows it: the current decision with its explanation, what a withdrawal was caused by,
 * and every step. Folded from the recognition's events, by the decisions read model and by the use cases alike.
 *
 * @param decision               REQUESTED, GRANTED, REJECTED, NEEDS_REVIEW or WITHDRAWN
 * @param reviewerOrganisationId the recognising organisation whose reviewer decided (absent: automatic)
 * @param countingCredentialIds  the credentials the decision stands on now, once a change was re-evaluated (fewer than
 *                               requested when one of them stopped counting and the rest still met the policy);
 *                               absent while it stands on every credential requested
 */
public record RecognitionView(String id, String learnerId, String policyId, String purpose, List<String> credentialIds,
                              String decision, BigDecimal ectsRecognised, String explanation, List<Rule> failedRules,
                              String decidedBy, Instant decidedAt, Instant requestedAt, Withdrawal withdrawal,
                              List<Step> history, String reviewerOrganisationId, List<String> countingCredentialIds) {

    /** A rule a credential (or the request as a whole, without credentialId) did not meet. */
    public record Rule(String credentialId, String rule, String detail) {
    }

    /** Why a granted recognition was withdrawn: REVOKED, SUSPENDED or ACCREDITATION_WITHDRAWN, of which credential. */
    public record Withdrawal(String cause, String causeCredentialId, String causeEventType, String reason,
                             Instant withdrawnAt) {
    }

    /** One recorded step: the decision it led to, when, by whom, and why. */
    public record Step(String decision, Instant at, String by, String explanation) {
    }

    public static RecognitionView fold(List<EventData> events) {
        RecognitionView view = null;
        for (EventData event : events) {
            view = next(view, event);
        }
        return view;
    }

    public static RecognitionView next(RecognitionView v, EventData event) {
        if (event instanceof RecognitionRequested e) {
            return new RecognitionView(e.recognitionId(), e.learnerId(), e.policyId(), e.purpose(), e.credentialIds(),
                    "REQUESTED", null, null, List.of(), null, null, e.requestedAt(), null,
                    List.of(new Step("REQUESTED", e.requestedAt(), e.learnerId(), null)), null, null);
        }
        if (v == null) {
            throw new IllegalStateException(event.getClass().getSimpleName() + " before the request");
        }
        if (event instanceof RecognitionGranted e) {
            return v.decided("GRANTED", e.ectsRecognised(), e.explanation(), List.of(), e.decidedBy(), e.decidedAt(), null,
                    e.reviewerOrganisationId(), v.countingCredentialIds);
        }
        if (event instanceof RecognitionRejected e) {
            return v.decided("REJECTED", BigDecimal.ZERO, e.explanation(), e.failedRules().stream()
                    .map(f -> new Rule(f.credentialId(), f.rule(), f.detail())).toList(), e.decidedBy(), e.decidedAt(),
                    null, e.reviewerOrganisationId(), v.countingCredentialIds);
        }
        if (event instanceof RecognitionReviewRequired e) {
            return v.decided("NEEDS_REVIEW", null, e.explanation(), List.of(), null, e.decidedAt(), null, null,
                    v.countingCredentialIds);
        }
        if (event instanceof RecognitionWithdrawn e) {
            return v.decided("WITHDRAWN", BigDecimal.ZERO, e.reason(), List.of(), null, e.withdrawnAt(),
                    new Withdrawal(e.cause(), e.causeCredentialId(), e.causeEventType(), e.reason(), e.withdrawnAt()),
                    null, v.countingCredentialIds);
        }
        if (event instanceof RecognitionKept e) {
            return v.decided(e.decision(), e.ectsRecognised(), e.explanation(), List.of(), v.decidedBy, e.keptAt(), null,
                    v.reviewerOrganisationId, e.credentialIds());
        }
        if (event instanceof RecognitionRestored e) {
            String decision = e.decision() == null ? "GRANTED" : e.decision();
            return v.decided(decision, e.ectsRecognised(), e.reason(), List.of(), null, e.restoredAt(), null, null,
                    v.countingCredentialIds);
        }
        throw new IllegalArgumentException(event.getClass().getSimpleName() + " is not a recognition event");
    }

    /** This recognition with a new decision, its history one step longer. */
    private RecognitionView decided(String decision, BigDecimal ects, String explanation, List<Rule> failed, String by,
                                    Instant at, Withdrawal withdrawn, String reviewerOrganisation,
                                    List<String> counting) {
        return new RecognitionView(id, learnerId, policyId, purpose, credentialIds, decision, ects, explanation, failed,
                by, at, requestedAt, withdrawn, step(this, new Step(decision, at, by, explanation)), reviewerOrganisation,
                counting);
    }

    private static List<Step> step(RecognitionView view, Step step) {
        List<Step> history = new ArrayList<>(view.history);
        history.add(step);
        return history;
    }
}
