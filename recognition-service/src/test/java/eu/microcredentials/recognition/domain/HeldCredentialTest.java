package eu.microcredentials.recognition.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldCredentialTest {

    private static HeldCredential held(String ects, HeldCredential.Status status) {
        return new HeldCredential("c-" + ects + status, "did:example:ada", "ab-1", "Data Ethics", new BigDecimal(ects), 7,
                List.of("NL"), LocalDate.parse("2026-03-14"), status, Instant.parse("2026-03-14T09:00:00Z"), List.of(),
                "INTERNAL", "WRITTEN_EXAM", true, null, null);
    }

    @Test
    void only_an_active_credential_counts() {
        assertTrue(held("5", HeldCredential.Status.ACTIVE).counts());
        assertFalse(held("5", HeldCredential.Status.SUSPENDED).counts());
        assertFalse(held("5", HeldCredential.Status.REVOKED).counts());
    }

    @Test
    void the_active_ects_are_the_sum_over_the_active_credentials() {
        BigDecimal total = HeldCredential.activeEcts(List.of(held("5", HeldCredential.Status.ACTIVE),
                held("2.5", HeldCredential.Status.ACTIVE), held("10", HeldCredential.Status.REVOKED),
                held("3", HeldCredential.Status.SUSPENDED)));
        assertEquals(0, new BigDecimal("7.5").compareTo(total), "was " + total);
    }

    @Test
    void no_credentials_make_0_ects() {
        assertEquals(0, BigDecimal.ZERO.compareTo(HeldCredential.activeEcts(List.of())));
    }
}
