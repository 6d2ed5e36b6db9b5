package eu.microcredentials.registry.domain;

import java.util.Objects;

/**
 * Checks the signature of the presented credential with a published key. The cryptography lives
 * outside the domain; the domain decides whether, and with which key, it is asked.
 */
@FunctionalInterface
public interface SignatureVerifier {

    Outcome verify(SigningKey key);

    /** Whether the signature verified, and what to tell the verifier about it. */
    record Outcome(boolean valid, String detail) {
        public Outcome {
            Objects.requireNonNull(detail, "detail");
        }

        public static Outcome valid(String detail) {
            return new Outcome(true, detail);
        }

        public static Outcome invalid(String detail) {
            return new Outcome(false, detail);
        }
    }
}
