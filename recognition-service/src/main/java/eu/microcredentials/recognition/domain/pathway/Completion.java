package eu.microcredentials.recognition.domain.pathway;

import eu.microcredentials.recognition.domain.recognition.CredentialChange;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** A learner's latest completion of a pathway, as recorded: none yet, holding, or withdrawn (and why). */
public sealed interface Completion {

    record None() implements Completion {
    }

    record Holding(String completionId, int number, List<String> parts) implements Completion {
        public Holding {
            parts = List.copyOf(parts);
        }
    }

    record Withdrawn(String completionId, int number, List<String> parts, CredentialChange.Kind cause)
            implements Completion {
        public Withdrawn {
            parts = List.copyOf(parts);
        }
    }

    /** The id of a learner's n-th completion of a pathway: the same inputs always give the same id. */
    static String id(String pathwayId, String learnerId, int number) {
        return UUID.nameUUIDFromBytes((pathwayId + "\n" + learnerId + "\n" + number).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
