package eu.microcredentials.registry.domain.asof;

import eu.microcredentials.registry.domain.CredentialStatus;
import java.util.Optional;

/** Where a credential stood at an instant: not yet issued, or one of the statuses of an issued credential. */
public enum AsOfStatus {
    NOT_YET_ISSUED, ACTIVE, SUSPENDED, REVOKED;

    static AsOfStatus of(CredentialStatus status) {
        return valueOf(status.name());
    }

    /** The status of the issued credential; empty when it was not yet issued. */
    public Optional<CredentialStatus> issued() {
        return this == NOT_YET_ISSUED ? Optional.empty() : Optional.of(CredentialStatus.valueOf(name()));
    }
}
