package eu.microcredentials.registry.auditreport;

import com.fasterxml.jackson.databind.JsonNode;
import eu.microcredentials.registry.lookup.RegistryQueries.Accreditation;
import eu.microcredentials.registry.lookup.RegistryQueries.AccreditationDecision;
import eu.microcredentials.registry.lookup.RegistryQueries.PublishedKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What an auditor files about one awarding body: its profile, accreditation and keys, how many of its
 * credentials stand where, every suspension, reinstatement and revocation with its reason and dates, its
 * credentials one page at a time, and how current the registry's read models were.
 */
public record AwardingBodyAuditReport(ReportGeneration generated, Profile awardingBody, Accreditation accreditation,
                                      List<AccreditationDecision> accreditationHistory, List<PublishedKey> signingKeys,
                                      List<StatusCount> credentialsByStatus, StatusChanges statusChanges,
                                      Credentials credentials, ReadModelFreshness readModel) {

    /** The body as registered; {@code details} is its registration as published. */
    public record Profile(String id, String legalName, String country, String website, Instant registeredAt,
                          JsonNode details) {
    }

    /** How many of its credentials have this status now (ACTIVE, SUSPENDED, REVOKED; zero ones included). */
    public record StatusCount(String status, long count) {
    }

    /**
     * Status changes of its credentials in the order recorded: the first {@code shown} of {@code total}.
     */
    public record StatusChanges(long total, int shown, List<StatusChangeEntry> items) {
    }

    /**
     * One status change: to SUSPENDED (a suspension), ACTIVE (a reinstatement) or REVOKED (a revocation).
     */
    public record StatusChangeEntry(String credentialId, String status, String reason, Instant effectiveFrom,
                                    Instant recordedAt, String actor) {
    }

    /** One page of its credentials, oldest issued first, with the number of all of them. */
    public record Credentials(int page, int size, long total, List<CredentialEntry> items) {
    }

    /** One credential in the list. */
    public record CredentialEntry(String id, String title, String learnerId, LocalDate issuedOn, Instant issuedAt,
                                  String status, String supersedes, String supersededBy) {
    }
}
