package eu.microcredentials.issuer.domain.credential;

import static eu.microcredentials.issuer.domain.credential.SampleContent.NOW;
import static eu.microcredentials.issuer.domain.credential.SampleContent.REGISTERED_AT;
import static eu.microcredentials.issuer.domain.credential.SampleContent.TODAY;
import static eu.microcredentials.issuer.domain.credential.SampleContent.awardingBody;
import static eu.microcredentials.issuer.domain.credential.SampleContent.content;
import static eu.microcredentials.issuer.domain.credential.SampleContent.key;
import static eu.microcredentials.issuer.domain.credential.SampleContent.signedBy;
import static eu.microcredentials.issuer.domain.credential.SampleContent.signedWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CountryCode;
import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.DeciderSpecification;
import eu.microcredentials.issuer.domain.Refusal;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Issuing a credential, one case per (state, command) pair. */
class CredentialDeciderTest {
    private final DeciderSpecification<IssueCredential, Credential, CredentialEvent> credential =
            new DeciderSpecification<>(CredentialDecider::decide, CredentialDecider::evolve, Credential.NotIssued::new);

    private final CredentialId id = new CredentialId(UUID.randomUUID());

    @Nested
    class IssuingANewCredential {

        @Test
        void records_it_issued_with_the_country_of_its_awarding_body_the_signed_credential_and_who_issued_it() {
            AwardingBody.Registered body = awardingBody("NL");
            MicroCredential content = content();
            SignedCredential signed = signedBy(body);

            credential.given()
                    .when(new IssueCredential(id, body, content, NOW, signed, null, "integration-key-7"))
                    .then(new CredentialEvent.Issued(id, body.id(), new CountryCode("NL"), content, NOW, signed, null,
                            null, "integration-key-7"));
        }

        @Test
        void accepts_a_credential_dated_today() {
            AwardingBody.Registered body = awardingBody("PT");
            MicroCredential content = content(TODAY);

            credential.given()
                    .when(new IssueCredential(id, body, content, NOW, signedBy(body)))
                    .then(new CredentialEvent.Issued(id, body.id(), new CountryCode("PT"), content, NOW, signedBy(body)));
        }

        @Test
        void accepts_a_date_that_has_already_begun_somewhere_on_earth() {
            // 11:00 UTC is already the next day at UTC+14 (Kiribati)
            Instant at = Instant.parse("2026-03-14T11:00:00Z");
            AwardingBody.Registered body = awardingBody("PT");
            MicroCredential content = content(LocalDate.parse("2026-03-15"));

            credential.given()
                    .when(new IssueCredential(id, body, content, at, signedBy(body)))
                    .then(new CredentialEvent.Issued(id, body.id(), new CountryCode("PT"), content, at, signedBy(body)));
        }

        @Test
        void refuses_a_date_of_issuing_in_the_future() {
            LocalDate tomorrowEverywhere = NOW.atOffset(CredentialDecider.LATEST_TIME_ZONE).toLocalDate().plusDays(1);
            AwardingBody.Registered body = awardingBody("PT");

            credential.given()
                    .when(new IssueCredential(id, body, content(tomorrowEverywhere), NOW, signedBy(body)))
                    .thenRefused("in the future");
        }

        @Test
        void refuses_when_the_awarding_body_is_not_registered() {
            credential.given()
                    .when(new IssueCredential(id, new AwardingBody.Unregistered(), content(), NOW, signedWith("key-1")))
                    .thenRefused("not registered");
        }
    }

    @Nested
    class TheSigningKey {
        private final AwardingBodyId bodyId = new AwardingBodyId(UUID.randomUUID());
        private final Instant rotatedAt = NOW.minusSeconds(3_600);
        /** Registered with key-1, rotated an hour ago to key-2. */
        private final AwardingBody.Registered rotated = awardingBody(bodyId, "PT", List.of(
                key("key-1", REGISTERED_AT, rotatedAt), key("key-2", rotatedAt, null)));

        @Test
        void accepts_a_credential_signed_with_the_active_key() {
            credential.given()
                    .when(new IssueCredential(id, rotated, content(), NOW, signedWith("key-2")))
                    .then(new CredentialEvent.Issued(id, bodyId, new CountryCode("PT"), content(), NOW,
                            signedWith("key-2")));
        }

        @Test
        void refuses_a_credential_signed_with_a_retired_key_even_though_it_is_still_published() {
            credential.given()
                    .when(new IssueCredential(id, rotated, content(), NOW, signedWith("key-1")))
                    .thenRefused("must be signed with the awarding body's active key");
        }

        @Test
        void refuses_a_credential_signed_with_another_awarding_body_s_key() {
            AwardingBody.Registered other = awardingBody("PT");

            credential.given()
                    .when(new IssueCredential(id, rotated, content(), NOW, signedBy(other)))
                    .thenRefused("must be signed with the awarding body's active key");
        }

        @Test
        void refuses_a_credential_signed_before_its_key_became_active() {
            Instant beforeRotation = rotatedAt.minusSeconds(1);

            credential.given()
                    .when(new IssueCredential(id, rotated, content(), beforeRotation, signedWith("key-2")))
                    .thenRefused("active key");
        }

        @Test
        void refuses_when_the_awarding_body_has_no_key() {
            AwardingBody.Registered keyless = awardingBody(bodyId, "PT", List.of());

            credential.given()
                    .when(new IssueCredential(id, keyless, content(), NOW, signedWith("key-1")))
                    .thenRefused("active key");
        }
    }

    @Nested
    class IssuingAStackedCredential {
        private final List<CredentialId> parts = List.of(new CredentialId(UUID.randomUUID()),
                new CredentialId(UUID.randomUUID()));
        private final Stacking stacking = new Stacking("pathway-1", "completion-1", parts);

        @Test
        void records_the_credentials_it_is_made_of() {
            AwardingBody.Registered body = awardingBody("PT");

            credential.given()
                    .when(new IssueCredential(id, body, content(), NOW, signedBy(body), stacking))
                    .then(new CredentialEvent.Issued(id, body.id(), new CountryCode("PT"), content(), NOW, signedBy(body),
                            null, stacking));
        }

        @Test
        void refuses_a_credential_made_of_itself() {
            AwardingBody.Registered body = awardingBody("PT");

            credential.given()
                    .when(new IssueCredential(id, body, content(), NOW, signedBy(body),
                            new Stacking("pathway-1", "completion-1", List.of(parts.get(0), id))))
                    .thenRefused("cannot be made of itself");
        }

        @Test
        void keeps_its_parts_through_every_status_change_and_a_correction_keeps_them_too() {
            AwardingBody.Registered body = awardingBody("PT");
            CountryCode pt = new CountryCode("PT");
            CredentialEvent.Issued issued = new CredentialEvent.Issued(id, body.id(), pt, content(), NOW.minusSeconds(60),
                    signedBy(body), null, stacking);
            CredentialEvent.Suspended suspended = new CredentialEvent.Suspended(id, body.id(), pt,
                    new Reason("A part was suspended"), "pathway:p", NOW.minusSeconds(30));

            Credential.Suspended state = assertInstanceOf(Credential.Suspended.class,
                    credential.given(issued, suspended).state());
            assertEquals(parts, state.hasPart());
            assertEquals(stacking, state.stacking());

            CredentialId correction = new CredentialId(UUID.randomUUID());
            List<CredentialEvent> corrected = CredentialDecider.decide(
                    new CorrectCredential(id, correction, body, content(), signedBy(body), "operator", NOW), state);
            assertEquals(List.of(
                    new CredentialEvent.Issued(correction, body.id(), pt, content(), NOW, signedBy(body), id, stacking,
                            "operator"),
                    new CredentialEvent.Revoked(id, body.id(), pt, Reason.SUPERSEDED, NOW, "operator", correction, NOW)),
                    corrected);
            assertEquals(parts, assertInstanceOf(Credential.Revoked.class,
                    CredentialDecider.replay(List.of(issued, suspended, corrected.get(1)))).hasPart());
        }

        @Test
        void is_made_of_at_least_one_credential_on_a_named_pathway_completion() {
            assertThrows(IllegalArgumentException.class, () -> new Stacking("pathway-1", "completion-1", List.of()));
            assertThrows(IllegalArgumentException.class, () -> new Stacking(" ", "completion-1", parts));
            assertThrows(IllegalArgumentException.class, () -> new Stacking("pathway-1", null, parts));
        }

        @Test
        void an_ordinary_credential_is_made_of_none() {
            AwardingBody.Registered body = awardingBody("PT");

            Credential.Active active = assertInstanceOf(Credential.Active.class, credential.given(
                    new CredentialEvent.Issued(id, body.id(), new CountryCode("PT"), content(), NOW, signedBy(body))).state());

            assertEquals(List.of(), active.hasPart());
            assertEquals(null, active.stacking());
        }
    }

    @Nested
    class IssuingAnAlreadyIssuedCredential {

        @Test
        void refuses_to_issue_it_again() {
            AwardingBody.Registered body = awardingBody("PT");
            CredentialEvent.Issued issued = new CredentialEvent.Issued(id, body.id(), new CountryCode("PT"), content(),
                    NOW.minusSeconds(60), signedBy(body));

            credential.given(issued)
                    .when(new IssueCredential(id, body, content(), NOW, signedBy(body)))
                    .thenRefused("already issued");
        }

        @Test
        void refuses_even_for_an_unregistered_awarding_body_because_the_state_decides_first() {
            AwardingBody.Registered body = awardingBody("PT");
            CredentialEvent.Issued issued = new CredentialEvent.Issued(id, body.id(), new CountryCode("PT"), content(),
                    NOW.minusSeconds(60), signedBy(body));

            credential.given(issued)
                    .when(new IssueCredential(id, new AwardingBody.Unregistered(), content(), NOW, signedBy(body)))
                    .thenRefused("already issued");
        }
    }

    @Nested
    class Evolving {

        @Test
        void an_issued_event_makes_the_credential_active_with_everything_it_carried() {
            AwardingBody.Registered body = awardingBody("DE");
            MicroCredential content = content();
            Instant at = Instant.parse("2026-01-02T03:04:05Z");
            SignedCredential signed = signedBy(body);

            Credential state = CredentialDecider.evolve(new Credential.NotIssued(),
                    new CredentialEvent.Issued(id, body.id(), new CountryCode("DE"), content, at, signed));

            Credential.Active active = assertInstanceOf(Credential.Active.class, state);
            assertEquals(id, active.id());
            assertEquals(body.id(), active.awardingBody());
            assertEquals(new CountryCode("DE"), active.awardingBodyCountry());
            assertEquals(content, active.content());
            assertEquals(at, active.issuedAt());
            assertEquals(signed, active.signed());
        }

        @Test
        void replaying_no_events_leaves_the_credential_not_issued() {
            assertInstanceOf(Credential.NotIssued.class, CredentialDecider.replay(List.of()));
        }

        @Test
        void replaying_the_decided_events_gives_the_state_they_describe() {
            AwardingBody.Registered body = awardingBody("PT");
            List<CredentialEvent> events = CredentialDecider.decide(
                    new IssueCredential(id, body, content(), NOW, signedBy(body)), new Credential.NotIssued());

            Credential replayed = CredentialDecider.replay(events);

            assertEquals(new Credential.Active(id, body.id(), new CountryCode("PT"), content(), NOW, signedBy(body)),
                    replayed);
        }

        @Test
        void the_decider_uses_the_time_of_the_command_not_a_clock() {
            Instant past = Instant.parse("2020-05-05T05:05:05Z");
            AwardingBody.Registered body = awardingBody(new AwardingBodyId(UUID.randomUUID()), "PT",
                    List.of(key("key-1", Instant.parse("2020-01-01T00:00:00Z"), null)));
            MicroCredential content = content(past.atOffset(ZoneOffset.UTC).toLocalDate());

            List<CredentialEvent> events = CredentialDecider.decide(
                    new IssueCredential(id, body, content, past, signedWith("key-1")), new Credential.NotIssued());

            assertEquals(past, ((CredentialEvent.Issued) events.get(0)).issuedAt());
            // a date long past by the wall clock is still the future as of the command's time
            assertThrows(Refusal.class, () -> CredentialDecider.decide(
                    new IssueCredential(id, body, content(TODAY), past, signedWith("key-1")), new Credential.NotIssued()));
        }
    }
}
