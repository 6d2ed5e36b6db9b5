package eu.microcredentials.recognition.domain.recognition;

import eu.microcredentials.recognition.domain.policy.FailedRule;
import eu.microcredentials.recognition.domain.policy.PolicyEvaluation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Decides what a command records about a recognition ({@code decide}), and folds what was recorded ({@code evolve}). */
public final class RecognitionDecider {
    /** Who decided when no human did. */
    public static final String AUTOMATIC = "recognition-service (automatic evaluation of the policy)";

    private RecognitionDecider() {
    }

    public static List<RecognitionEvent> decide(RecognitionCommand command, Recognition state) {
        if (command instanceof RecognitionCommand.Request request) {
            return request(request, state);
        }
        if (command instanceof RecognitionCommand.Review review) {
            return review(review, state);
        }
        return follow((RecognitionCommand.FollowChange) command, state);
    }

    private static List<RecognitionEvent> request(RecognitionCommand.Request command, Recognition state) {
        if (!(state instanceof Recognition.None)) {
            throw new RecognitionRefused("recognition " + command.recognitionId() + " was already requested",
                    Recognition.decision(state));
        }
        List<String> credentialIds = command.candidates().stream().map(c -> c.credential().id()).toList();
        RecognitionEvent.Requested requested = new RecognitionEvent.Requested(command.recognitionId(),
                command.learnerId(), credentialIds, command.policy().id(), command.policy().purpose(), command.at());
        PolicyEvaluation.Outcome outcome = PolicyEvaluation.evaluate(command.policy(), command.candidates(), command.at());
        RecognitionEvent decided = switch (outcome.decision()) {
            case GRANTED -> new RecognitionEvent.Granted(command.recognitionId(), command.learnerId(),
                    command.policy().id(), credentialIds, outcome.ects(), outcome.explanation(), AUTOMATIC, null,
                    command.at());
            case REJECTED -> new RecognitionEvent.Rejected(command.recognitionId(), command.learnerId(),
                    command.policy().id(), outcome.failedRules(), outcome.explanation(), AUTOMATIC, null, command.at());
            case NEEDS_REVIEW -> new RecognitionEvent.ReviewRequired(command.recognitionId(), command.learnerId(),
                    command.policy().id(), credentialIds, outcome.ects(), outcome.explanation(), command.at());
        };
        return List.of(requested, decided);
    }

    private static List<RecognitionEvent> review(RecognitionCommand.Review command, Recognition state) {
        if (!(state instanceof Recognition.AwaitingReview awaiting)) {
            throw new RecognitionRefused("only a request awaiting review can be decided by a reviewer",
                    Recognition.decision(state));
        }
        RecognitionEvent.Requested request = awaiting.request();
        if (command.grant()) {
            List<FailedRule> failed = PolicyEvaluation.evaluate(command.policy(), command.candidates(), request.at())
                    .failedRules();
            if (!failed.isEmpty()) {
                throw new RecognitionRefused("the credentials no longer meet the policy: " + failed.stream()
                        .map(FailedRule::detail).toList(), Recognition.decision(state));
            }
            return List.of(new RecognitionEvent.Granted(request.recognitionId(), request.learnerId(), request.policyId(),
                    request.credentialIds(), awaiting.ectsProposed(), command.reason(), command.reviewer(),
                    command.reviewerOrganisationId(), command.at()));
        }
        return List.of(new RecognitionEvent.Rejected(request.recognitionId(), request.learnerId(), request.policyId(),
                List.of(new FailedRule(null, "reviewer-decision", command.reason())), command.reason(),
                command.reviewer(), command.reviewerOrganisationId(), command.at()));
    }

    /**
     * A granted recognition or a request awaiting review follows the credentials it relies on: after a loss it is
     * withdrawn unless the credentials that still count meet the policy, and then kept with what they are worth now;
     * after a lifting it is worth what the credentials that count again are worth. A withdrawal caused by a suspension
     * or a lost accreditation is undone (restored to what it was) when that is lifted and the policy is met again.
     */
    private static List<RecognitionEvent> follow(RecognitionCommand.FollowChange command, Recognition state) {
        CredentialChange change = command.change();
        if (state instanceof Recognition.Granted || state instanceof Recognition.AwaitingReview) {
            RecognitionEvent.Requested request = request(state);
            boolean review = state instanceof Recognition.AwaitingReview;
            BigDecimal ects = state instanceof Recognition.Granted granted ? granted.ects()
                    : ((Recognition.AwaitingReview) state).ectsProposed();
            Optional<PolicyEvaluation.Outcome> rest = PolicyEvaluation.reevaluate(command.policy(), command.candidates(),
                    request.at());
            if (rest.isPresent() && rest.get().rulesMet()) {
                if (sameEcts(ects, rest.get().ects())) {
                    return List.of(); // still worth what it was recognised for: nothing to record
                }
                List<String> counting = command.candidates().stream()
                        .filter(c -> c.counts(command.policy().accreditedAwardingBodyRequired()))
                        .map(c -> c.credential().id()).toList();
                return List.of(new RecognitionEvent.Kept(request.recognitionId(), request.learnerId(), review, counting,
                        rest.get().ects(), change, capitalised(change.describe()) + "; the " + counting.size()
                        + " credential(s) that count still meet the policy: " + plain(rest.get().ects()) + " ECTS "
                        + (review ? "proposed to the reviewer" : "recognised") + " (before: " + plain(ects) + ")",
                        command.at()));
            }
            if (!change.kind().loss()) {
                return List.of();
            }
            String why = rest.map(outcome -> "; the remaining credentials do not meet the policy: " + outcome.failedRules()
                    .stream().map(FailedRule::detail).toList()).orElse("; no credential of the recognition counts any more");
            return List.of(new RecognitionEvent.Withdrawn(request.recognitionId(), request.learnerId(), change,
                    capitalised(change.describe()) + why, command.at()));
        }
        if (state instanceof Recognition.Withdrawn withdrawn && withdrawn.cause().kind().liftable()
                && !change.kind().loss()) {
            Optional<PolicyEvaluation.Outcome> now = PolicyEvaluation.reevaluate(command.policy(), command.candidates(),
                    withdrawn.request().at());
            if (now.isPresent() && now.get().rulesMet()) {
                return List.of(new RecognitionEvent.Restored(withdrawn.request().recognitionId(),
                        withdrawn.request().learnerId(), change, now.get().ects(),
                        capitalised(change.describe()) + "; the policy is met again"
                                + (withdrawn.wasAwaitingReview() ? ", and the request awaits its reviewer again" : ""),
                        withdrawn.wasAwaitingReview(), command.at()));
            }
        }
        return List.of();
    }

    private static boolean sameEcts(BigDecimal before, BigDecimal now) {
        return before == null ? now == null : now != null && before.compareTo(now) == 0;
    }

    private static String plain(BigDecimal value) {
        return value == null ? "0" : value.stripTrailingZeros().toPlainString();
    }

    public static Recognition evolve(Recognition state, RecognitionEvent event) {
        if (event instanceof RecognitionEvent.Requested requested) {
            return new Recognition.Requested(requested);
        }
        RecognitionEvent.Requested request = request(state);
        if (event instanceof RecognitionEvent.Granted granted) {
            return new Recognition.Granted(request, granted.ects());
        }
        if (event instanceof RecognitionEvent.Rejected) {
            return new Recognition.Rejected(request);
        }
        if (event instanceof RecognitionEvent.ReviewRequired review) {
            return new Recognition.AwaitingReview(request, review.ectsProposed());
        }
        if (event instanceof RecognitionEvent.Withdrawn withdrawn) {
            return new Recognition.Withdrawn(request, withdrawn.cause(), state instanceof Recognition.AwaitingReview);
        }
        if (event instanceof RecognitionEvent.Kept kept) {
            return kept.awaitingReview() ? new Recognition.AwaitingReview(request, kept.ects())
                    : new Recognition.Granted(request, kept.ects());
        }
        RecognitionEvent.Restored restored = (RecognitionEvent.Restored) event;
        return restored.awaitingReview() ? new Recognition.AwaitingReview(request, restored.ects())
                : new Recognition.Granted(request, restored.ects());
    }

    public static Recognition replay(List<RecognitionEvent> events) {
        Recognition state = new Recognition.None();
        for (RecognitionEvent event : events) {
            state = evolve(state, event);
        }
        return state;
    }

    private static RecognitionEvent.Requested request(Recognition state) {
        if (state instanceof Recognition.Granted s) {
            return s.request();
        }
        if (state instanceof Recognition.Rejected s) {
            return s.request();
        }
        if (state instanceof Recognition.AwaitingReview s) {
            return s.request();
        }
        if (state instanceof Recognition.Withdrawn s) {
            return s.request();
        }
        if (state instanceof Recognition.Requested s) {
            return s.request();
        }
        throw new IllegalStateException("a decision before the request");
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** All the events of a stream after these new ones. */
    public static List<RecognitionEvent> then(List<RecognitionEvent> before, List<RecognitionEvent> added) {
        List<RecognitionEvent> all = new ArrayList<>(before);
        all.addAll(added);
        return all;
    }
}
