package eu.microcredentials.issuer.domain;

import java.util.Locale;
import java.util.Set;

/** An ISO 3166-1 alpha-2 country code, upper case. */
public record CountryCode(String value) {
    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    public CountryCode {
        if (value == null || !value.matches("[A-Z]{2}") || !ISO_COUNTRIES.contains(value)) {
            throw new IllegalArgumentException("must be an ISO 3166-1 alpha-2 code in upper case, e.g. PT; was " + value);
        }
    }
}
