package eu.microcredentials.registry.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What the registry recorded of an issued credential, as far as verification needs it: its issuing
 * instant, its status and the signed form the issuer published (null for credentials issued unsigned).
 */
public record RegistryRecord(String credentialId, String awardingBodyId, CredentialStatus status, Instant issuedAt,
                             String verifiableCredential) {

    public RegistryRecord {
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(awardingBodyId, "awardingBodyId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }
}
