package eu.microcredentials.registry.domain;

/**
 * A search of the registry: any combination of learner, awarding body and issuer country, one page
 * at a time. Builds only valid searches.
 */
public record CredentialSearch(String learner, String awardingBody, String country, int page, int size) {
    public static final int MAX_PAGE_SIZE = 500;

    public CredentialSearch {
        if (page < 0) {
            throw new IllegalArgumentException("page starts at 0; was " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("size must be 1 to " + MAX_PAGE_SIZE + "; was " + size);
        }
        if (country != null) {
            checkCountry(country);
        }
        learner = blankToNull(learner);
        awardingBody = blankToNull(awardingBody);
    }

    /** An ISO 3166-1 alpha-2 code, upper case. */
    public static String checkCountry(String country) {
        if (country == null || !country.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("country must be an ISO 3166-1 alpha-2 code in upper case; was " + country);
        }
        return country;
    }

    public int offset() {
        return page * size;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
