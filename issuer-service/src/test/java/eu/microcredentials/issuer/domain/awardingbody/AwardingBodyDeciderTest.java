package eu.microcredentials.issuer.domain.awardingbody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CountryCode;
import eu.microcredentials.issuer.domain.DeciderSpecification;
import eu.microcredentials.issuer.domain.credential.MicroCredential;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Registering an awarding body, rotating its signing key and enabling or disabling automatic issuance on a learning
 * pathway, one case per (state, command) pair.
 */
class AwardingBodyDeciderTest {
    private static final Instant REGISTERED_AT = Instant.parse("2026-03-14T09:00:00Z");
    private static final Instant FIRST_ROTATION = REGISTERED_AT.plusSeconds(86_400);
    private static final Instant NOW = FIRST_ROTATION.plusSeconds(86_400);

    private final DeciderSpecification<RegisterAwardingBody, AwardingBody, AwardingBodyEvent> registering =
            new DeciderSpecification<>(AwardingBodyDecider::decide, AwardingBodyDecider::evolve,
                    AwardingBody.Unregistered::new);
    private final DeciderSpecification<RotateSigningKey, AwardingBody, AwardingBodyEvent> rotating =
            new DeciderSpecification<>(AwardingBodyDecider::decide, AwardingBodyDecider::evolve,
                    AwardingBody.Unregistered::new);

    private final AwardingBodyId id = new AwardingBodyId(UUID.randomUUID());
    private final AwardingBodyProfile profile = new AwardingBodyProfile("Universidade de Lisboa", new CountryCode("PT"),
            new AwardingBodyProfile.LegalIdentifier("ERASMUS", "P LISBOA109"), URI.create("https://www.ulisboa.pt"),
            new MicroCredential.QualityAssurance(MicroCredential.QualityAssuranceType.EXTERNAL,
                    "Institutional accreditation by A3ES"));
    private final SigningKey.PublicKey firstKey = publicKey("key-1");
    private final SigningKey.PublicKey secondKey = publicKey("key-2");
    private final SigningKey.PublicKey thirdKey = publicKey("key-3");

    private static SigningKey.PublicKey publicKey(String keyId) {
        return new SigningKey.PublicKey(keyId, "ES256", Map.of("kty", "EC", "crv", "P-256", "kid", keyId,
                "x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"));
    }

    private AwardingBodyEvent.Registered registered() {
        return new AwardingBodyEvent.Registered(id, profile, REGISTERED_AT);
    }

    private AwardingBodyEvent.SigningKeyAdded added(SigningKey.PublicKey key, Instant at) {
        return new AwardingBodyEvent.SigningKeyAdded(id, key, at);
    }

    private AwardingBodyEvent.SigningKeyRetired retired(SigningKey.PublicKey key, Instant at) {
        return new AwardingBodyEvent.SigningKeyRetired(id, key.keyId(), at);
    }

    @Nested
    class RegisteringANewAwardingBody {

        @Test
        void records_it_registered_with_its_profile_and_its_first_signing_key_at_the_time_of_the_command() {
            registering.given()
                    .when(new RegisterAwardingBody(id, profile, firstKey, NOW))
                    .then(new AwardingBodyEvent.Registered(id, profile, NOW),
                            new AwardingBodyEvent.SigningKeyAdded(id, firstKey, NOW));
        }
    }

    @Nested
    class NamingWhoActed {

        @Test
        void a_registration_names_the_operator_in_both_its_events() {
            registering.given()
                    .when(new RegisterAwardingBody(id, profile, firstKey, NOW, "operator"))
                    .then(new AwardingBodyEvent.Registered(id, profile, NOW, "operator"),
                            new AwardingBodyEvent.SigningKeyAdded(id, firstKey, NOW, "operator"));
        }

        @Test
        void a_rotation_names_who_rotated_in_the_added_and_the_retired_key() {
            rotating.given(registered(), added(firstKey, REGISTERED_AT))
                    .when(new RotateSigningKey(id, secondKey, NOW, id.toString()))
                    .then(new AwardingBodyEvent.SigningKeyAdded(id, secondKey, NOW, id.toString()),
                            new AwardingBodyEvent.SigningKeyRetired(id, firstKey.keyId(), NOW, id.toString()));
        }
    }

    @Nested
    class RegisteringARegisteredAwardingBody {

        @Test
        void refuses_to_register_it_again() {
            registering.given(registered(), added(firstKey, REGISTERED_AT))
                    .when(new RegisterAwardingBody(id, profile, secondKey, NOW))
                    .thenRefused("already registered");
        }
    }

    @Nested
    class RotatingTheSigningKey {

        @Test
        void adds_the_new_key_and_retires_the_active_one_at_the_same_instant() {
            rotating.given(registered(), added(firstKey, REGISTERED_AT))
                    .when(new RotateSigningKey(id, secondKey, NOW))
                    .then(added(secondKey, NOW), retired(firstKey, NOW));
        }

        @Test
        void retires_only_the_active_key_when_older_ones_are_retired_already() {
            rotating.given(registered(), added(firstKey, REGISTERED_AT),
                            added(secondKey, FIRST_ROTATION), retired(firstKey, FIRST_ROTATION))
                    .when(new RotateSigningKey(id, thirdKey, NOW))
                    .then(added(thirdKey, NOW), retired(secondKey, NOW));
        }

        @Test
        void only_adds_the_key_of_an_awarding_body_that_has_none_yet() {
            rotating.given(registered())
                    .when(new RotateSigningKey(id, firstKey, NOW))
                    .then(added(firstKey, NOW));
        }

        @Test
        void refuses_for_an_unregistered_awarding_body() {
            rotating.given()
                    .when(new RotateSigningKey(id, secondKey, NOW))
                    .thenRefused("not registered");
        }

        @Test
        void refuses_a_key_id_that_is_the_active_key() {
            rotating.given(registered(), added(firstKey, REGISTERED_AT))
                    .when(new RotateSigningKey(id, publicKey(firstKey.keyId()), NOW))
                    .thenRefused("already published");
        }

        @Test
        void refuses_a_key_id_that_was_published_and_retired_before() {
            rotating.given(registered(), added(firstKey, REGISTERED_AT),
                            added(secondKey, FIRST_ROTATION), retired(firstKey, FIRST_ROTATION))
                    .when(new RotateSigningKey(id, publicKey(firstKey.keyId()), NOW))
                    .thenRefused("already published");
        }
    }

    @Nested
    class EnablingAndDisablingStacking {
        private static final String PATHWAY = "8c7d6e5f-4a3b-4c2d-9e1f-0a1b2c3d4e5f";
        private final StackingTerms terms = new StackingTerms("Data Science (stacked)", 6, new BigDecimal("6"));
        private final StackingTerms otherTerms = new StackingTerms("Data Science (stacked)", 6, new BigDecimal("12"));
        private final String actor = id.toString();

        private final DeciderSpecification<EnableStacking, AwardingBody, AwardingBodyEvent> enabling =
                new DeciderSpecification<>(AwardingBodyDecider::decide, AwardingBodyDecider::evolve,
                        AwardingBody.Unregistered::new);
        private final DeciderSpecification<DisableStacking, AwardingBody, AwardingBodyEvent> disabling =
                new DeciderSpecification<>(AwardingBodyDecider::decide, AwardingBodyDecider::evolve,
                        AwardingBody.Unregistered::new);

        private AwardingBodyEvent.StackingEnabled enabled(StackingTerms pinned, Instant at) {
            return new AwardingBodyEvent.StackingEnabled(id, PATHWAY, pinned, actor, at);
        }

        @Test
        void enabling_a_pathway_records_its_terms_and_who_enabled_it() {
            enabling.given(registered(), added(firstKey, REGISTERED_AT))
                    .when(new EnableStacking(id, PATHWAY, terms, actor, NOW))
                    .then(enabled(terms, NOW));
        }

        @Test
        void enabling_it_again_with_the_same_terms_records_nothing() {
            enabling.given(registered(), enabled(terms, FIRST_ROTATION))
                    .when(new EnableStacking(id, PATHWAY, terms, actor, NOW))
                    .then();
        }

        @Test
        void enabling_it_again_with_other_terms_replaces_them() {
            AwardingBodyEvent.StackingEnabled repinned = enabled(otherTerms, NOW);
            enabling.given(registered(), enabled(terms, FIRST_ROTATION))
                    .when(new EnableStacking(id, PATHWAY, otherTerms, actor, NOW))
                    .then(repinned);

            AwardingBody.Registered body = (AwardingBody.Registered) enabling.given(registered(),
                    enabled(terms, FIRST_ROTATION), repinned).state();
            assertEquals(new StackingAgreement(PATHWAY, otherTerms, actor, NOW), body.stackingOn(PATHWAY).orElseThrow());
        }

        @Test
        void disabling_an_enabled_pathway_records_it_and_the_pathway_is_no_longer_enabled() {
            AwardingBodyEvent.StackingDisabled disabled = new AwardingBodyEvent.StackingDisabled(id, PATHWAY, actor, NOW);
            disabling.given(registered(), enabled(terms, FIRST_ROTATION))
                    .when(new DisableStacking(id, PATHWAY, actor, NOW))
                    .then(disabled);

            AwardingBody.Registered body = (AwardingBody.Registered) disabling.given(registered(),
                    enabled(terms, FIRST_ROTATION), disabled).state();
            assertEquals(Optional.empty(), body.stackingOn(PATHWAY));
        }

        @Test
        void disabling_a_pathway_that_is_not_enabled_records_nothing() {
            disabling.given(registered())
                    .when(new DisableStacking(id, PATHWAY, actor, NOW))
                    .then();
        }

        @Test
        void refuses_both_for_an_unregistered_awarding_body() {
            enabling.given().when(new EnableStacking(id, PATHWAY, terms, actor, NOW)).thenRefused("not registered");
            disabling.given().when(new DisableStacking(id, PATHWAY, actor, NOW)).thenRefused("not registered");
        }

        @Test
        void a_key_rotation_keeps_the_pathways_enabled() {
            AwardingBody.Registered body = (AwardingBody.Registered) rotating.given(registered(),
                    added(firstKey, REGISTERED_AT), enabled(terms, REGISTERED_AT), added(secondKey, NOW),
                    retired(firstKey, NOW)).state();
            assertEquals(terms, body.stackingOn(PATHWAY).orElseThrow().terms());
        }

        @Test
        void a_pathway_id_or_terms_that_cannot_be_are_refused_by_their_constructors() {
            assertThrows(IllegalArgumentException.class, () -> new EnableStacking(id, "a/b", terms, actor, NOW));
            assertThrows(IllegalArgumentException.class, () -> new StackingTerms(" ", 6, BigDecimal.ONE));
            assertThrows(IllegalArgumentException.class, () -> new StackingTerms("T", 9, BigDecimal.ONE));
            assertThrows(IllegalArgumentException.class, () -> new StackingTerms("T", 6, BigDecimal.ZERO));
        }
    }

    @Nested
    class Evolving {

        @Test
        void registration_and_its_first_key_make_the_awarding_body_registered_with_that_key_active() {
            AwardingBody state = registering.given(registered(), added(firstKey, REGISTERED_AT)).state();

            AwardingBody.Registered body = assertInstanceOf(AwardingBody.Registered.class, state);
            assertEquals(new AwardingBody.Registered(id, profile, REGISTERED_AT, List.of(new SigningKey(firstKey.keyId(),
                    "ES256", firstKey.publicJwk(), REGISTERED_AT, null))), body);
            assertEquals(firstKey.keyId(), body.activeKey().orElseThrow().keyId());
        }

        @Test
        void a_rotation_keeps_the_retired_key_published_with_its_retirement_and_the_new_key_active() {
            AwardingBody.Registered body = (AwardingBody.Registered) rotating.given(registered(),
                    added(firstKey, REGISTERED_AT), added(secondKey, FIRST_ROTATION), retired(firstKey, FIRST_ROTATION))
                    .state();

            assertEquals(List.of(firstKey.keyId(), secondKey.keyId()),
                    body.keys().stream().map(SigningKey::keyId).toList());
            SigningKey old = body.key(firstKey.keyId()).orElseThrow();
            assertEquals(REGISTERED_AT, old.activeFrom());
            assertEquals(FIRST_ROTATION, old.retiredAt());
            SigningKey active = body.activeKey().orElseThrow();
            assertEquals(secondKey.keyId(), active.keyId());
            assertEquals(FIRST_ROTATION, active.activeFrom());
            assertNull(active.retiredAt());
        }

        @Test
        void a_registered_awarding_body_without_keys_has_no_active_key() {
            AwardingBody.Registered body = (AwardingBody.Registered) registering.given(registered()).state();

            assertEquals(List.of(), body.keys());
            assertEquals(Optional.empty(), body.activeKey());
        }

        @Test
        void replaying_no_events_leaves_it_unregistered() {
            assertInstanceOf(AwardingBody.Unregistered.class, AwardingBodyDecider.replay(List.of()));
        }

        @Test
        void replaying_the_decided_events_gives_the_registered_state_and_then_the_rotated_one() {
            List<AwardingBodyEvent> registration = AwardingBodyDecider.decide(
                    new RegisterAwardingBody(id, profile, firstKey, REGISTERED_AT), new AwardingBody.Unregistered());
            AwardingBody afterRegistration = AwardingBodyDecider.replay(registration);

            assertEquals(new AwardingBody.Registered(id, profile, REGISTERED_AT, List.of(new SigningKey(firstKey.keyId(),
                    "ES256", firstKey.publicJwk(), REGISTERED_AT, null))), afterRegistration);

            List<AwardingBodyEvent> rotation = AwardingBodyDecider.decide(new RotateSigningKey(id, secondKey, NOW),
                    afterRegistration);
            List<AwardingBodyEvent> history = new ArrayList<>(registration);
            history.addAll(rotation);

            assertEquals(new AwardingBody.Registered(id, profile, REGISTERED_AT, List.of(
                    new SigningKey(firstKey.keyId(), "ES256", firstKey.publicJwk(), REGISTERED_AT, NOW),
                    new SigningKey(secondKey.keyId(), "ES256", secondKey.publicJwk(), NOW, null))),
                    AwardingBodyDecider.replay(history));
        }
    }
}
