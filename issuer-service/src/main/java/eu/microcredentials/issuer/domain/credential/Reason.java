package eu.microcredentials.issuer.domain.credential;

import eu.microcredentials.issuer.domain.Text;

/** Why a credential's status changes: required, non-blank, at most 500 characters (trimmed). */
public record Reason(String text) {
    public static final int MAX_LENGTH = 500;
    /** The reason of a revocation by correction: another credential replaces this one. */
    public static final Reason SUPERSEDED = new Reason("SUPERSEDED");

    public Reason {
        text = Text.required(text, MAX_LENGTH);
    }

    @Override
    public String toString() {
        return text;
    }
}
