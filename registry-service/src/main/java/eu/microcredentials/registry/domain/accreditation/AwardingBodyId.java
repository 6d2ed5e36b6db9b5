package eu.microcredentials.registry.domain.accreditation;

/** The id under which the issuers registered an awarding body; the accreditation's stream id. */
public record AwardingBodyId(String value) {
    public AwardingBodyId {
        if (value == null || value.isBlank() || value.length() > 200) {
            throw new IllegalArgumentException("awarding body id must be 1 to 200 characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
