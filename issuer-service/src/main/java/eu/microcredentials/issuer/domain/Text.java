package eu.microcredentials.issuer.domain;

/** Checks on free text fields shared by the domain's value objects. */
public final class Text {
    private Text() {
    }

    /** Non-blank, at most {@code max} characters, trimmed. */
    public static String required(String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("is required and may not be blank");
        }
        return optional(value, max);
    }

    /** Null or at most {@code max} characters, trimmed. */
    public static String optional(String value, int max) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > max) {
            throw new IllegalArgumentException("may have at most " + max + " characters; has " + trimmed.length());
        }
        return trimmed;
    }
}
