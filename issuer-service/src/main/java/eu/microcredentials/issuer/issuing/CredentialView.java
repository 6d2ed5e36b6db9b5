package eu.microcredentials.issuer.issuing;

import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.issuer.domain.credential.Credential;
import eu.microcredentials.issuer.domain.credential.CredentialEvent;
import eu.microcredentials.issuer.infrastructure.ContractMapping;
import java.time.Instant;
import java.util.List;

/**
 * A credential as its issuer sees it (its awarding body and operators only): {@code credential} holds
 * every standard element as published, {@code status} where it stands now (ACTIVE, SUSPENDED, REVOKED)
 * and {@code statusHistory} every change since issuing, oldest first, with what the public status lists
 * never show: why, from when, when and by whom. A correction names the credential it {@code supersedes};
 * a corrected credential (revoked) the one it is {@code supersededBy}; a credential stacked on a learning
 * pathway the credentials it is made of, {@code hasPart}.
 */
public record CredentialView(String id, String awardingBodyId, String status, Instant issuedAt,
                             String verifiableCredential, CredentialIssued credential,
                             List<StatusChangeView> statusHistory, String supersedes, String supersededBy,
                             List<String> hasPart) {

    /** One status change: the status it led to, why, from when, when it was recorded and by whom. */
    public record StatusChangeView(String status, String reason, Instant effectiveFrom, Instant recordedAt,
                                   String actor) {
    }

    public static CredentialView of(Credential.Issued issued) {
        CredentialIssued data = (CredentialIssued) ContractMapping.toContract(new CredentialEvent.Issued(
                issued.id(), issued.awardingBody(), issued.awardingBodyCountry(), issued.content(),
                issued.issuedAt(), issued.signed(), issued.supersedes(), issued.stacking())).data();
        return new CredentialView(issued.id().toString(), issued.awardingBody().toString(), issued.status().name(),
                issued.issuedAt(), issued.signed().compactJwt(), data, issued.history().stream()
                .map(change -> new StatusChangeView(change.status().name(), change.reason().text(),
                        change.effectiveFrom(), change.recordedAt(), change.actor()))
                .toList(), text(issued.supersedes()), text(issued.supersededBy()),
                issued.hasPart().isEmpty() ? null : issued.hasPart().stream().map(Object::toString).toList());
    }

    private static String text(Object id) {
        return id == null ? null : id.toString();
    }
}
