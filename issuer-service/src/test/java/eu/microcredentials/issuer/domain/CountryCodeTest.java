package eu.microcredentials.issuer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CountryCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"PT", "NL", "DE", "FR", "IS", "NO", "CH"})
    void accepts_iso_3166_alpha_2_codes_in_upper_case(String code) {
        assertEquals(code, new CountryCode(code).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pt", "Pt", "XX", "ZZ", "PRT", "P", "", " PT", "P1", "EU"})
    @NullSource
    void refuses_anything_else(String code) {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class, () -> new CountryCode(code));
        assertTrue(refusal.getMessage().contains("ISO 3166-1 alpha-2"), refusal.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT", "NL"})
    void is_a_value_equal_codes_are_equal(String code) {
        assertEquals(new CountryCode(code), new CountryCode(code));
    }
}
