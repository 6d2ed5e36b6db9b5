package eu.microcredentials.issuer.domain.awardingbody;

import eu.microcredentials.issuer.domain.CountryCode;
import eu.microcredentials.issuer.domain.Text;
import java.net.URI;
import java.util.Objects;

/** Who an awarding body is: legal name, country, legal identifier, website and quality assurance. */
public record AwardingBodyProfile(String legalName, CountryCode country, LegalIdentifier legalIdentifier, URI website,
                                  String qualityAssurance) {
    public AwardingBodyProfile {
        legalName = Text.required(legalName, 300);
        Objects.requireNonNull(country, "country is required");
        qualityAssurance = Text.optional(qualityAssurance, 2000);
    }

    /** A legal identifier and its scheme, e.g. EUID, VAT, ERASMUS. */
    public record LegalIdentifier(String scheme, String value) {
        public LegalIdentifier {
            scheme = Text.required(scheme, 40);
            value = Text.required(value, 100);
        }
    }
}
