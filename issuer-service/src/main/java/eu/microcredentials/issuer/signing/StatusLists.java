package eu.microcredentials.issuer.signing;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.credential.SignedCredential;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.security.SecureRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where each awarding body's Bitstring status lists are published, and the random choice of a
 * credential's index in them (herd privacy: an index says nothing about when it was issued).
 */
@ApplicationScoped
public class StatusLists {
    private final String baseUrl;
    private final SecureRandom random = new SecureRandom();

    public StatusLists(@ConfigProperty(name = "mc.public-base-url") String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public URI list(AwardingBodyId awardingBody, String purpose) {
        return URI.create(baseUrl + "/api/v1/status-lists/" + awardingBody + "/" + purpose);
    }

    /** The published JSON-LD context of our terms. */
    public URI vocabulary() {
        return URI.create(baseUrl + VocabularyResource.PATH);
    }

    public int randomIndex() {
        return random.nextInt(SignedCredential.STATUS_LIST_SIZE);
    }
}
