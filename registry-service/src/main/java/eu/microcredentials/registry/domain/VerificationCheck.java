package eu.microcredentials.registry.domain;

import java.util.Objects;

/**
 * One check of a verification: its name, whether it passed, whether it counts towards {@code verified}
 * ({@code required}; an informational check is reported but does not decide), and why, in words a
 * verifier can read.
 */
public record VerificationCheck(String name, boolean passed, boolean required, String detail) {
    static final String NOT_CHECKED = "not checked: ";

    public VerificationCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
    }

    /** A required check. */
    public VerificationCheck(String name, boolean passed, String detail) {
        this(name, passed, true, detail);
    }

    public static VerificationCheck passed(String name, String detail) {
        return new VerificationCheck(name, true, detail);
    }

    public static VerificationCheck failed(String name, String detail) {
        return new VerificationCheck(name, false, detail);
    }

    /** A check that could not run because something it needs is missing: it counts as failed. */
    public static VerificationCheck notChecked(String name, String why) {
        return new VerificationCheck(name, false, NOT_CHECKED + why);
    }

    /** The same check, reported for the verifier to weigh but not counted towards {@code verified}. */
    public VerificationCheck informational() {
        return new VerificationCheck(name, passed, false, detail);
    }
}
