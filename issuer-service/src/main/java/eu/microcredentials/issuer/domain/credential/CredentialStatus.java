package eu.microcredentials.issuer.domain.credential;

/** Where an issued credential stands: valid, temporarily not valid, or never valid again. */
public enum CredentialStatus { ACTIVE, SUSPENDED, REVOKED }
