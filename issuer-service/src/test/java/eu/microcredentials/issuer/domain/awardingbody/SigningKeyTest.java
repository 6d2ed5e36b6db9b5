package eu.microcredentials.issuer.domain.awardingbody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A published key: when it signs, and that it never carries private material. */
class SigningKeyTest {
    private static final Instant FROM = Instant.parse("2026-03-14T09:00:00Z");
    private static final Instant RETIRED = Instant.parse("2026-06-01T00:00:00Z");
    private static final Duration NANO = Duration.ofNanos(1);
    private static final Map<String, Object> PUBLIC_JWK = Map.of("kty", "EC", "crv", "P-256",
            "x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0");

    private static SigningKey key(Instant retiredAt) {
        return new SigningKey("key-1", "ES256", PUBLIC_JWK, FROM, retiredAt);
    }

    @Test
    void is_active_from_the_instant_it_was_added_inclusive() {
        assertFalse(key(null).activeAt(FROM.minus(NANO)));
        assertTrue(key(null).activeAt(FROM));
        assertTrue(key(RETIRED).activeAt(FROM));
    }

    @Test
    void is_active_until_the_instant_it_was_retired_exclusive() {
        assertTrue(key(RETIRED).activeAt(RETIRED.minus(NANO)));
        assertFalse(key(RETIRED).activeAt(RETIRED));
        assertFalse(key(RETIRED).activeAt(RETIRED.plusSeconds(86_400L * 365)));
    }

    @Test
    void a_key_never_retired_stays_active() {
        assertTrue(key(null).activeAt(Instant.parse("2100-01-01T00:00:00Z")));
    }

    @Test
    void a_key_retired_the_instant_it_was_added_was_never_active() {
        assertFalse(key(FROM).activeAt(FROM));
    }

    @Test
    void retiring_keeps_everything_else() {
        SigningKey retired = key(null).retire(RETIRED);
        assertEquals(key(RETIRED), retired);
    }

    @Test
    void refuses_a_jwk_with_private_material() {
        Map<String, Object> withPrivate = new HashMap<>(PUBLIC_JWK);
        withPrivate.put("d", "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI");
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                () -> new SigningKey("key-1", "ES256", withPrivate, FROM, null));
        assertTrue(refusal.getMessage().contains("private"), refusal.getMessage());
    }

    @Test
    void a_command_refuses_a_new_key_with_private_material_before_any_event_could_publish_it() {
        Map<String, Object> withPrivate = new HashMap<>(PUBLIC_JWK);
        withPrivate.put("d", "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI");
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                () -> new SigningKey.PublicKey("key-1", "ES256", withPrivate));
        assertTrue(refusal.getMessage().contains("private"), refusal.getMessage());
    }

    @Test
    void keeps_its_own_copy_of_the_jwk() {
        Map<String, Object> jwk = new HashMap<>(PUBLIC_JWK);
        SigningKey key = new SigningKey("key-1", "ES256", jwk, FROM, null);
        jwk.put("d", "sneaked in later");
        assertFalse(key.publicJwk().containsKey("d"));
    }
}
