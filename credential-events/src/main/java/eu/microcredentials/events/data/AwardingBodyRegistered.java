package eu.microcredentials.events.data;

import java.time.Instant;

/** An awarding body (university, training provider) was registered with the issuer service. */
public record AwardingBodyRegistered(
        String awardingBodyId,
        String legalName,
        String country,
        LegalIdentifier legalIdentifier,
        String website,
        QualityAssurance qualityAssurance,
        Instant registeredAt) implements EventData {

    /** A legal identifier with its scheme, e.g. EUID, VAT, ERASMUS. */
    public record LegalIdentifier(String scheme, String value) {
    }

    @Override
    public String streamId() {
        return awardingBodyId;
    }
}
