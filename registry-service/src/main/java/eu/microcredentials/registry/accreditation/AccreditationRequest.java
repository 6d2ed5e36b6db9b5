package eu.microcredentials.registry.accreditation;

/**
 * The body of {@code PUT …/accreditation}, read as text so that every bad field is reported at once.
 *
 * @param status                 ACCREDITED or WITHDRAWN
 * @param qualityAssuranceAgency the agency; required to accredit, defaults to the current one on withdrawal
 * @param evidence               an http(s) URL of the agency's decision, e.g. a DEQAR report
 * @param validFrom              ISO-8601 instant; required to accredit, on withdrawal from when (default: now)
 * @param validUntil             ISO-8601 instant, optional; not on withdrawal
 */
public record AccreditationRequest(String status, String qualityAssuranceAgency, String evidence, String validFrom,
                                   String validUntil) {
}
