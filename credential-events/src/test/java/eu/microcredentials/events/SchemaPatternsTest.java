package eu.microcredentials.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.regex.RegularExpression;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SchemaPatternsTest {
    private static final Pattern JDK = Pattern.compile(SchemaPatterns.COMPACT_JWS);
    private static final RegularExpression CHECKED = new SchemaPatterns().getRegularExpression(SchemaPatterns.COMPACT_JWS);
    /** Base64url, the dot, and what may come near it: other base64, spaces, line terminators, non-ASCII word letters. */
    private static final char[] ALPHABET = "aZ09_-...+/= \n\r\t\u0085\u2028éß".toCharArray();

    @Test
    void theLoopIsUsedForThePatternTheIssuedEventSchemaHas() throws IOException {
        try (InputStream in = SchemaPatterns.class.getResourceAsStream(EventType.CREDENTIAL_ISSUED.schemaResource())) {
            JsonNode schema = new ObjectMapper().readTree(in);
            assertEquals(SchemaPatterns.COMPACT_JWS,
                    schema.path("properties").path("verifiableCredential").path("pattern").asText(),
                    "the schema's pattern changed: the loop would no longer be used for it");
        }
    }

    @Test
    void answersAsTheJdkDoesForEveryShortString() {
        // every string of up to 4 characters of the alphabet: 20^0 + ... + 20^4 strings
        int[] checked = {0};
        everyString(new StringBuilder(), 4, value -> {
            assertEquals(JDK.matcher(value).find(), CHECKED.matches(value), () -> "for " + printable(value));
            checked[0]++;
        });
        assertEquals(1 + 20 + 400 + 8_000 + 160_000, checked[0]);
    }

    @Test
    void answersAsTheJdkDoesForLongRandomStrings() {
        Random random = new Random(20261130);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(60);
            for (int c = 0; c < length; c++) {
                // mostly base64url letters, so that many values come near the plain form
                value.append(random.nextInt(4) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)]
                        : "abcXYZ019_-".charAt(random.nextInt(11)));
            }
            String s = value.toString();
            assertEquals(JDK.matcher(s).find(), CHECKED.matches(s), () -> "for " + printable(s));
        }
    }

    @Test
    void theLoopAcceptsOnlyThePlainFormAndTheRegularExpressionTheRest() {
        for (String plain : List.of("a.b.c", "a..c", "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJ4In0.MEUCIQ-_", "-._._")) {
            assertTrue(SchemaPatterns.isPlainCompactJws(plain), plain);
            assertTrue(CHECKED.matches(plain), plain);
        }
        for (String notPlain : List.of("", "a.b", ".b.c", "a.b.", "a.b.c.d", "a.b.c=", "a.b/c.d", "a.b.c\n", "é.b.c")) {
            assertFalse(SchemaPatterns.isPlainCompactJws(notPlain), printable(notPlain));
        }
        // java.util.regex lets $ match before a final line terminator: such a value still matches, as before
        assertTrue(CHECKED.matches("a.b.c\n"));
        assertFalse(CHECKED.matches("a.b.c\n\n"));
    }

    @Test
    void otherPatternsAreTheJdksFind() {
        RegularExpression country = new SchemaPatterns().getRegularExpression("^[A-Z]{2}$");
        assertTrue(country.matches("PT"));
        assertFalse(country.matches("PRT"));
        RegularExpression esco = new SchemaPatterns().getRegularExpression("^http://data\\.europa\\.eu/esco/skill/");
        assertTrue(esco.matches("http://data.europa.eu/esco/skill/abc"), "find, not matches: a prefix is enough");
    }

    private static void everyString(StringBuilder prefix, int maxLength, java.util.function.Consumer<String> check) {
        check.accept(prefix.toString());
        if (prefix.length() == maxLength) {
            return;
        }
        for (char c : ALPHABET) {
            prefix.append(c);
            everyString(prefix, maxLength, check);
            prefix.setLength(prefix.length() - 1);
        }
    }

    private static String printable(String value) {
        StringBuilder out = new StringBuilder("\"");
        value.chars().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.append('"').toString();
    }
}
