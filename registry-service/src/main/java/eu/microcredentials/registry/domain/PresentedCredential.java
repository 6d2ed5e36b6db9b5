package eu.microcredentials.registry.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A credential presented for verification as a VC-JOSE JWT (W3C Verifiable Credentials 2.0 secured
 * with JOSE): what its JOSE header and its payload claim, and every way in which its form breaks the
 * profile. Values that are missing or malformed are null, so that the checks that need them can say
 * they did not run.
 */
public record PresentedCredential(String compact, String keyId, String algorithm, String credentialId,
                                  String awardingBodyId, Instant validFrom, List<String> formatProblems) {
    public static final String CONTEXT_V2 = "https://www.w3.org/ns/credentials/v2";
    public static final String VERIFIABLE_CREDENTIAL = "VerifiableCredential";
    /** The JOSE algorithms the platform signs with: ES256 (P-256) and EdDSA (Ed25519). */
    public static final Set<String> ALGORITHMS = Set.of("ES256", "EdDSA");
    private static final Set<String> MEDIA_TYPES = Set.of("vc+jwt", "application/vc+jwt");
    private static final Pattern UUID_URN = Pattern.compile(
            "urn:uuid:([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");

    public PresentedCredential {
        Objects.requireNonNull(compact, "compact");
        formatProblems = List.copyOf(formatProblems);
    }

    /**
     * The members of a JWS header and of its credential payload, as text; null where absent or not of
     * the expected JSON type.
     *
     * @param types          the payload's {@code type}, or null when it is neither a string nor an array of strings
     * @param issuerId       the payload's {@code issuer.id} (or {@code issuer} when it is a plain URL)
     * @param payloadProblem why the payload could not be read as a JSON object; null when it could
     */
    public record Claims(String typ, String kid, String alg, String firstContext, List<String> types, String id,
                         String issuerId, String validFrom, String payloadProblem) {
    }

    /** A presented text that is not a compact JWS whose payload is a JSON object: nothing can be read from it. */
    public static PresentedCredential unreadable(String compact, String problem) {
        return new PresentedCredential(compact, null, null, null, null, null, List.of(problem));
    }

    /** Reads the claims against the VC-JOSE profile, collecting every problem rather than stopping at the first. */
    public static PresentedCredential read(String compact, Claims claims) {
        List<String> problems = new ArrayList<>();
        if (claims.typ() == null || !MEDIA_TYPES.contains(claims.typ().toLowerCase(Locale.ROOT))) {
            problems.add("header typ must be vc+jwt; was " + (claims.typ() == null ? "absent" : claims.typ()));
        }
        String keyId = blankToNull(claims.kid());
        if (keyId == null) {
            problems.add("header has no kid naming the signing key");
        }
        if (claims.alg() == null || !ALGORITHMS.contains(claims.alg())) {
            problems.add("header alg must be ES256 or EdDSA; was " + claims.alg());
        }
        if (claims.payloadProblem() != null) {
            // the payload's members are all absent: say so once rather than once per member
            problems.add(claims.payloadProblem());
            return new PresentedCredential(compact, keyId, claims.alg(), null, null, null, problems);
        }
        if (!CONTEXT_V2.equals(claims.firstContext())) {
            problems.add("@context must start with " + CONTEXT_V2);
        }
        if (claims.types() == null || !claims.types().contains(VERIFIABLE_CREDENTIAL)) {
            problems.add("type must include " + VERIFIABLE_CREDENTIAL);
        }
        String credentialId = uuidOf(claims.id());
        if (credentialId == null) {
            problems.add("id must be a urn:uuid: URN; was " + describe(claims.id()));
        }
        String awardingBodyId = uuidOf(claims.issuerId());
        if (awardingBodyId == null) {
            problems.add("issuer.id must be a urn:uuid: URN; was " + describe(claims.issuerId()));
        }
        Instant validFrom = instantOf(claims.validFrom());
        if (validFrom == null) {
            problems.add("validFrom must be a date-time with a time zone; was " + describe(claims.validFrom()));
        }
        return new PresentedCredential(compact, keyId, claims.alg(), credentialId, awardingBodyId, validFrom, problems);
    }

    public boolean wellFormed() {
        return formatProblems.isEmpty();
    }

    private static String uuidOf(String urn) {
        if (urn == null) {
            return null;
        }
        Matcher matcher = UUID_URN.matcher(urn);
        return matcher.matches() ? matcher.group(1) : null;
    }

    private static Instant instantOf(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String describe(String value) {
        return value == null ? "absent" : value;
    }
}
