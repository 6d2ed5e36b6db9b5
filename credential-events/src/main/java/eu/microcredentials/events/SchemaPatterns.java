package eu.microcredentials.events;

import com.networknt.schema.regex.JDKRegularExpressionFactory;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.nio.charset.StandardCharsets;

/**
 * The {@code pattern}s of the event schemas, as the schema validator checks them: with its own
 * {@link JDKRegularExpressionFactory} ({@code java.util.regex}, {@code find}), except that a value of
 * {@link #COMPACT_JWS}, the signed credential every issued event carries (about 4 KB), is first looked at by a loop.
 * When the loop finds the plain form (base64url segments joined by two dots, the first and the last not empty) the
 * value matches; otherwise the regular expression decides, so every value gets the answer the JDK's gives.
 *
 * <p>Why: under C1 (the services run without C2) the JDK's matching of that pattern over 4 KB took about half of
 * checking an issued event against its schema, which every consumer does for every event, and a registry's rebuild
 * for a million; the loop takes about an eighth of the JDK's time (docs/benchmarks.md, session 7).
 */
public final class SchemaPatterns implements RegularExpressionFactory {
    /** The pattern of {@code verifiableCredential} in credential.issued.v1 (written as the schema has it). */
    public static final String COMPACT_JWS = "^[\\w-]+\\.[\\w-]*\\.[\\w-]+$";
    private static final boolean[] BASE64URL = base64url();

    @Override
    public RegularExpression getRegularExpression(String regex) {
        RegularExpression jdk = JDKRegularExpressionFactory.getInstance().getRegularExpression(regex);
        if (COMPACT_JWS.equals(regex)) {
            return value -> isPlainCompactJws(value) || jdk.matches(value);
        }
        return jdk;
    }

    /** Base64url characters ({@code [A-Za-z0-9_-]}) in three segments split by two dots, the first and last not empty. */
    static boolean isPlainCompactJws(String value) {
        // a copy of the bytes is cheaper under C1 than charAt's bounds check for each of 4,000 characters; a
        // character that is not Latin-1 becomes '?', which is no base64url character either
        byte[] characters = value.getBytes(StandardCharsets.ISO_8859_1);
        int dots = 0;
        int segmentLength = 0;
        for (byte c : characters) {
            if (c >= 0 && BASE64URL[c]) {
                segmentLength++;
            } else if (c != '.' || ++dots > 2 || (dots == 1 && segmentLength == 0)) {
                return false;
            } else {
                segmentLength = 0;
            }
        }
        return dots == 2 && segmentLength > 0;
    }

    private static boolean[] base64url() {
        boolean[] base64url = new boolean[128];
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".chars().forEach(c -> base64url[c] = true);
        return base64url;
    }
}
