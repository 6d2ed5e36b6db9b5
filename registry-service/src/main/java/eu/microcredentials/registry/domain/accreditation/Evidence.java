package eu.microcredentials.registry.domain.accreditation;

import java.net.URI;
import java.net.URISyntaxException;

/** Where the agency's decision can be read, e.g. a DEQAR report: an absolute http(s) URL. */
public final class Evidence {
    private Evidence() {
    }

    public static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("evidence must be an https URL of the agency's decision");
        }
        try {
            URI uri = new URI(url.strip());
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
                throw new IllegalArgumentException("evidence must be an absolute http(s) URL; was " + url);
            }
            if (url.length() > 2000) {
                throw new IllegalArgumentException("evidence must be at most 2000 characters");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("evidence is not a URL: " + e.getMessage());
        }
    }
}
