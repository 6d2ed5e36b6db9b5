package eu.microcredentials.recognition.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import eu.microcredentials.eventsourcing.web.RequestFields;
import java.math.BigDecimal;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads a request body field by field, recording every bad one by JSON Pointer in {@link RequestFields} instead of
 * stopping at the first: each reader returns null (or an empty collection) for a field that is absent or bad.
 */
public final class JsonBody {
    private final JsonNode node;
    private final String pointer;
    private final RequestFields fields;

    public JsonBody(JsonNode node, String pointer, RequestFields fields) {
        this.node = node;
        this.pointer = pointer;
        this.fields = fields;
    }

    /** The body itself, which must be a JSON object. */
    public static JsonBody of(JsonNode body, RequestFields fields) {
        if (body == null || !body.isObject()) {
            fields.reject("", "a JSON object is required");
            fields.throwIfInvalid();
        }
        return new JsonBody(body, "", fields);
    }

    public RequestFields fields() {
        return fields;
    }

    private String at(String name) {
        return pointer + "/" + name;
    }

    private JsonNode present(String name, boolean required) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                fields.reject(at(name), "is required");
            }
            return null;
        }
        return value;
    }

    /** A nested object, or null when absent (or not an object, which is recorded). */
    public JsonBody object(String name, boolean required) {
        JsonNode value = present(name, required);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            fields.reject(at(name), "must be an object");
            return null;
        }
        return new JsonBody(value, at(name), fields);
    }

    public String text(String name, boolean required, int maxLength) {
        JsonNode value = present(name, required);
        if (value == null) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            fields.reject(at(name), "must be a non-empty string");
            return null;
        }
        if (value.asText().length() > maxLength) {
            fields.reject(at(name), "must be at most " + maxLength + " characters");
            return null;
        }
        return value.asText().strip();
    }

    public <E extends Enum<E>> E oneOf(String name, Class<E> type, boolean required) {
        String value = text(name, required, 100);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            fields.reject(at(name), "must be one of " + List.of(type.getEnumConstants()) + "; was " + value);
            return null;
        }
    }

    public Integer integer(String name, boolean required, int min, int max) {
        JsonNode value = present(name, required);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            fields.reject(at(name), "must be an integer from " + min + " to " + max);
            return null;
        }
        return value.asInt();
    }

    /** A number above zero (or from zero, when {@code zeroAllowed}). */
    public BigDecimal positive(String name, boolean required, boolean zeroAllowed) {
        JsonNode value = present(name, required);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || value.decimalValue().signum() < (zeroAllowed ? 0 : 1)) {
            fields.reject(at(name), zeroAllowed ? "must be a number, 0 or more" : "must be a number above 0");
            return null;
        }
        return value.decimalValue();
    }

    public boolean flag(String name) {
        JsonNode value = present(name, false);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            fields.reject(at(name), "must be true or false");
            return false;
        }
        return value.asBoolean();
    }

    /** An ISO-8601 period above zero, e.g. P5Y or P18M. */
    public Period period(String name) {
        String value = text(name, false, 50);
        if (value == null) {
            return null;
        }
        try {
            Period period = Period.parse(value);
            if (period.isNegative() || period.isZero()) {
                fields.reject(at(name), "must be a period above zero, e.g. P5Y");
                return null;
            }
            return period;
        } catch (DateTimeParseException e) {
            fields.reject(at(name), "must be an ISO-8601 period, e.g. P5Y or P18M; was " + value);
            return null;
        }
    }

    /**
     * A list of distinct non-empty strings, each accepted by {@code valid} (described by {@code expected}); empty
     * when absent.
     */
    public List<String> texts(String name, boolean required, Predicate<String> valid, String expected) {
        JsonNode value = present(name, required);
        List<String> texts = new ArrayList<>();
        if (value == null) {
            return texts;
        }
        if (!value.isArray()) {
            fields.reject(at(name), "must be an array of strings");
            return texts;
        }
        if (required && value.isEmpty()) {
            fields.reject(at(name), "must not be empty");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPointer = at(name) + "/" + i;
            if (!item.isTextual() || item.asText().isBlank()) {
                fields.reject(itemPointer, "must be a non-empty string");
            } else if (!valid.test(item.asText().strip())) {
                fields.reject(itemPointer, "must be " + expected + "; was " + item.asText());
            } else if (!seen.add(item.asText().strip())) {
                fields.reject(itemPointer, "is listed twice");
            }
        }
        texts.addAll(seen);
        return texts;
    }

    public List<String> texts(String name, boolean required) {
        return texts(name, required, text -> text.length() <= 500, "at most 500 characters");
    }
}
