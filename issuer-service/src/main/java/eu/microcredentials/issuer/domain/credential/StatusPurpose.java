package eu.microcredentials.issuer.domain.credential;

import java.util.Arrays;
import java.util.Optional;

/**
 * The purposes of an awarding body's two Bitstring status lists, and which status sets a
 * credential's bit in each: revoked (never cleared again) and currently suspended.
 */
public enum StatusPurpose {
    REVOCATION("revocation", CredentialStatus.REVOKED),
    SUSPENSION("suspension", CredentialStatus.SUSPENDED);

    private final String value;
    private final CredentialStatus flagged;

    StatusPurpose(String value, CredentialStatus flagged) {
        this.value = value;
        this.flagged = flagged;
    }

    /** The {@code statusPurpose} as the Bitstring Status List spec names it. */
    public String value() {
        return value;
    }

    /** Whether a credential in {@code status} has its bit set in this list. */
    public boolean flags(CredentialStatus status) {
        return status == flagged;
    }

    public static Optional<StatusPurpose> of(String value) {
        return Arrays.stream(values()).filter(purpose -> purpose.value.equals(value)).findFirst();
    }
}
