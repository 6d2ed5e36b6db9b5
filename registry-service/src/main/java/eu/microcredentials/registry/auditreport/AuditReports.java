package eu.microcredentials.registry.auditreport;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.registry.audit.CredentialHistory;
import eu.microcredentials.registry.audit.HistoryQueries;
import eu.microcredentials.registry.auditreport.AwardingBodyAuditReport.CredentialEntry;
import eu.microcredentials.registry.auditreport.AwardingBodyAuditReport.Credentials;
import eu.microcredentials.registry.auditreport.AwardingBodyAuditReport.Profile;
import eu.microcredentials.registry.domain.CredentialSearch;
import eu.microcredentials.registry.domain.StatusChange;
import eu.microcredentials.registry.domain.Verification;
import eu.microcredentials.registry.lookup.RegistryQueries;
import eu.microcredentials.registry.lookup.RegistryQueries.RegisteredAwardingBody;
import eu.microcredentials.registry.lookup.RegistryQueries.RegisteredCredential;
import eu.microcredentials.registry.verification.CredentialVerifier;
import eu.microcredentials.registry.verification.VerificationQueries;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Makes the audit reports from what the registry's read models hold now: looks up the credential or the
 * awarding body (404 when unknown), and gathers its history, standing, verification, accreditation, keys and
 * the projections' positions.
 */
@ApplicationScoped
public class AuditReports {
    /** At most this many status changes in an awarding body's report; it states how many there are in all. */
    public static final int STATUS_CHANGES_SHOWN = 1000;
    static final String UNSIGNED = "issued unsigned: the registry holds no signed form of it to verify";

    private final RegistryQueries registry;
    private final HistoryQueries history;
    private final VerificationQueries verification;
    private final CredentialVerifier verifier;
    private final AuditReportQueries queries;
    private final ReadModelPositions positions;
    private final RegistryInstance instance;
    private final Clock clock;

    public AuditReports(RegistryQueries registry, HistoryQueries history, VerificationQueries verification,
                        CredentialVerifier verifier, AuditReportQueries queries, ReadModelPositions positions,
                        RegistryInstance instance, Clock clock) {
        this.registry = registry;
        this.history = history;
        this.verification = verification;
        this.verifier = verifier;
        this.queries = queries;
        this.positions = positions;
        this.instance = instance;
        this.clock = clock;
    }

    public Uni<CredentialAuditReport> credential(String id) {
        ReportGeneration generated = instance.generation(clock.instant());
        return registry.credential(id)
                .map(found -> found.orElseThrow(() -> Problem.notFound("credential", id).exception()))
                .flatMap(credential -> Uni.combine().all().unis(
                                history.credential(id),
                                verification.latestStatusChange(id),
                                verified(credential),
                                registry.awardingBodyForOperators(credential.awardingBodyId()),
                                positions.now())
                        .with((life, latest, verified, body, readModel) -> new CredentialAuditReport(generated,
                                registered(credential), standing(credential, latest, verified),
                                life.map(CredentialHistory::events).orElse(List.of()),
                                awardingBody(credential.awardingBodyId(), body), readModel)));
    }

    /** The body's report with one page of its credentials; the page and size are checked as a search's. */
    public Uni<AwardingBodyAuditReport> awardingBody(String id, CredentialSearch page) {
        ReportGeneration generated = instance.generation(clock.instant());
        return registry.awardingBodyForOperators(id)
                .map(found -> found.orElseThrow(() -> Problem.notFound("awarding body", id).exception()))
                .flatMap(body -> Uni.combine().all().unis(
                                queries.credentialsByStatus(id),
                                queries.statusChanges(id, STATUS_CHANGES_SHOWN),
                                registry.search(page),
                                positions.now())
                        .with((counts, changes, credentials, readModel) -> new AwardingBodyAuditReport(generated,
                                new Profile(body.id(), body.legalName(), body.country(), body.website(),
                                        body.registeredAt(), body.details()),
                                body.accreditation(), body.accreditationHistory(), body.keys(), counts, changes,
                                new Credentials(credentials.page(), credentials.size(), credentials.total(),
                                        credentials.items().stream().map(AuditReports::entry).toList()),
                                readModel)));
    }

    /** Its signed form verified now, with the status detail an operator may see; empty when issued unsigned. */
    private Uni<Optional<Verification>> verified(RegisteredCredential credential) {
        if (credential.verifiableCredential() == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return verifier.verify(credential.verifiableCredential(), true).map(Optional::of);
    }

    private static CredentialAuditReport.Registered registered(RegisteredCredential credential) {
        String keyId = credential.credential().path("signingKeyId").isTextual()
                ? credential.credential().path("signingKeyId").asText() : null;
        return new CredentialAuditReport.Registered(credential.id(), credential.title(), credential.learnerId(),
                credential.awardingBodyId(), credential.issuerCountries(), credential.issuedOn(), credential.issuedAt(),
                keyId, credential.credential(), credential.verifiableCredential());
    }

    private static CredentialAuditReport.Standing standing(RegisteredCredential credential, Optional<StatusChange> latest,
                                                           Optional<Verification> verified) {
        return new CredentialAuditReport.Standing(credential.status(), latest.orElse(null), verified.orElse(null),
                verified.isPresent() ? null : UNSIGNED, credential.supersedes(), credential.supersededBy());
    }

    private static CredentialAuditReport.AwardingBody awardingBody(String id, Optional<RegisteredAwardingBody> known) {
        return known.map(body -> new CredentialAuditReport.AwardingBody(id, body.legalName(), body.country(),
                        body.accreditation(), body.accreditationHistory(), body.keys()))
                .orElseGet(() -> new CredentialAuditReport.AwardingBody(id, null, null, null, List.of(), List.of()));
    }

    private static CredentialEntry entry(RegisteredCredential credential) {
        return new CredentialEntry(credential.id(), credential.title(), credential.learnerId(), credential.issuedOn(),
                credential.issuedAt(), credential.status(), credential.supersedes(), credential.supersededBy());
    }
}
