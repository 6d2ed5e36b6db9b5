package eu.microcredentials.issuer.domain.awardingbody;

import eu.microcredentials.issuer.domain.Refusal;
import java.util.ArrayList;
import java.util.List;

/** Decides what registering an awarding body and rotating its key record, and folds its events into its state. */
public final class AwardingBodyDecider {
    private AwardingBodyDecider() {
    }

    public static List<AwardingBodyEvent> decide(RegisterAwardingBody command, AwardingBody state) {
        if (state instanceof AwardingBody.Registered registered) {
            throw new Refusal("awarding body " + registered.id() + " is already registered");
        }
        return List.of(new AwardingBodyEvent.Registered(command.awardingBodyId(), command.profile(), command.at()),
                new AwardingBodyEvent.SigningKeyAdded(command.awardingBodyId(), command.firstKey(), command.at()));
    }

    public static List<AwardingBodyEvent> decide(RotateSigningKey command, AwardingBody state) {
        if (!(state instanceof AwardingBody.Registered registered)) {
            throw new Refusal("the awarding body is not registered");
        }
        if (registered.key(command.newKey().keyId()).isPresent()) {
            throw new Refusal("key " + command.newKey().keyId() + " is already published");
        }
        List<AwardingBodyEvent> events = new ArrayList<>();
        events.add(new AwardingBodyEvent.SigningKeyAdded(registered.id(), command.newKey(), command.at()));
        registered.activeKey().ifPresent(old ->
                events.add(new AwardingBodyEvent.SigningKeyRetired(registered.id(), old.keyId(), command.at())));
        return events;
    }

    public static AwardingBody evolve(AwardingBody state, AwardingBodyEvent event) {
        if (event instanceof AwardingBodyEvent.Registered registered) {
            return new AwardingBody.Registered(registered.awardingBodyId(), registered.profile(),
                    registered.registeredAt(), List.of());
        }
        AwardingBody.Registered registered = (AwardingBody.Registered) state;
        if (event instanceof AwardingBodyEvent.SigningKeyAdded added) {
            List<SigningKey> keys = new ArrayList<>(registered.keys());
            keys.add(new SigningKey(added.key().keyId(), added.key().algorithm(), added.key().publicJwk(),
                    added.activeFrom(), null));
            return new AwardingBody.Registered(registered.id(), registered.profile(), registered.registeredAt(), keys);
        }
        if (event instanceof AwardingBodyEvent.SigningKeyRetired retired) {
            List<SigningKey> keys = registered.keys().stream()
                    .map(key -> key.keyId().equals(retired.keyId()) ? key.retire(retired.retiredAt()) : key).toList();
            return new AwardingBody.Registered(registered.id(), registered.profile(), registered.registeredAt(), keys);
        }
        throw new IllegalStateException("unknown awarding body event " + event);
    }

    public static AwardingBody replay(List<AwardingBodyEvent> events) {
        AwardingBody state = new AwardingBody.Unregistered();
        for (AwardingBodyEvent event : events) {
            state = evolve(state, event);
        }
        return state;
    }
}
