package eu.microcredentials.issuer.domain.awardingbody;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An awarding body's state, one type per state. */
public sealed interface AwardingBody {

    record Unregistered() implements AwardingBody {
    }

    /**
     * A registered awarding body with every key it has published, the active one last, and the learning pathways
     * on which it agreed to automatic issuance of stacked credentials, by pathway id.
     */
    record Registered(AwardingBodyId id, AwardingBodyProfile profile, Instant registeredAt, List<SigningKey> keys,
                      Map<String, StackingAgreement> stacking)
            implements AwardingBody {
        public Registered {
            keys = List.copyOf(keys);
            stacking = Map.copyOf(stacking);
        }

        /** Agreeing to no pathway yet. */
        public Registered(AwardingBodyId id, AwardingBodyProfile profile, Instant registeredAt, List<SigningKey> keys) {
            this(id, profile, registeredAt, keys, Map.of());
        }

        /** Its agreement to automatic issuance on this pathway, if it gave one and did not withdraw it. */
        public Optional<StackingAgreement> stackingOn(String pathwayId) {
            return Optional.ofNullable(stacking.get(pathwayId));
        }

        /** The key that signs now; none only between registration and its first key. */
        public Optional<SigningKey> activeKey() {
            return keys.stream().filter(key -> key.retiredAt() == null).reduce((first, second) -> second);
        }

        public Optional<SigningKey> key(String keyId) {
            return keys.stream().filter(key -> key.keyId().equals(keyId)).findFirst();
        }
    }
}
