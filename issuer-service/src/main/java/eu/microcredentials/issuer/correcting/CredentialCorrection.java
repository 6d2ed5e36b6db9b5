package eu.microcredentials.issuer.correcting;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import eu.microcredentials.issuer.domain.credential.CorrectCredential;
import eu.microcredentials.issuer.domain.credential.Credential;
import eu.microcredentials.issuer.domain.credential.CredentialDecider;
import eu.microcredentials.issuer.domain.credential.CredentialEvent;
import eu.microcredentials.issuer.domain.credential.MicroCredential;
import eu.microcredentials.issuer.infrastructure.Streams;
import eu.microcredentials.issuer.issuing.CredentialIssuing;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The use case: an awarding body (or an operator) corrects a credential it issued. In one
 * transaction the correction is issued (a new credential with the corrected content, its own status
 * list index, signed, naming the credential it replaces) and the corrected credential is revoked from
 * now with the reason SUPERSEDED, naming its correction; the revocation is appended at the version the
 * decision was taken on, so two corrections of one credential cannot both be recorded.
 */
@ApplicationScoped
public class CredentialCorrection {
    private final Pool pool;
    private final Streams streams;
    private final CredentialIssuing issuing;
    private final Clock clock;

    public CredentialCorrection(Pool pool, Streams streams, CredentialIssuing issuing, Clock clock) {
        this.pool = pool;
        this.streams = streams;
        this.issuing = issuing;
        this.clock = clock;
    }

    /**
     * @param mayActFor  throws unless the caller may act for the credential's awarding body
     * @param alsoRecord records more in the same transaction (e.g. the idempotency key that asked for it)
     * @return the correction, as issued
     */
    public Uni<Credential.Active> correct(CredentialId id, MicroCredential content, String actor,
                                          Consumer<AwardingBodyId> mayActFor,
                                          BiFunction<SqlConnection, Credential.Active, Uni<Void>> alsoRecord) {
        return pool.withTransaction(tx -> streams.credential(tx, id).flatMap(loaded -> {
            if (loaded.state() instanceof Credential.Issued issued) {
                // before deciding: another awarding body learns nothing of this credential's status
                mayActFor.accept(issued.awardingBody());
            }
            // refused before a status list index is spent on the correction
            Credential.Issued corrected = CredentialDecider.correctable(id, loaded.state());
            AwardingBodyId awardingBodyId = corrected.awardingBody();
            return streams.lockAwardingBody(tx, awardingBodyId, false)
                    .flatMap(locked -> streams.awardingBody(tx, awardingBodyId))
                    .flatMap(awardingBody -> {
                        if (!(awardingBody.state() instanceof AwardingBody.Registered registered)) {
                            throw Problem.notFound("awarding body", awardingBodyId.toString()).exception();
                        }
                        Instant at = clock.instant();
                        CredentialId correctionId = new CredentialId(UUID.randomUUID());
                        return issuing.sign(tx, registered,
                                        List.of(new CredentialIssuing.Unsigned(correctionId, content, id, corrected.stacking())), at)
                                .flatMap(signed -> record(tx, loaded, CredentialDecider.decide(new CorrectCredential(id,
                                        correctionId, registered, content, signed.get(0), actor, at), loaded.state())))
                                .call(correction -> alsoRecord.apply(tx, correction));
                    });
        }));
    }

    /** Appends the correction's first event (a new stream), then the corrected credential's revocation. */
    private Uni<Credential.Active> record(SqlConnection tx, Streams.Loaded<Credential> corrected,
                                          List<CredentialEvent> events) {
        CredentialId correctedId = ((Credential.Issued) corrected.state()).id();
        CredentialEvent issued = events.stream().filter(event -> !event.credentialId().equals(correctedId))
                .findFirst().orElseThrow();
        List<CredentialEvent> revoked = events.stream().filter(event -> event.credentialId().equals(correctedId))
                .toList();
        Credential.Active correction = (Credential.Active) CredentialDecider.evolve(new Credential.NotIssued(), issued);
        return streams.appendNewCredentials(tx, List.of(issued))
                .call(() -> streams.appendCredentialEvents(tx, correctedId, corrected.version(), revoked))
                .replaceWith(correction);
    }
}
