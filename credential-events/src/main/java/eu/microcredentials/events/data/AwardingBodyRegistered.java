package eu.microcredentials.events.data;

import java.time.Instant;

/**
 * An awarding body (university, training provider) was registered with the issuer service; {@code actor} (added
 * later, optional) is who registered it, the API key identity of an operator.
 */
public record AwardingBodyRegistered(
        String awardingBodyId,
        String legalName,
        String country,
        LegalIdentifier legalIdentifier,
        String website,
        QualityAssurance qualityAssurance,
        Instant registeredAt,
        String actor) implements EventData {

    /** As recorded before {@code actor} was added. */
    public AwardingBodyRegistered(String awardingBodyId, String legalName, String country,
                                  LegalIdentifier legalIdentifier, String website, QualityAssurance qualityAssurance,
                                  Instant registeredAt) {
        this(awardingBodyId, legalName, country, legalIdentifier, website, qualityAssurance, registeredAt, null);
    }

    /** A legal identifier with its scheme, e.g. EUID, VAT, ERASMUS. */
    public record LegalIdentifier(String scheme, String value) {
    }

    @Override
    public String streamId() {
        return awardingBodyId;
    }
}
