package eu.microcredentials.registry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A key signs from its activation (inclusive) until its retirement (exclusive). */
class KeyValidityTest {
    private static final Instant ACTIVE_FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant RETIRED_AT = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void a_key_is_active_from_its_activation_on() {
        KeyValidity validity = KeyValidity.activeSince(ACTIVE_FROM);
        assertTrue(validity.activeAt(ACTIVE_FROM));
        assertTrue(validity.activeAt(Instant.parse("2099-01-01T00:00:00Z")));
        assertFalse(validity.activeAt(ACTIVE_FROM.minusNanos(1)));
    }

    @Test
    void a_retired_key_was_active_until_just_before_its_retirement() {
        KeyValidity validity = new KeyValidity(ACTIVE_FROM, RETIRED_AT);
        assertTrue(validity.activeAt(ACTIVE_FROM));
        assertTrue(validity.activeAt(RETIRED_AT.minusNanos(1)));
        assertFalse(validity.activeAt(RETIRED_AT));
        assertFalse(validity.activeAt(RETIRED_AT.plusSeconds(1)));
        assertFalse(validity.activeAt(ACTIVE_FROM.minusSeconds(1)));
        assertTrue(validity.retired());
    }

    @Test
    void a_key_retired_before_its_activation_is_never_active() {
        KeyValidity validity = new KeyValidity(RETIRED_AT, ACTIVE_FROM);
        assertFalse(validity.activeAt(ACTIVE_FROM));
        assertFalse(validity.activeAt(RETIRED_AT));
    }

    @Test
    void it_describes_itself_for_a_verifier() {
        assertEquals("active from 2026-01-01T00:00:00Z and not retired", KeyValidity.activeSince(ACTIVE_FROM).describe());
        assertEquals("active from 2026-01-01T00:00:00Z until 2026-06-01T00:00:00Z",
                new KeyValidity(ACTIVE_FROM, RETIRED_AT).describe());
    }

    @Test
    void a_key_has_an_activation() {
        assertThrows(NullPointerException.class, () -> new KeyValidity(null, RETIRED_AT));
    }
}
