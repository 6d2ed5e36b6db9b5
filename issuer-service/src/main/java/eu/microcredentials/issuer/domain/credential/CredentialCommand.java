package eu.microcredentials.issuer.domain.credential;

/** What may be asked of a credential. */
public sealed interface CredentialCommand
        permits IssueCredential, CorrectCredential, RevokeCredential, SuspendCredential, ReinstateCredential {
}
