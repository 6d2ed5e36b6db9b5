package eu.microcredentials.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Asserts that one JSON document carries everything another does: every field of the expected
 * object, at any depth, with the same value (numbers compared by value, so 3 equals 3.0); the
 * actual document may hold more. Arrays must match element by element. A field that is null is
 * taken as absent: the services' REST views write nulls, the events leave them out.
 */
final class JsonSubset {
    private JsonSubset() {
    }

    static void assertContains(JsonNode expected, JsonNode actual, String what) {
        List<String> differences = new ArrayList<>();
        compare("", expected, actual, differences);
        if (!differences.isEmpty()) {
            throw new AssertionError(what + " differs from what was expected:\n  " + String.join("\n  ", differences)
                    + "\nexpected (subset): " + expected + "\nactual: " + actual);
        }
    }

    /** Both documents say the same, apart from nulls written in one and left out in the other. */
    static void assertSameContent(JsonNode expected, JsonNode actual, String what) {
        assertContains(expected, actual, what);
        assertContains(actual, expected, what + " (read the other way)");
    }

    private static void compare(String pointer, JsonNode expected, JsonNode actual, List<String> differences) {
        boolean absent = actual == null || actual.isMissingNode() || actual.isNull();
        if (expected.isNull()) {
            if (!absent) {
                differences.add(pointer + " is " + actual + "; expected null or absent");
            }
        } else if (absent) {
            differences.add((pointer.isEmpty() ? "/" : pointer) + " is missing; expected " + expected);
        } else if (expected.isObject()) {
            if (!actual.isObject()) {
                differences.add(pointer + " is " + actual + "; expected an object " + expected);
                return;
            }
            for (Map.Entry<String, JsonNode> field : expected.properties()) {
                compare(pointer + "/" + field.getKey(), field.getValue(), actual.get(field.getKey()), differences);
            }
        } else if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                differences.add(pointer + " is " + actual + "; expected " + expected);
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(pointer + "/" + i, expected.get(i), actual.get(i), differences);
            }
        } else if (expected.isNumber()) {
            if (!actual.isNumber() || expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                differences.add(pointer + " is " + actual + "; expected " + expected);
            }
        } else if (!expected.equals(actual)) {
            differences.add(pointer + " is " + actual + "; expected " + expected);
        }
    }
}
