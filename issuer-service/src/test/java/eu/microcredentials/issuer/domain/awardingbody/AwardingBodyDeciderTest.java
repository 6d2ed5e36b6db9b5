package eu.microcredentials.issuer.domain.awardingbody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CountryCode;
import eu.microcredentials.issuer.domain.DeciderSpecification;
import eu.microcredentials.issuer.domain.credential.MicroCredential;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Registering an awarding body, one case per (state, command) pair. */
class AwardingBodyDeciderTest {
    private static final Instant NOW = Instant.parse("2026-03-14T09:00:00Z");

    private final DeciderSpecification<RegisterAwardingBody, AwardingBody, AwardingBodyEvent> awardingBody =
            new DeciderSpecification<>(AwardingBodyDecider::decide, AwardingBodyDecider::evolve,
                    AwardingBody.Unregistered::new);

    private final AwardingBodyId id = new AwardingBodyId(UUID.randomUUID());
    private final AwardingBodyProfile profile = new AwardingBodyProfile("Universidade de Lisboa", new CountryCode("PT"),
            new AwardingBodyProfile.LegalIdentifier("ERASMUS", "P LISBOA109"), URI.create("https://www.ulisboa.pt"),
            new MicroCredential.QualityAssurance(MicroCredential.QualityAssuranceType.EXTERNAL,
                    "Institutional accreditation by A3ES"));

    @Nested
    class RegisteringANewAwardingBody {

        @Test
        void records_it_registered_with_its_profile_at_the_time_of_the_command() {
            awardingBody.given()
                    .when(new RegisterAwardingBody(id, profile, NOW))
                    .then(new AwardingBodyEvent.Registered(id, profile, NOW));
        }
    }

    @Nested
    class RegisteringARegisteredAwardingBody {

        @Test
        void refuses_to_register_it_again() {
            awardingBody.given(new AwardingBodyEvent.Registered(id, profile, NOW.minusSeconds(3600)))
                    .when(new RegisterAwardingBody(id, profile, NOW))
                    .thenRefused("already registered");
        }
    }

    @Nested
    class Evolving {

        @Test
        void a_registered_event_makes_the_awarding_body_registered() {
            AwardingBody state = awardingBody.given(new AwardingBodyEvent.Registered(id, profile, NOW)).state();

            assertEquals(new AwardingBody.Registered(id, profile, NOW), state);
        }

        @Test
        void replaying_no_events_leaves_it_unregistered() {
            assertInstanceOf(AwardingBody.Unregistered.class, AwardingBodyDecider.replay(List.of()));
        }

        @Test
        void replaying_the_decided_events_gives_the_registered_state() {
            List<AwardingBodyEvent> events = AwardingBodyDecider.decide(new RegisterAwardingBody(id, profile, NOW),
                    new AwardingBody.Unregistered());

            assertEquals(new AwardingBody.Registered(id, profile, NOW), AwardingBodyDecider.replay(events));
        }
    }
}
