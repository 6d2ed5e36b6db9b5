package eu.microcredentials.events.data;

import java.time.Instant;

/** A national registry recorded that an awarding body is accredited by a quality assurance agency. */
public record AccreditationGranted(
        String awardingBodyId,
        String qualityAssuranceAgency,
        String evidence,
        Instant validFrom,
        Instant validUntil,
        String actor,
        Instant decidedAt) implements EventData {

    @Override
    public String streamId() {
        return awardingBodyId;
    }
}
