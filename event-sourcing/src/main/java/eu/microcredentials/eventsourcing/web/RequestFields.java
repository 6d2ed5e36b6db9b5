package eu.microcredentials.eventsourcing.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects every bad field of a request instead of stopping at the first: each value is built by
 * its own (self-validating) constructor, and a refusal is recorded against the field's JSON Pointer.
 */
public final class RequestFields {
    private final List<Problem.FieldError> errors = new ArrayList<>();

    /** Builds a value; when its constructor refuses, records why and returns null. */
    public <T> T read(String pointer, Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            errors.add(new Problem.FieldError(pointer, e.getMessage() == null ? "invalid" : e.getMessage()));
            return null;
        }
    }

    /** A required field: absent (null) is an error, otherwise built as {@link #read}. */
    public <T> T require(String pointer, Object raw, Supplier<T> value) {
        if (raw == null) {
            errors.add(new Problem.FieldError(pointer, "is required"));
            return null;
        }
        return read(pointer, value);
    }

    public void reject(String pointer, String reason) {
        errors.add(new Problem.FieldError(pointer, reason));
    }

    public List<Problem.FieldError> errors() {
        return List.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** Throws a 400 problem+json naming every bad field, if there is any. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors).exception();
        }
    }
}
