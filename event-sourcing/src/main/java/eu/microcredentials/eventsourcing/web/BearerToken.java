package eu.microcredentials.eventsourcing.web;

/** The token of an {@code Authorization: Bearer <token>} header (RFC 6750), as every service reads its API keys. */
public final class BearerToken {
    private static final String BEARER = "Bearer ";

    private BearerToken() {
    }

    /** The bearer token of the header (scheme matched case-insensitively, token stripped); null when it carries none. */
    public static String in(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = authorization.substring(BEARER.length()).strip();
        return token.isEmpty() ? null : token;
    }
}
