package eu.microcredentials.events.data;

import java.time.Instant;

/** An awarding body withdrew its agreement to automatic issuance on a learning pathway: later completions are refused. */
public record StackingDisabled(String awardingBodyId, String pathwayId, String actor, Instant disabledAt)
        implements EventData {

    @Override
    public String streamId() {
        return awardingBodyId;
    }
}
