package eu.microcredentials.recognition.domain.recognition;

import eu.microcredentials.recognition.domain.policy.FailedRule;
import eu.microcredentials.recognition.domain.policy.PolicyEvaluation;
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
                    command.policy().id(), credentialIds, outcome.ects(), outcome.explanation(), AUTOMATIC, command.at());
            case REJECTED -> new RecognitionEvent.Rejected(command.recognitionId(), command.learnerId(),
                    command.policy().id(), outcome.failedRules(), outcome.explanation(), AUTOMATIC, command.at());
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
                    request.credentialIds(), awaiting.ectsProposed(), command.reason(), command.reviewer(), command.at()));
        }
        return List.of(new RecognitionEvent.Rejected(request.recognitionId(), request.learnerId(), request.policyId(),
                List.of(new FailedRule(null, "reviewer-decision", command.reason())), command.reason(),
                command.reviewer(), command.at()));
    }

    private static List<RecognitionEvent> follow(RecognitionCommand.FollowChange command, Recognition state) {
        CredentialChange change = command.change();
        if (state instanceof Recognition.Granted granted && change.kind().loss()) {
            Optional<PolicyEvaluation.Outcome> rest = PolicyEvaluation.reevaluate(command.policy(), command.candidates(),
                    granted.request().at());
            if (rest.isPresent() && rest.get().rulesMet()) {
                return List.of(); // the remaining credentials still satisfy the policy: the recognition is kept
            }
            String why = rest.map(outcome -> "; the remaining credentials do not meet the policy: " + outcome.failedRules()
                    .stream().map(FailedRule::detail).toList()).orElse("; no credential of the recognition counts any more");
            return List.of(new RecognitionEvent.Withdrawn(granted.request().recognitionId(),
                    granted.request().learnerId(), change, capitalised(change.describe()) + why, command.at()));
        }
        if (state instanceof Recognition.Withdrawn withdrawn && withdrawn.cause().kind().liftable()
                && !change.kind().loss()) {
            Optional<PolicyEvaluation.Outcome> now = PolicyEvaluation.reevaluate(command.policy(), command.candidates(),
                    withdrawn.request().at());
            if (now.isPresent() && now.get().rulesMet()) {
                return List.of(new RecognitionEvent.Restored(withdrawn.request().recognitionId(),
                        withdrawn.request().learnerId(), change, now.get().ects(),
                        capitalised(change.describe()) + "; the policy is met again", command.at()));
            }
        }
        return List.of();
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
            return new Recognition.Withdrawn(request, withdrawn.cause());
        }
        RecognitionEvent.Restored restored = (RecognitionEvent.Restored) event;
        return new Recognition.Granted(request, restored.ects());
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
