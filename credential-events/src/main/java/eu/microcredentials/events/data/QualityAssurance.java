package eu.microcredentials.events.data;

/** The type of quality assurance underpinning a credential or an awarding body, e.g. INTERNAL, EXTERNAL. */
public record QualityAssurance(String type, String description) {
}
