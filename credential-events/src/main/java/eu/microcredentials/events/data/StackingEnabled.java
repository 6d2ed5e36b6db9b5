package eu.microcredentials.events.data;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An awarding body, with its own API key, agreed that the issuer issue in its name, automatically, the credential
 * stacked on each completion of one learning pathway, on the terms it pins: a completion whose target differs from
 * them is refused. Enabling a pathway again replaces its terms.
 */
public record StackingEnabled(String awardingBodyId, String pathwayId, Terms terms, String actor, Instant enabledAt)
        implements EventData {

    /** What the awarding body agrees to sign for the pathway: the stacked credential's title, EQF level and ECTS. */
    public record Terms(String title, Integer eqfLevel, BigDecimal ects) {
    }

    @Override
    public String streamId() {
        return awardingBodyId;
    }
}
