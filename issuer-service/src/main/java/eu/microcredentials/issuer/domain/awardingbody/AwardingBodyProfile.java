package eu.microcredentials.issuer.domain.awardingbody;

import eu.microcredentials.issuer.domain.CountryCode;
import eu.microcredentials.issuer.domain.Text;
import eu.microcredentials.issuer.domain.credential.MicroCredential;
import java.net.URI;
import java.util.Objects;

/** Who an awarding body is: legal name, country, legal identifier, website and quality assurance. */
public record AwardingBodyProfile(String legalName, CountryCode country, LegalIdentifier legalIdentifier, URI website,
                                  MicroCredential.QualityAssurance qualityAssurance) {
    public AwardingBodyProfile {
        legalName = Text.required(legalName, 300);
        Objects.requireNonNull(country, "country is required");
    }

    /** A legal identifier and its scheme, e.g. EUID, VAT, ERASMUS. */
    public record LegalIdentifier(String scheme, String value) {
        public LegalIdentifier {
            scheme = Text.required(scheme, 40);
            value = Text.required(value, 100);
        }
    }
}
