package eu.microcredentials.issuer.domain;

/** A command the current state does not allow; nothing is recorded. */
public class Refusal extends RuntimeException {
    public Refusal(String reason) {
        super(reason);
    }
}
