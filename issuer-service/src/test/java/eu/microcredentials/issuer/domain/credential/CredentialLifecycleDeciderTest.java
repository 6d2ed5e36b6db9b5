package eu.microcredentials.issuer.domain.credential;

import static eu.microcredentials.issuer.domain.credential.SampleContent.NOW;
import static eu.microcredentials.issuer.domain.credential.SampleContent.awardingBody;
import static eu.microcredentials.issuer.domain.credential.SampleContent.content;
import static eu.microcredentials.issuer.domain.credential.SampleContent.signedBy;
import static eu.microcredentials.issuer.domain.credential.SampleContent.signedWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import eu.microcredentials.issuer.domain.CountryCode;
import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.DeciderSpecification;
import eu.microcredentials.issuer.domain.InvalidValue;
import eu.microcredentials.issuer.domain.Refusal;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Revoking, suspending, reinstating and correcting, one case per (state, command) pair: NotIssued,
 * Active, Suspended and Revoked, each meeting revoke, suspend, reinstate and correct.
 */
class CredentialLifecycleDeciderTest {
    private static final String ACTOR = "operator";
    private static final Instant ISSUED_AT = NOW.minusSeconds(86_400 / 2);
    private static final Instant SUSPENDED_AT = NOW.minusSeconds(3_600);

    private final DeciderSpecification<CredentialCommand, Credential, CredentialEvent> credential =
            new DeciderSpecification<>(CredentialDecider::decide, CredentialDecider::evolve, Credential.NotIssued::new);

    private final CredentialId id = new CredentialId(UUID.randomUUID());
    private final AwardingBody.Registered body = awardingBody("PT");
    private final CountryCode pt = new CountryCode("PT");
    private final Reason reason = new Reason("Assessment irregularity confirmed by the exam board");

    private final CredentialEvent.Issued issued = new CredentialEvent.Issued(id, body.id(), pt, content(), ISSUED_AT,
            signedBy(body));
    private final CredentialEvent.Suspended suspended = new CredentialEvent.Suspended(id, body.id(), pt,
            new Reason("Under investigation"), ACTOR, SUSPENDED_AT);
    private final CredentialEvent.Revoked revoked = new CredentialEvent.Revoked(id, body.id(), pt,
            new Reason("Issued in error"), SUSPENDED_AT, ACTOR, null, SUSPENDED_AT);

    private static void assertIllegalTransition(Refusal refusal, CredentialStatus current) {
        assertEquals(current, assertInstanceOf(IllegalTransition.class, refusal).currentStatus());
    }

    @Nested
    class ANotIssuedCredential {

        @Test
        void cannot_be_revoked_it_is_unknown() {
            assertInstanceOf(UnknownCredential.class, credential.given()
                    .when(new RevokeCredential(id, reason, ACTOR, NOW)).thenRefused("no credential " + id));
        }

        @Test
        void cannot_be_suspended_it_is_unknown() {
            assertInstanceOf(UnknownCredential.class, credential.given()
                    .when(new SuspendCredential(id, reason, ACTOR, NOW)).thenRefused("no credential " + id));
        }

        @Test
        void cannot_be_reinstated_it_is_unknown() {
            assertInstanceOf(UnknownCredential.class, credential.given()
                    .when(new ReinstateCredential(id, reason, ACTOR, NOW)).thenRefused("no credential " + id));
        }
    }

    @Nested
    class AnActiveCredential {

        @Test
        void is_revoked_effective_from_now_by_default() {
            credential.given(issued)
                    .when(new RevokeCredential(id, reason, ACTOR, NOW))
                    .then(new CredentialEvent.Revoked(id, body.id(), pt, reason, NOW, ACTOR, null, NOW));
        }

        @Test
        void is_revoked_retroactively_from_an_earlier_instant() {
            Instant earlier = ISSUED_AT.plusSeconds(60);

            credential.given(issued)
                    .when(new RevokeCredential(id, reason, earlier, ACTOR, NOW))
                    .then(new CredentialEvent.Revoked(id, body.id(), pt, reason, earlier, ACTOR, null, NOW));
        }

        @Test
        void is_revoked_from_the_very_instant_it_was_issued() {
            credential.given(issued)
                    .when(new RevokeCredential(id, reason, ISSUED_AT, ACTOR, NOW))
                    .then(new CredentialEvent.Revoked(id, body.id(), pt, reason, ISSUED_AT, ACTOR, null, NOW));
        }

        @Test
        void is_not_revoked_from_a_future_instant() {
            Refusal refusal = credential.given(issued)
                    .when(new RevokeCredential(id, reason, NOW.plusSeconds(1), ACTOR, NOW))
                    .thenRefused("in the future");

            assertEquals("effectiveFrom", assertInstanceOf(InvalidValue.class, refusal).field());
        }

        @Test
        void is_not_revoked_from_before_it_was_issued() {
            Refusal refusal = credential.given(issued)
                    .when(new RevokeCredential(id, reason, ISSUED_AT.minusMillis(1), ACTOR, NOW))
                    .thenRefused("before the credential was issued");

            assertEquals("effectiveFrom", assertInstanceOf(InvalidValue.class, refusal).field());
        }

        @Test
        void is_suspended() {
            credential.given(issued)
                    .when(new SuspendCredential(id, reason, ACTOR, NOW))
                    .then(new CredentialEvent.Suspended(id, body.id(), pt, reason, ACTOR, NOW));
        }

        @Test
        void cannot_be_reinstated_because_it_is_not_suspended() {
            assertIllegalTransition(credential.given(issued)
                    .when(new ReinstateCredential(id, reason, ACTOR, NOW))
                    .thenRefused("is ACTIVE"), CredentialStatus.ACTIVE);
        }

        @Test
        void that_was_reinstated_can_be_suspended_again() {
            CredentialEvent.Reinstated reinstated = new CredentialEvent.Reinstated(id, body.id(), pt,
                    new Reason("Investigation closed"), ACTOR, SUSPENDED_AT.plusSeconds(60));

            credential.given(issued, suspended, reinstated)
                    .when(new SuspendCredential(id, reason, ACTOR, NOW))
                    .then(new CredentialEvent.Suspended(id, body.id(), pt, reason, ACTOR, NOW));
        }
    }

    @Nested
    class ASuspendedCredential {

        @Test
        void is_revoked() {
            credential.given(issued, suspended)
                    .when(new RevokeCredential(id, reason, ACTOR, NOW))
                    .then(new CredentialEvent.Revoked(id, body.id(), pt, reason, NOW, ACTOR, null, NOW));
        }

        @Test
        void is_revoked_retroactively_even_from_before_its_suspension() {
            Instant beforeSuspension = SUSPENDED_AT.minusSeconds(600);

            credential.given(issued, suspended)
                    .when(new RevokeCredential(id, reason, beforeSuspension, ACTOR, NOW))
                    .then(new CredentialEvent.Revoked(id, body.id(), pt, reason, beforeSuspension, ACTOR, null, NOW));
        }

        @Test
        void cannot_be_suspended_again() {
            assertIllegalTransition(credential.given(issued, suspended)
                    .when(new SuspendCredential(id, reason, ACTOR, NOW))
                    .thenRefused("is SUSPENDED"), CredentialStatus.SUSPENDED);
        }

        @Test
        void is_reinstated() {
            credential.given(issued, suspended)
                    .when(new ReinstateCredential(id, reason, ACTOR, NOW))
                    .then(new CredentialEvent.Reinstated(id, body.id(), pt, reason, ACTOR, NOW));
        }
    }

    @Nested
    class ARevokedCredential {

        @Test
        void cannot_be_revoked_again() {
            assertIllegalTransition(credential.given(issued, revoked)
                    .when(new RevokeCredential(id, reason, ACTOR, NOW))
                    .thenRefused("is REVOKED"), CredentialStatus.REVOKED);
        }

        @Test
        void cannot_be_revoked_again_even_with_an_invalid_effective_from_because_the_state_decides_first() {
            assertIllegalTransition(credential.given(issued, revoked)
                    .when(new RevokeCredential(id, reason, NOW.plusSeconds(3_600), ACTOR, NOW))
                    .thenRefused("is REVOKED"), CredentialStatus.REVOKED);
        }

        @Test
        void cannot_be_suspended() {
            assertIllegalTransition(credential.given(issued, revoked)
                    .when(new SuspendCredential(id, reason, ACTOR, NOW))
                    .thenRefused("is REVOKED"), CredentialStatus.REVOKED);
        }

        @Test
        void cannot_be_reinstated() {
            assertIllegalTransition(credential.given(issued, revoked)
                    .when(new ReinstateCredential(id, reason, ACTOR, NOW))
                    .thenRefused("is REVOKED"), CredentialStatus.REVOKED);
        }

        @Test
        void that_was_suspended_first_cannot_be_reinstated() {
            assertIllegalTransition(credential.given(issued, suspended, revoked)
                    .when(new ReinstateCredential(id, reason, ACTOR, NOW))
                    .thenRefused("is REVOKED"), CredentialStatus.REVOKED);
        }

        @Test
        void cannot_be_issued_again() {
            credential.given(issued, revoked)
                    .when(new IssueCredential(id, body, content(), NOW, signedBy(body)))
                    .thenRefused("already issued");
        }
    }

    @Nested
    class Evolving {

        @Test
        void each_state_has_its_own_type_and_status() {
            Credential.Issued active = assertInstanceOf(Credential.Active.class, credential.given(issued).state());
            Credential.Issued suspendedState = assertInstanceOf(Credential.Suspended.class,
                    credential.given(issued, suspended).state());
            Credential.Issued revokedState = assertInstanceOf(Credential.Revoked.class,
                    credential.given(issued, suspended, revoked).state());

            assertEquals(CredentialStatus.ACTIVE, active.status());
            assertEquals(CredentialStatus.SUSPENDED, suspendedState.status());
            assertEquals(CredentialStatus.REVOKED, revokedState.status());
        }

        @Test
        void the_history_records_every_change_with_its_reason_effective_instant_time_and_actor() {
            Instant reinstatedAt = SUSPENDED_AT.plusSeconds(60);
            CredentialEvent.Reinstated reinstated = new CredentialEvent.Reinstated(id, body.id(), pt,
                    new Reason("Investigation closed"), "another-actor", reinstatedAt);
            Instant effectiveFrom = ISSUED_AT.plusSeconds(1);
            CredentialEvent.Revoked revokedLater = new CredentialEvent.Revoked(id, body.id(), pt, reason, effectiveFrom,
                    ACTOR, null, NOW);

            Credential.Revoked state = assertInstanceOf(Credential.Revoked.class,
                    CredentialDecider.replay(List.of(issued, suspended, reinstated, revokedLater)));

            assertEquals(List.of(
                    new Credential.StatusChange(CredentialStatus.SUSPENDED, new Reason("Under investigation"),
                            SUSPENDED_AT, SUSPENDED_AT, ACTOR),
                    new Credential.StatusChange(CredentialStatus.ACTIVE, new Reason("Investigation closed"),
                            reinstatedAt, reinstatedAt, "another-actor"),
                    new Credential.StatusChange(CredentialStatus.REVOKED, reason, effectiveFrom, NOW, ACTOR)),
                    state.history());
            // what was issued does not change
            assertEquals(content(), state.content());
            assertEquals(ISSUED_AT, state.issuedAt());
            assertEquals(signedBy(body), state.signed());
        }

        @Test
        void a_revocation_names_no_successor_for_now() {
            CredentialEvent.Revoked event = (CredentialEvent.Revoked) CredentialDecider.decide(
                    new RevokeCredential(id, reason, ACTOR, NOW), credential.given(issued).state()).get(0);

            assertNull(event.supersededBy());
        }

        @Test
        void a_status_change_on_a_credential_never_issued_is_not_a_valid_history() {
            assertThrows(IllegalStateException.class, () -> CredentialDecider.replay(List.of(suspended)));
        }
    }

    @Nested
    class TheReason {

        @Test
        void is_required_and_may_not_be_blank() {
            assertThrows(IllegalArgumentException.class, () -> new Reason(null));
            assertThrows(IllegalArgumentException.class, () -> new Reason("  \t "));
        }

        @Test
        void may_have_up_to_500_characters_after_trimming() {
            assertEquals(500, new Reason(" " + "x".repeat(500) + " ").text().length());
            assertThrows(IllegalArgumentException.class, () -> new Reason("x".repeat(501)));
        }

        @Test
        void a_command_requires_a_reason_and_an_actor() {
            assertThrows(NullPointerException.class, () -> new SuspendCredential(id, null, ACTOR, NOW));
            assertThrows(IllegalArgumentException.class, () -> new SuspendCredential(id, reason, " ", NOW));
        }
    }

    /**
     * Correcting, one case per state of the corrected credential, and what a correction must be:
     * issued by the same awarding body, under the rules of any issuance, as a credential of its own.
     */
    @Nested
    class Correcting {
        private final CredentialId correctionId = new CredentialId(UUID.randomUUID());
        private final MicroCredential corrected = new MicroCredential(content().learner(), content().title(),
                content().issuerCountries(), content().coAwardingBodies(), content().issuedOn(),
                content().learningOutcomes(), content().workload(), content().level(), content().assessment(),
                content().participation(), content().qualityAssurance(), content().prerequisites(),
                content().supervision(), "19/20", content().stackability(), content().furtherInformation());


        private CorrectCredential correct() {
            return new CorrectCredential(id, correctionId, body, corrected, signedBy(body), ACTOR, NOW);
        }

        /**
         * What a correction by {@code actor} records: the correction naming what it replaces, and the revocation
         * naming its correction, both made by the actor.
         */
        private List<CredentialEvent> recorded(String actor) {
            return List.of(
                    new CredentialEvent.Issued(correctionId, body.id(), pt, corrected, NOW, signedBy(body), id, null, actor),
                    new CredentialEvent.Revoked(id, body.id(), pt, Reason.SUPERSEDED, NOW, actor, correctionId, NOW));
        }

        private List<CredentialEvent> recorded() {
            return recorded(ACTOR);
        }

        @Nested
        class ANotIssuedCredential {

            @Test
            void cannot_be_corrected_it_is_unknown() {
                assertInstanceOf(UnknownCredential.class, credential.given()
                        .when(correct()).thenRefused("no credential " + id));
            }
        }

        @Nested
        class AnActiveCredential {

            @Test
            void is_corrected_the_correction_is_issued_naming_it_and_it_is_revoked_as_superseded_from_now() {
                credential.given(issued)
                        .when(correct())
                        .then(recorded().toArray(CredentialEvent[]::new));
            }

            @Test
            void that_is_itself_a_correction_is_corrected_again() {
                CredentialEvent.Issued aCorrection = new CredentialEvent.Issued(id, body.id(), pt, content(), ISSUED_AT,
                        signedBy(body), new CredentialId(UUID.randomUUID()));

                credential.given(aCorrection)
                        .when(correct())
                        .then(recorded().toArray(CredentialEvent[]::new));
            }

            @Test
            void is_corrected_by_an_operator_who_is_recorded_as_the_actor_of_the_correction_and_the_revocation() {
                List<CredentialEvent> events = credential.given(issued)
                        .when(new CorrectCredential(id, correctionId, body, corrected, signedBy(body), "operator-7", NOW))
                        .then(recorded("operator-7").toArray(CredentialEvent[]::new));

                assertEquals("SUPERSEDED", ((CredentialEvent.Revoked) events.get(1)).reason().text());
            }
        }

        @Nested
        class ASuspendedCredential {

            @Test
            void is_corrected() {
                credential.given(issued, suspended)
                        .when(correct())
                        .then(recorded().toArray(CredentialEvent[]::new));
            }
        }

        @Nested
        class ARevokedCredential {

            @Test
            void cannot_be_corrected() {
                IllegalTransition refusal = assertInstanceOf(IllegalTransition.class, credential.given(issued, revoked)
                        .when(correct()).thenRefused("is REVOKED"));

                assertEquals(CredentialStatus.REVOKED, refusal.currentStatus());
            }

            @Test
            void that_was_corrected_already_cannot_be_corrected_again() {
                CredentialEvent.Revoked superseded = (CredentialEvent.Revoked) recorded().get(1);

                IllegalTransition refusal = assertInstanceOf(IllegalTransition.class, credential.given(issued, superseded)
                        .when(new CorrectCredential(id, new CredentialId(UUID.randomUUID()), body, corrected,
                                signedBy(body), ACTOR, NOW)).thenRefused("is REVOKED"));

                assertEquals(CredentialStatus.REVOKED, refusal.currentStatus());
            }
        }

        @Nested
        class TheCorrection {

            @Test
            void is_issued_by_the_credential_s_own_awarding_body() {
                AwardingBody.Registered another = awardingBody("PT");

                credential.given(issued)
                        .when(new CorrectCredential(id, correctionId, another, corrected, signedBy(another), ACTOR, NOW))
                        .thenRefused("issued by its own awarding body " + body.id());
            }

            @Test
            void is_not_issued_by_an_unregistered_awarding_body() {
                credential.given(issued)
                        .when(new CorrectCredential(id, correctionId, new AwardingBody.Unregistered(), corrected,
                                signedBy(body), ACTOR, NOW))
                        .thenRefused("issued by its own awarding body");
            }

            @Test
            void follows_the_rules_of_any_issuance_signed_with_the_active_key() {
                credential.given(issued)
                        .when(new CorrectCredential(id, correctionId, body, corrected, signedWith("a-retired-key"), ACTOR,
                                NOW))
                        .thenRefused("active key");
            }

            @Test
            void follows_the_rules_of_any_issuance_no_date_of_issuing_in_the_future() {
                credential.given(issued)
                        .when(new CorrectCredential(id, correctionId, body, content(NOW.atOffset(
                                CredentialDecider.LATEST_TIME_ZONE).toLocalDate().plusDays(1)), signedBy(body), ACTOR, NOW))
                        .thenRefused("in the future");
            }

            @Test
            void is_a_credential_of_its_own_not_the_corrected_one_again() {
                credential.given(issued)
                        .when(new CorrectCredential(id, id, body, corrected, signedBy(body), ACTOR, NOW))
                        .thenRefused("a correction is a new credential");
            }
        }

        @Nested
        class Evolving {

            @Test
            void the_correction_is_active_and_names_the_credential_it_supersedes() {
                Credential.Active correction = assertInstanceOf(Credential.Active.class,
                        CredentialDecider.replay(List.of(recorded().get(0))));

                assertEquals(id, correction.supersedes());
                assertNull(correction.supersededBy());
                assertEquals(corrected, correction.content());
                assertEquals(List.of(), correction.history());
            }

            @Test
            void the_corrected_credential_is_revoked_superseded_by_its_correction_and_keeps_what_it_was() {
                Credential.Revoked state = assertInstanceOf(Credential.Revoked.class,
                        CredentialDecider.replay(List.of(issued, suspended, recorded().get(1))));

                assertEquals(correctionId, state.supersededBy());
                assertNull(state.supersedes());
                assertEquals(content(), state.content());
                assertEquals(new Credential.StatusChange(CredentialStatus.REVOKED, Reason.SUPERSEDED, NOW, NOW, ACTOR),
                        state.history().get(1));
            }

            @Test
            void a_correction_keeps_what_it_supersedes_through_every_status_change() {
                CredentialEvent.Issued correction = (CredentialEvent.Issued) recorded().get(0);
                CredentialEvent.Suspended suspendedCorrection = new CredentialEvent.Suspended(correctionId, body.id(), pt,
                        new Reason("Under investigation"), ACTOR, NOW.plusSeconds(60));
                CredentialEvent.Revoked revokedCorrection = new CredentialEvent.Revoked(correctionId, body.id(), pt,
                        new Reason("Issued in error"), NOW.plusSeconds(120), ACTOR, null, NOW.plusSeconds(120));

                Credential.Suspended suspendedState = assertInstanceOf(Credential.Suspended.class,
                        CredentialDecider.replay(List.of(correction, suspendedCorrection)));
                assertEquals(id, suspendedState.supersedes());
                Credential.Revoked revokedState = assertInstanceOf(Credential.Revoked.class,
                        CredentialDecider.replay(List.of(correction, suspendedCorrection, revokedCorrection)));
                assertEquals(id, revokedState.supersedes());
                assertNull(revokedState.supersededBy(), "revoked for another reason: superseded by nothing");
            }
        }
    }
}
