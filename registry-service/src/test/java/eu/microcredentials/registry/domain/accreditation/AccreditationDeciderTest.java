package eu.microcredentials.registry.domain.accreditation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recording accreditation, as a specification: given the recorded events, when a command, then events or a refusal. */
class AccreditationDeciderTest {
    private static final AwardingBodyId BODY = new AwardingBodyId("body-1");
    private static final URI DEQAR = URI.create("https://www.eqar.eu/qa-results/report/1");
    private static final URI DEQAR_2 = URI.create("https://www.eqar.eu/qa-results/report/2");
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2032-01-01T00:00:00Z");
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant LATER = Instant.parse("2027-03-01T10:00:00Z");

    private static final AccreditationEvent.Granted GRANTED = new AccreditationEvent.Granted(BODY, "A3ES", DEQAR, FROM,
            UNTIL, "operator", AT);

    @Test
    void accrediting_a_body_never_accredited_grants_it() {
        given()
                .when(accredit("A3ES", FROM, UNTIL, AT))
                .then(GRANTED);
    }

    @Test
    void accrediting_without_an_end_grants_an_open_accreditation() {
        given()
                .when(accredit("A3ES", FROM, null, AT))
                .then(new AccreditationEvent.Granted(BODY, "A3ES", DEQAR, FROM, null, "operator", AT));
    }

    @Test
    void accrediting_an_accredited_body_again_renews_it() {
        given(GRANTED)
                .when(new RecordAccreditation(BODY, AccreditationStatus.ACCREDITED, "NVAO", DEQAR_2, UNTIL, null,
                        "operator", LATER))
                .then(new AccreditationEvent.Granted(BODY, "NVAO", DEQAR_2, UNTIL, null, "operator", LATER));
    }

    @Test
    void an_accreditation_ending_before_it_starts_is_invalid() {
        InvalidAccreditation refusal = given().when(accredit("A3ES", UNTIL, FROM, AT)).thenInvalid();
        assertEquals("validUntil", refusal.field());
    }

    @Test
    void accrediting_needs_an_agency_and_a_start() {
        assertEquals("qualityAssuranceAgency", given().when(accredit(null, FROM, null, AT)).thenInvalid().field());
        assertEquals("validFrom", given().when(accredit("A3ES", null, null, AT)).thenInvalid().field());
    }

    @Test
    void withdrawing_an_accredited_body_withdraws_it_with_its_agency_from_the_command_time_by_default() {
        given(GRANTED)
                .when(withdraw(null, LATER))
                .then(new AccreditationEvent.Withdrawn(BODY, "A3ES", DEQAR_2, LATER, "operator", LATER));
    }

    @Test
    void withdrawing_from_a_given_time_keeps_it() {
        given(GRANTED)
                .when(withdraw(UNTIL, LATER))
                .then(new AccreditationEvent.Withdrawn(BODY, "A3ES", DEQAR_2, UNTIL, "operator", LATER));
    }

    @Test
    void withdrawing_a_body_never_accredited_is_refused() {
        AccreditationRefused refusal = given().when(withdraw(null, AT)).thenRefused();
        assertEquals("NONE", refusal.currentStatus());
    }

    @Test
    void withdrawing_a_withdrawn_accreditation_is_refused() {
        AccreditationRefused refusal = given(GRANTED,
                new AccreditationEvent.Withdrawn(BODY, "A3ES", DEQAR_2, LATER, "operator", LATER))
                .when(withdraw(null, LATER)).thenRefused();
        assertEquals("WITHDRAWN", refusal.currentStatus());
    }

    @Test
    void a_withdrawn_body_can_be_accredited_again() {
        given(GRANTED, new AccreditationEvent.Withdrawn(BODY, "A3ES", DEQAR_2, LATER, "operator", LATER))
                .when(accredit("A3ES", FROM, UNTIL, AT))
                .then(GRANTED);
    }

    @Test
    void evolve_folds_the_decisions_into_the_state() {
        assertEquals(new Accreditation.NotAccredited(), AccreditationDecider.replay(List.of()));
        assertEquals(new Accreditation.Accredited("A3ES", DEQAR, FROM, UNTIL), AccreditationDecider.replay(List.of(GRANTED)));
        assertEquals(new Accreditation.Withdrawn("A3ES", DEQAR_2, LATER), AccreditationDecider.replay(List.of(GRANTED,
                new AccreditationEvent.Withdrawn(BODY, "A3ES", DEQAR_2, LATER, "operator", LATER))));
    }

    @Test
    void values_refuse_what_they_cannot_be() {
        assertThrows(IllegalArgumentException.class, () -> Evidence.parse("ftp://example.org/report"));
        assertThrows(IllegalArgumentException.class, () -> Evidence.parse("not a url"));
        assertThrows(IllegalArgumentException.class, () -> QualityAssuranceAgency.check(" "));
        assertThrows(IllegalArgumentException.class, () -> new AwardingBodyId(""));
        assertEquals(DEQAR, Evidence.parse(DEQAR.toString()));
    }

    private static RecordAccreditation accredit(String agency, Instant validFrom, Instant validUntil, Instant at) {
        return new RecordAccreditation(BODY, AccreditationStatus.ACCREDITED, agency, DEQAR, validFrom, validUntil,
                "operator", at);
    }

    private static RecordAccreditation withdraw(Instant from, Instant at) {
        return new RecordAccreditation(BODY, AccreditationStatus.WITHDRAWN, null, DEQAR_2, from, null, "operator", at);
    }

    private static Given given(AccreditationEvent... events) {
        return new Given(List.of(events));
    }

    private record Given(List<AccreditationEvent> history) {
        When when(RecordAccreditation command) {
            return new When(history, command);
        }
    }

    private record When(List<AccreditationEvent> history, RecordAccreditation command) {
        void then(AccreditationEvent... expected) {
            List<AccreditationEvent> decided = AccreditationDecider.decide(command, AccreditationDecider.replay(history));
            assertEquals(List.of(expected), decided);
            // and the decision folds: the state after it is what the events say
            List<AccreditationEvent> all = new ArrayList<>(history);
            all.addAll(decided);
            AccreditationDecider.replay(all);
        }

        AccreditationRefused thenRefused() {
            return assertThrows(AccreditationRefused.class,
                    () -> AccreditationDecider.decide(command, AccreditationDecider.replay(history)));
        }

        InvalidAccreditation thenInvalid() {
            return assertThrows(InvalidAccreditation.class,
                    () -> AccreditationDecider.decide(command, AccreditationDecider.replay(history)));
        }
    }
}
