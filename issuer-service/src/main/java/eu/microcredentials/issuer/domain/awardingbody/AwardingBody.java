package eu.microcredentials.issuer.domain.awardingbody;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An awarding body's state, one type per state. */
public sealed interface AwardingBody {

    record Unregistered() implements AwardingBody {
    }

    /** A registered awarding body with every key it has published, the active one last. */
    record Registered(AwardingBodyId id, AwardingBodyProfile profile, Instant registeredAt, List<SigningKey> keys)
            implements AwardingBody {
        public Registered {
            keys = List.copyOf(keys);
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
