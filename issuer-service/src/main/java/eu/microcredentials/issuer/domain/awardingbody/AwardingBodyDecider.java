package eu.microcredentials.issuer.domain.awardingbody;

import eu.microcredentials.issuer.domain.Refusal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides what registering an awarding body, rotating its key and enabling or disabling automatic issuance on a
 * learning pathway record, and folds its events into its state.
 */
public final class AwardingBodyDecider {
    private AwardingBodyDecider() {
    }

    public static List<AwardingBodyEvent> decide(RegisterAwardingBody command, AwardingBody state) {
        if (state instanceof AwardingBody.Registered registered) {
            throw new Refusal("awarding body " + registered.id() + " is already registered");
        }
        return List.of(new AwardingBodyEvent.Registered(command.awardingBodyId(), command.profile(), command.at(),
                        command.actor()),
                new AwardingBodyEvent.SigningKeyAdded(command.awardingBodyId(), command.firstKey(), command.at(),
                        command.actor()));
    }

    public static List<AwardingBodyEvent> decide(RotateSigningKey command, AwardingBody state) {
        if (!(state instanceof AwardingBody.Registered registered)) {
            throw new Refusal("the awarding body is not registered");
        }
        if (registered.key(command.newKey().keyId()).isPresent()) {
            throw new Refusal("key " + command.newKey().keyId() + " is already published");
        }
        List<AwardingBodyEvent> events = new ArrayList<>();
        events.add(new AwardingBodyEvent.SigningKeyAdded(registered.id(), command.newKey(), command.at(), command.actor()));
        registered.activeKey().ifPresent(old -> events.add(new AwardingBodyEvent.SigningKeyRetired(registered.id(),
                old.keyId(), command.at(), command.actor())));
        return events;
    }

    /** Enabling with the terms already in force records nothing; other terms replace them. */
    public static List<AwardingBodyEvent> decide(EnableStacking command, AwardingBody state) {
        if (!(state instanceof AwardingBody.Registered registered)) {
            throw new Refusal("the awarding body is not registered");
        }
        if (registered.stackingOn(command.pathwayId()).map(StackingAgreement::terms)
                .filter(command.terms()::equals).isPresent()) {
            return List.of();
        }
        return List.of(new AwardingBodyEvent.StackingEnabled(registered.id(), command.pathwayId(), command.terms(),
                command.actor(), command.at()));
    }

    /** Disabling a pathway that is not enabled records nothing. */
    public static List<AwardingBodyEvent> decide(DisableStacking command, AwardingBody state) {
        if (!(state instanceof AwardingBody.Registered registered)) {
            throw new Refusal("the awarding body is not registered");
        }
        if (registered.stackingOn(command.pathwayId()).isEmpty()) {
            return List.of();
        }
        return List.of(new AwardingBodyEvent.StackingDisabled(registered.id(), command.pathwayId(), command.actor(),
                command.at()));
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
            return new AwardingBody.Registered(registered.id(), registered.profile(), registered.registeredAt(), keys,
                    registered.stacking());
        }
        if (event instanceof AwardingBodyEvent.SigningKeyRetired retired) {
            List<SigningKey> keys = registered.keys().stream()
                    .map(key -> key.keyId().equals(retired.keyId()) ? key.retire(retired.retiredAt()) : key).toList();
            return new AwardingBody.Registered(registered.id(), registered.profile(), registered.registeredAt(), keys,
                    registered.stacking());
        }
        if (event instanceof AwardingBodyEvent.StackingEnabled enabled) {
            Map<String, StackingAgreement> stacking = new HashMap<>(registered.stacking());
            stacking.put(enabled.pathwayId(), new StackingAgreement(enabled.pathwayId(), enabled.terms(),
                    enabled.actor(), enabled.enabledAt()));
            return new AwardingBody.Registered(registered.id(), registered.profile(), registered.registeredAt(),
                    registered.keys(), stacking);
        }
        if (event instanceof AwardingBodyEvent.StackingDisabled disabled) {
            Map<String, StackingAgreement> stacking = new HashMap<>(registered.stacking());
            stacking.remove(disabled.pathwayId());
            return new AwardingBody.Registered(registered.id(), registered.profile(), registered.registeredAt(),
                    registered.keys(), stacking);
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
