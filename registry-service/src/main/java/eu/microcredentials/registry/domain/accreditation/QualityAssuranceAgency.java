package eu.microcredentials.registry.domain.accreditation;

/** The name of a quality assurance agency (e.g. one registered in EQAR), 1 to 300 characters. */
public final class QualityAssuranceAgency {
    private QualityAssuranceAgency() {
    }

    public static String check(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("qualityAssuranceAgency must not be blank");
        }
        if (name.strip().length() > 300) {
            throw new IllegalArgumentException("qualityAssuranceAgency must be at most 300 characters");
        }
        return name.strip();
    }
}
