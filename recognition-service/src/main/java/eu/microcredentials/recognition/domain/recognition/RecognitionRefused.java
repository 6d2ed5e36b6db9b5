package eu.microcredentials.recognition.domain.recognition;

/** A command the recognition's current decision does not allow; nothing is recorded. */
public class RecognitionRefused extends RuntimeException {
    private final String currentDecision;

    public RecognitionRefused(String message, String currentDecision) {
        super(message);
        this.currentDecision = currentDecision;
    }

    public String currentDecision() {
        return currentDecision;
    }
}
