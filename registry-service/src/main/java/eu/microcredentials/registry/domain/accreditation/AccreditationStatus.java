package eu.microcredentials.registry.domain.accreditation;

/** What a national registry records about an awarding body's quality assurance. */
public enum AccreditationStatus {
    ACCREDITED, WITHDRAWN
}
