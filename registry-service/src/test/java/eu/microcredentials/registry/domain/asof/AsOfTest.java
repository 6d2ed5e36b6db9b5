package eu.microcredentials.registry.domain.asof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.microcredentials.registry.domain.CredentialStatus;
import eu.microcredentials.registry.domain.StatusChange;
import eu.microcredentials.registry.domain.accreditation.AccreditationEvent;
import eu.microcredentials.registry.domain.accreditation.AccreditationHistory;
import eu.microcredentials.registry.domain.accreditation.AwardingBodyId;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * As-of answers as a specification: given what the registry recorded (issuance, status changes,
 * accreditation decisions, each with when it was recorded and from when it takes effect), when asked
 * as of an instant, then what is known now and what was known then.
 */
class AsOfTest {
    private static final AwardingBodyId BODY = new AwardingBodyId("body-1");
    private static final Instant ISSUED = Instant.parse("2026-02-01T09:00:00Z");

    @Test
    void a_retroactive_revocation_is_in_effect_from_its_effective_date_but_was_not_known_before_it_was_recorded() {
        Given given = given().revoked("fraud", "2026-03-01T00:00:00Z", "2026-03-10T12:00:00Z");

        given.when("2026-03-02T00:00:00Z").thenNow(AsOfStatus.REVOKED).thenThen(AsOfStatus.ACTIVE).differs(true);
        given.when("2026-03-05T00:00:00Z").thenNow(AsOfStatus.REVOKED).thenThen(AsOfStatus.ACTIVE).differs(true);
        given.when("2026-02-20T00:00:00Z").thenNow(AsOfStatus.ACTIVE).thenThen(AsOfStatus.ACTIVE).differs(false);
        given.when("2026-03-10T12:00:00Z").thenNow(AsOfStatus.REVOKED).thenThen(AsOfStatus.REVOKED).differs(false);
        given.when("2026-03-11T00:00:00Z").thenNow(AsOfStatus.REVOKED).thenThen(AsOfStatus.REVOKED).differs(false);
    }

    @Test
    void the_revocation_in_effect_is_reported_with_its_reason_and_dates() {
        AsOf answer = given().revoked("fraud", "2026-03-01T00:00:00Z", "2026-03-10T12:00:00Z")
                .when("2026-03-05T00:00:00Z").answer;
        assertEquals(new StatusChange("fraud", Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-03-10T12:00:00Z")), answer.knownNow().statusDetail());
        assertNull(answer.knownThen().statusDetail(), "as known then the credential stood as issued");
    }

    @Test
    void a_revocation_from_now_changes_nothing_before_it() {
        Given given = given().revoked("no longer offered", "2026-03-10T12:00:00Z", "2026-03-10T12:00:00Z");

        given.when("2026-03-10T11:59:59Z").thenNow(AsOfStatus.ACTIVE).thenThen(AsOfStatus.ACTIVE).differs(false);
        given.when("2026-03-10T12:00:00Z").thenNow(AsOfStatus.REVOKED).thenThen(AsOfStatus.REVOKED).differs(false);
    }

    @Test
    void a_suspension_holds_until_the_reinstatement() {
        Given given = given().suspended("under investigation", "2026-03-03T00:00:00Z")
                .reinstated("cleared", "2026-03-06T00:00:00Z");

        given.when("2026-03-02T00:00:00Z").thenNow(AsOfStatus.ACTIVE).thenThen(AsOfStatus.ACTIVE).differs(false);
        given.when("2026-03-04T00:00:00Z").thenNow(AsOfStatus.SUSPENDED).thenThen(AsOfStatus.SUSPENDED).differs(false);
        AsOf afterwards = given.when("2026-03-07T00:00:00Z").thenNow(AsOfStatus.ACTIVE).thenThen(AsOfStatus.ACTIVE)
                .differs(false).answer;
        assertEquals("cleared", afterwards.knownNow().statusDetail().reason());
    }

    @Test
    void a_retroactive_revocation_outweighs_a_later_suspension_and_reinstatement() {
        Given given = given().suspended("under investigation", "2026-03-03T00:00:00Z")
                .reinstated("cleared", "2026-03-06T00:00:00Z")
                .revoked("fraud after all", "2026-03-01T00:00:00Z", "2026-03-10T00:00:00Z");

        given.when("2026-03-04T00:00:00Z").thenNow(AsOfStatus.REVOKED).thenThen(AsOfStatus.SUSPENDED).differs(true);
        given.when("2026-03-07T00:00:00Z").thenNow(AsOfStatus.REVOKED).thenThen(AsOfStatus.ACTIVE).differs(true);
    }

    @Test
    void a_revocation_effective_before_issuance_revokes_from_issuance_and_before_issuance_nothing_was_issued() {
        Given given = given().revoked("issued in error", "2026-01-01T00:00:00Z", "2026-03-10T00:00:00Z");

        given.when("2026-01-15T00:00:00Z").thenNow(AsOfStatus.NOT_YET_ISSUED).thenThen(AsOfStatus.NOT_YET_ISSUED)
                .differs(false);
        given.when("2026-02-01T09:00:00Z").thenNow(AsOfStatus.REVOKED).thenThen(AsOfStatus.ACTIVE).differs(true);
    }

    @Test
    void an_accreditation_withdrawn_with_a_backdated_effect_differs_between_now_and_then() {
        Given given = given()
                .accredited("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")
                .withdrawn("2026-03-01T00:00:00Z", "2026-03-10T00:00:00Z");

        Then before = given.when("2026-02-15T00:00:00Z").differs(false);
        assertTrue(before.answer.knownNow().accredited());
        Then between = given.when("2026-03-05T00:00:00Z").thenNow(AsOfStatus.ACTIVE).thenThen(AsOfStatus.ACTIVE)
                .differs(true);
        assertFalse(between.answer.knownNow().accredited());
        assertTrue(between.answer.knownThen().accredited());
        assertTrue(between.answer.knownNow().accreditation().contains("withdrawn from 2026-03-01T00:00:00Z"),
                between.answer.knownNow().accreditation());
        Then after = given.when("2026-03-11T00:00:00Z").differs(false);
        assertFalse(after.answer.knownThen().accredited());
    }

    @Test
    void an_accreditation_decided_later_was_not_known_then_even_when_it_covers_the_instant() {
        Then then = given().accredited("2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z").when("2026-03-01T00:00:00Z")
                .differs(true);
        assertTrue(then.answer.knownNow().accredited());
        assertFalse(then.answer.knownThen().accredited());
        assertEquals("no accreditation recorded", then.answer.knownThen().accreditation());
    }

    @Test
    void without_status_detail_the_reasons_and_dates_are_left_out_and_nothing_else_changes() {
        AsOf answer = given().revoked("fraud", "2026-03-01T00:00:00Z", "2026-03-10T12:00:00Z")
                .when("2026-03-12T00:00:00Z").answer;
        AsOf hidden = answer.withoutStatusDetail();
        assertNull(hidden.knownNow().statusDetail());
        assertNull(hidden.knownThen().statusDetail());
        assertEquals(AsOfStatus.REVOKED, hidden.knownNow().status());
        assertEquals(answer.instant(), hidden.instant());
        assertEquals(answer.differs(), hidden.differs());
    }

    @Test
    void an_as_of_instant_is_iso_8601_with_an_offset() {
        assertEquals(Instant.parse("2026-03-02T00:00:00Z"), AsOf.instant("2026-03-02T00:00:00Z"));
        assertEquals(Instant.parse("2026-03-02T00:00:00Z"), AsOf.instant("2026-03-02T01:00:00+01:00"));
        for (String bad : new String[] {"yesterday", "2026-03-02", "2026-03-02T00:00:00", "", " "}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> AsOf.instant(bad));
            assertTrue(refused.getMessage().startsWith("must be an ISO-8601 instant"), refused.getMessage());
        }
    }

    @Test
    void the_status_of_the_enum_maps_to_the_status_of_an_issued_credential() {
        assertTrue(AsOfStatus.NOT_YET_ISSUED.issued().isEmpty());
        assertEquals(CredentialStatus.REVOKED, AsOfStatus.REVOKED.issued().orElseThrow());
    }

    private static Given given() {
        return new Given();
    }

    private static final class Given {
        private final List<StatusTimeline.Change> changes = new ArrayList<>();
        private final List<AccreditationEvent> decisions = new ArrayList<>();

        Given revoked(String reason, String effectiveFrom, String recordedAt) {
            return change(CredentialStatus.REVOKED, reason, effectiveFrom, recordedAt);
        }

        Given suspended(String reason, String at) {
            return change(CredentialStatus.SUSPENDED, reason, at, at);
        }

        Given reinstated(String reason, String at) {
            return change(CredentialStatus.ACTIVE, reason, at, at);
        }

        Given accredited(String validFrom, String decidedAt) {
            decisions.add(new AccreditationEvent.Granted(BODY, "A3ES", URI.create("https://www.eqar.eu/r/1"),
                    Instant.parse(validFrom), null, "operator", Instant.parse(decidedAt)));
            return this;
        }

        Given withdrawn(String effectiveFrom, String decidedAt) {
            decisions.add(new AccreditationEvent.Withdrawn(BODY, "A3ES", null, Instant.parse(effectiveFrom), "operator",
                    Instant.parse(decidedAt)));
            return this;
        }

        private Given change(CredentialStatus status, String reason, String effectiveFrom, String recordedAt) {
            changes.add(new StatusTimeline.Change(status, new StatusChange(reason, Instant.parse(effectiveFrom),
                    Instant.parse(recordedAt))));
            return this;
        }

        Then when(String asOf) {
            return new Then(AsOf.of(new StatusTimeline(ISSUED, changes), new AccreditationHistory(decisions),
                    Instant.parse(asOf)));
        }
    }

    private record Then(AsOf answer) {
        Then thenNow(AsOfStatus status) {
            assertEquals(status, answer.knownNow().status(), "known now, as of " + answer.instant());
            return this;
        }

        Then thenThen(AsOfStatus status) {
            assertEquals(status, answer.knownThen().status(), "known then, as of " + answer.instant());
            return this;
        }

        Then differs(boolean differs) {
            assertEquals(differs, answer.differs(), "differs, as of " + answer.instant());
            return this;
        }
    }
}
