package eu.microcredentials.registry.auditreport;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import eu.microcredentials.registry.audit.CredentialHistory;
import eu.microcredentials.registry.domain.StatusChange;
import eu.microcredentials.registry.domain.Verification;
import eu.microcredentials.registry.lookup.RegistryQueries.Accreditation;
import eu.microcredentials.registry.lookup.RegistryQueries.AccreditationDecision;
import eu.microcredentials.registry.lookup.RegistryQueries.PublishedKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What an auditor files about one credential: the credential as registered, where it stands now and whether
 * it verifies, its whole life from the log, its awarding body's accreditation and keys, and how current the
 * registry's read models were when the report was made.
 */
public record CredentialAuditReport(ReportGeneration generated, Registered credential, Standing standing,
                                    List<CredentialHistory.Event> life, AwardingBody awardingBody,
                                    ReadModelFreshness readModel) {

    /**
     * The credential as the registry registered it.
     *
     * @param signingKeyId         the key that signed it; null when issued unsigned
     * @param elements             every element of the credential as issued (the issued event's data)
     * @param verifiableCredential its signed form (compact VC-JWT); null when issued unsigned
     */
    public record Registered(String id, String title, String learnerId, String awardingBodyId, List<String> issuerCountries,
                             LocalDate issuedOn, Instant issuedAt, String signingKeyId, JsonNode elements,
                             String verifiableCredential) {
    }

    /**
     * Where the credential stands now.
     *
     * @param status           ACTIVE, SUSPENDED or REVOKED
     * @param latestChange     the latest status change (reason, effective from, recorded at); null when none
     * @param verification     its signed form verified now, every check with its outcome; null when issued unsigned
     * @param verificationNote why there is no verification; null when there is one
     * @param supersedes       the credential this one corrects; null when none
     * @param supersededBy     the credential that corrects this one; null when none
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Standing(String status, StatusChange latestChange, Verification verification, String verificationNote,
                           String supersedes, String supersededBy) {
    }

    /**
     * Its awarding body: who (name and country null when the registry does not know the body), its accreditation
     * (now and every decision) and every key it published.
     */
    public record AwardingBody(String id, String legalName, String country, Accreditation accreditation,
                               List<AccreditationDecision> accreditationHistory, List<PublishedKey> signingKeys) {
    }
}
