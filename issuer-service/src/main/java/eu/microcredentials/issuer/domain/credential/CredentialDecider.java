package eu.microcredentials.issuer.domain.credential;

import eu.microcredentials.issuer.domain.Refusal;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import java.time.ZoneOffset;
import java.util.List;

/** Decides what issuing a credential records, and folds a credential's events into its state. */
public final class CredentialDecider {
    /** A date is in the future when it has not begun anywhere on Earth yet. */
    public static final ZoneOffset LATEST_TIME_ZONE = ZoneOffset.ofHours(14);

    private CredentialDecider() {
    }

    public static List<CredentialEvent> decide(IssueCredential command, Credential state) {
        if (state instanceof Credential.Active active) {
            throw new Refusal("credential " + active.id() + " is already issued");
        }
        if (!(command.awardingBody() instanceof AwardingBody.Registered awardingBody)) {
            throw new Refusal("the awarding body is not registered");
        }
        if (command.content().issuedOn().isAfter(command.at().atOffset(LATEST_TIME_ZONE).toLocalDate())) {
            throw new Refusal("issuedOn " + command.content().issuedOn() + " is in the future");
        }
        boolean signedWithActiveKey = awardingBody.activeKey()
                .filter(key -> key.keyId().equals(command.signed().keyId()) && key.activeAt(command.at())).isPresent();
        if (!signedWithActiveKey) {
            throw new Refusal("the credential must be signed with the awarding body's active key, not "
                    + command.signed().keyId());
        }
        return List.of(new CredentialEvent.Issued(command.credentialId(), awardingBody.id(),
                awardingBody.profile().country(), command.content(), command.at(), command.signed()));
    }

    public static Credential evolve(Credential state, CredentialEvent event) {
        if (event instanceof CredentialEvent.Issued issued) {
            return new Credential.Active(issued.credentialId(), issued.awardingBody(), issued.awardingBodyCountry(),
                    issued.content(), issued.issuedAt(), issued.signed());
        }
        throw new IllegalStateException("unknown credential event " + event);
    }

    public static Credential replay(List<CredentialEvent> events) {
        Credential state = new Credential.NotIssued();
        for (CredentialEvent event : events) {
            state = evolve(state, event);
        }
        return state;
    }
}
