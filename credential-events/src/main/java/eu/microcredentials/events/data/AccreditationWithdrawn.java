package eu.microcredentials.events.data;

import java.time.Instant;

/** A national registry recorded that an awarding body's accreditation was withdrawn. */
public record AccreditationWithdrawn(
        String awardingBodyId,
        String qualityAssuranceAgency,
        String evidence,
        String reason,
        Instant effectiveFrom,
        String actor,
        Instant decidedAt) implements EventData {

    @Override
    public String streamId() {
        return awardingBodyId;
    }
}
