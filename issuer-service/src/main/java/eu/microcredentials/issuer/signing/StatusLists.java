package eu.microcredentials.issuer.signing;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where each awarding body's Bitstring status lists are published. A body has a revocation and a
 * suspension list for each 131,072 credentials it issued: list 0 at {@code …/{body}/{purpose}}, the
 * next ones at {@code …/{body}/{purpose}/{list}}.
 */
@ApplicationScoped
public class StatusLists {
    private final String baseUrl;

    public StatusLists(@ConfigProperty(name = "mc.public-base-url") String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public URI list(AwardingBodyId awardingBody, String purpose, long list) {
        if (list < 0) {
            throw new IllegalArgumentException("a list's number is 0 or more: " + list);
        }
        return URI.create(baseUrl + "/api/v1/status-lists/" + awardingBody + "/" + purpose + (list == 0 ? "" : "/" + list));
    }

    /** The published JSON-LD context of our terms. */
    public URI vocabulary() {
        return URI.create(baseUrl + VocabularyResource.PATH);
    }
}
