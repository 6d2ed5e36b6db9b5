package eu.microcredentials.recognition.domain.pathway;

import eu.microcredentials.recognition.domain.recognition.CredentialChange;
import java.time.Instant;
import java.util.List;

/** What was recorded about a learner's completion of a pathway. */
public sealed interface CompletionEvent {
    String completionId();

    Instant at();

    record Completed(String completionId, int number, List<String> parts, Instant at) implements CompletionEvent {
    }

    record Withdrawn(String completionId, CredentialChange cause, String reason, Instant at) implements CompletionEvent {
    }

    record Restored(String completionId, CredentialChange cause, List<String> parts, String reason, Instant at)
            implements CompletionEvent {
    }
}
