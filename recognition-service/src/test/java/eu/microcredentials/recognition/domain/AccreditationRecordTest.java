package eu.microcredentials.recognition.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccreditationRecordTest {
    private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant MAR = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant JUN = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant SEP = Instant.parse("2026-09-01T00:00:00Z");

    @Test
    void without_any_decision_a_body_is_never_accredited() {
        assertFalse(AccreditationRecord.none().accreditedAt(MAR));
    }

    @Test
    void a_grant_covers_its_period_from_inclusive_until_exclusive() {
        AccreditationRecord record = new AccreditationRecord(List.of(AccreditationRecord.Decision.grant("A3ES", MAR, JUN)));
        assertFalse(record.accreditedAt(JAN));
        assertTrue(record.accreditedAt(MAR));
        assertFalse(record.accreditedAt(JUN));
    }

    @Test
    void a_withdrawal_ends_the_grant_from_its_effective_date_also_backdated() {
        AccreditationRecord record = new AccreditationRecord(List.of(AccreditationRecord.Decision.grant("A3ES", JAN, null),
                AccreditationRecord.Decision.withdrawal("A3ES", MAR)));
        assertTrue(record.accreditedAt(Instant.parse("2026-02-01T00:00:00Z")));
        assertFalse(record.accreditedAt(MAR));
        assertEquals(new AccreditationRecord.Standing(true, false),
                record.standing(Instant.parse("2026-02-01T00:00:00Z"), JUN));
        assertEquals(new AccreditationRecord.Standing(false, false), record.standing(Instant.parse("2026-04-01T00:00:00Z"), JUN));
    }

    @Test
    void a_grant_decided_after_a_withdrawal_accredits_again() {
        AccreditationRecord record = new AccreditationRecord(List.of(AccreditationRecord.Decision.grant("A3ES", JAN, null),
                AccreditationRecord.Decision.withdrawal("A3ES", MAR), AccreditationRecord.Decision.grant("NVAO", JUN, null)));
        assertFalse(record.accreditedAt(Instant.parse("2026-04-01T00:00:00Z")));
        assertTrue(record.accreditedAt(SEP));
    }

    @Test
    void a_withdrawal_does_not_end_a_grant_decided_after_it() {
        AccreditationRecord record = new AccreditationRecord(List.of(AccreditationRecord.Decision.withdrawal("A3ES", JAN),
                AccreditationRecord.Decision.grant("A3ES", MAR, null)));
        assertTrue(record.accreditedAt(JUN));
    }
}
