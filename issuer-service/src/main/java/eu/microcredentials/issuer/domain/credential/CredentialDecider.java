package eu.microcredentials.issuer.domain.credential;

import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.InvalidValue;
import eu.microcredentials.issuer.domain.Refusal;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what issuing, correcting, revoking, suspending and reinstating a credential record, and
 * folds a credential's events into its state.
 *
 * <pre>
 *   NotIssued --issue--> Active --suspend--> Suspended --reinstate--> Active
 *                        Active or Suspended --revoke--> Revoked (final)
 *                        Active or Suspended --correct--> Revoked (SUPERSEDED), and a new Active replacing it
 * </pre>
 */
public final class CredentialDecider {
    /** A date is in the future when it has not begun anywhere on Earth yet. */
    public static final ZoneOffset LATEST_TIME_ZONE = ZoneOffset.ofHours(14);

    private CredentialDecider() {
    }

    public static List<CredentialEvent> decide(CredentialCommand command, Credential state) {
        if (command instanceof IssueCredential issue) {
            return decide(issue, state);
        }
        if (command instanceof CorrectCredential correct) {
            return decide(correct, state);
        }
        if (command instanceof RevokeCredential revoke) {
            return decide(revoke, state);
        }
        if (command instanceof SuspendCredential suspend) {
            return decide(suspend, state);
        }
        if (command instanceof ReinstateCredential reinstate) {
            return decide(reinstate, state);
        }
        throw new IllegalArgumentException("unknown credential command " + command);
    }

    public static List<CredentialEvent> decide(IssueCredential command, Credential state) {
        if (state instanceof Credential.Issued issued) {
            throw new Refusal("credential " + issued.id() + " is already issued");
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
        if (command.hasPart().contains(command.credentialId())) {
            throw new Refusal("credential " + command.credentialId() + " cannot be made of itself");
        }
        return List.of(new CredentialEvent.Issued(command.credentialId(), awardingBody.id(),
                awardingBody.profile().country(), command.content(), command.at(), command.signed(), null,
                command.stacking(), command.actor()));
    }

    /**
     * An active or suspended credential is corrected: its awarding body issues the correction, which
     * names the credential it replaces (and is made of what it was made of), and the credential is
     * revoked from now with the reason
     * {@link Reason#SUPERSEDED}, naming its correction. Two events of two streams, recorded together.
     * {@code state} is the corrected credential's.
     */
    public static List<CredentialEvent> decide(CorrectCredential command, Credential state) {
        Credential.Issued corrected = correctable(command.credentialId(), state);
        if (!(command.awardingBody() instanceof AwardingBody.Registered awardingBody)
                || !awardingBody.id().equals(corrected.awardingBody())) {
            throw new Refusal("a correction of credential " + corrected.id() + " is issued by its own awarding body "
                    + corrected.awardingBody());
        }
        if (command.correctionId().equals(corrected.id())) {
            throw new Refusal("a correction is a new credential, not " + corrected.id() + " again");
        }
        CredentialEvent.Issued correction = (CredentialEvent.Issued) decide(new IssueCredential(command.correctionId(),
                awardingBody, command.content(), command.at(), command.signed()), new Credential.NotIssued()).get(0);
        return List.of(
                new CredentialEvent.Issued(correction.credentialId(), correction.awardingBody(),
                        correction.awardingBodyCountry(), correction.content(), correction.issuedAt(),
                        correction.signed(), corrected.id(), corrected.stacking(), command.actor()),
                new CredentialEvent.Revoked(corrected.id(), corrected.awardingBody(), corrected.awardingBodyCountry(),
                        Reason.SUPERSEDED, command.at(), command.actor(), command.correctionId(), command.at()));
    }

    /**
     * The credential, if it may be corrected: issued and not revoked. Use cases ask before they spend
     * a status list index on the correction.
     */
    public static Credential.Issued correctable(CredentialId id, Credential state) {
        Credential.Issued issued = issued(id, state);
        if (issued instanceof Credential.Revoked) {
            throw new IllegalTransition(issued.id(), issued.status(), "a revoked credential cannot be corrected");
        }
        return issued;
    }

    /** An active or suspended credential can be revoked, once; a revocation cannot be undone. */
    public static List<CredentialEvent> decide(RevokeCredential command, Credential state) {
        Credential.Issued issued = issued(command.credentialId(), state);
        if (issued instanceof Credential.Revoked) {
            throw new IllegalTransition(issued.id(), issued.status(), "a revocation is final");
        }
        if (command.effectiveFrom().isAfter(command.at())) {
            throw new InvalidValue("effectiveFrom", "effectiveFrom " + command.effectiveFrom()
                    + " is in the future; a revocation takes effect now or retroactively");
        }
        if (command.effectiveFrom().isBefore(issued.issuedAt())) {
            throw new InvalidValue("effectiveFrom", "effectiveFrom " + command.effectiveFrom()
                    + " is before the credential was issued at " + issued.issuedAt());
        }
        return List.of(new CredentialEvent.Revoked(issued.id(), issued.awardingBody(), issued.awardingBodyCountry(),
                command.reason(), command.effectiveFrom(), command.actor(), null, command.at()));
    }

    /** Only an active credential can be suspended. */
    public static List<CredentialEvent> decide(SuspendCredential command, Credential state) {
        Credential.Issued issued = issued(command.credentialId(), state);
        if (issued instanceof Credential.Suspended) {
            throw new IllegalTransition(issued.id(), issued.status(), "it is already suspended");
        }
        if (issued instanceof Credential.Revoked) {
            throw new IllegalTransition(issued.id(), issued.status(), "a revoked credential cannot be suspended");
        }
        return List.of(new CredentialEvent.Suspended(issued.id(), issued.awardingBody(), issued.awardingBodyCountry(),
                command.reason(), command.actor(), command.at()));
    }

    /** Only a suspended credential can be reinstated. */
    public static List<CredentialEvent> decide(ReinstateCredential command, Credential state) {
        Credential.Issued issued = issued(command.credentialId(), state);
        if (issued instanceof Credential.Active) {
            throw new IllegalTransition(issued.id(), issued.status(), "only a suspended credential can be reinstated");
        }
        if (issued instanceof Credential.Revoked) {
            throw new IllegalTransition(issued.id(), issued.status(), "a revocation is final");
        }
        return List.of(new CredentialEvent.Reinstated(issued.id(), issued.awardingBody(), issued.awardingBodyCountry(),
                command.reason(), command.actor(), command.at()));
    }

    private static Credential.Issued issued(CredentialId id, Credential state) {
        if (state instanceof Credential.Issued issued) {
            return issued;
        }
        throw new UnknownCredential(id);
    }

    public static Credential evolve(Credential state, CredentialEvent event) {
        if (event instanceof CredentialEvent.Issued issued) {
            return new Credential.Active(issued.credentialId(), issued.awardingBody(), issued.awardingBodyCountry(),
                    issued.content(), issued.issuedAt(), issued.signed(), List.of(), issued.supersedes(),
                    issued.stacking());
        }
        if (!(state instanceof Credential.Issued current)) {
            throw new IllegalStateException(event + " on a credential that was not issued");
        }
        if (event instanceof CredentialEvent.Revoked revoked) {
            List<Credential.StatusChange> history = with(current, new Credential.StatusChange(CredentialStatus.REVOKED,
                    revoked.reason(), revoked.effectiveFrom(), revoked.revokedAt(), revoked.actor()));
            return new Credential.Revoked(current.id(), current.awardingBody(), current.awardingBodyCountry(),
                    current.content(), current.issuedAt(), current.signed(), history, current.supersedes(),
                    revoked.supersededBy(), current.stacking());
        }
        if (event instanceof CredentialEvent.Suspended suspended) {
            List<Credential.StatusChange> history = with(current, new Credential.StatusChange(CredentialStatus.SUSPENDED,
                    suspended.reason(), suspended.suspendedAt(), suspended.suspendedAt(), suspended.actor()));
            return new Credential.Suspended(current.id(), current.awardingBody(), current.awardingBodyCountry(),
                    current.content(), current.issuedAt(), current.signed(), history, current.supersedes(),
                    current.stacking());
        }
        if (event instanceof CredentialEvent.Reinstated reinstated) {
            List<Credential.StatusChange> history = with(current, new Credential.StatusChange(CredentialStatus.ACTIVE,
                    reinstated.reason(), reinstated.reinstatedAt(), reinstated.reinstatedAt(), reinstated.actor()));
            return new Credential.Active(current.id(), current.awardingBody(), current.awardingBodyCountry(),
                    current.content(), current.issuedAt(), current.signed(), history, current.supersedes(),
                    current.stacking());
        }
        throw new IllegalStateException("unknown credential event " + event);
    }

    private static List<Credential.StatusChange> with(Credential.Issued current, Credential.StatusChange change) {
        List<Credential.StatusChange> history = new ArrayList<>(current.history());
        history.add(change);
        return history;
    }

    public static Credential replay(List<CredentialEvent> events) {
        Credential state = new Credential.NotIssued();
        for (CredentialEvent event : events) {
            state = evolve(state, event);
        }
        return state;
    }
}
