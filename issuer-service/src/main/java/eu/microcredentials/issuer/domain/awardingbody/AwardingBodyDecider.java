package eu.microcredentials.issuer.domain.awardingbody;

import eu.microcredentials.issuer.domain.Refusal;
import java.util.List;

/** Decides what registering an awarding body records, and folds its events into its state. */
public final class AwardingBodyDecider {
    private AwardingBodyDecider() {
    }

    public static List<AwardingBodyEvent> decide(RegisterAwardingBody command, AwardingBody state) {
        if (state instanceof AwardingBody.Registered registered) {
            throw new Refusal("awarding body " + registered.id() + " is already registered");
        }
        return List.of(new AwardingBodyEvent.Registered(command.awardingBodyId(), command.profile(), command.at()));
    }

    public static AwardingBody evolve(AwardingBody state, AwardingBodyEvent event) {
        if (event instanceof AwardingBodyEvent.Registered registered) {
            return new AwardingBody.Registered(registered.awardingBodyId(), registered.profile(), registered.registeredAt());
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
