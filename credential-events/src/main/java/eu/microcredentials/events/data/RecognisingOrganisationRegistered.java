package eu.microcredentials.events.data;

import java.time.Instant;

/**
 * An operator registered an organisation with recognition-service: a recognising organisation (a university, an
 * employer, a professional body), which defines recognition policies and decides the requests they refer to a
 * reviewer, or an awarding body, which defines the learning pathways of its {@code awardingBodyId}. Its API key is
 * never part of the event.
 *
 * @param kind UNIVERSITY, EMPLOYER, PROFESSIONAL_BODY or AWARDING_BODY
 */
public record RecognisingOrganisationRegistered(String organisationId, String name, String kind,
                                                String awardingBodyId, Instant registeredAt) implements EventData {

    @Override
    public String streamId() {
        return organisationId;
    }
}
