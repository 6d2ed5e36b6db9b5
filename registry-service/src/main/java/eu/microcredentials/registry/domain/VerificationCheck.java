package eu.microcredentials.registry.domain;

import java.util.Objects;

/** One check of a verification: its name, whether it passed, and why, in words a verifier can read. */
public record VerificationCheck(String name, boolean passed, String detail) {
    static final String NOT_CHECKED = "not checked: ";

    public VerificationCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
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
}
