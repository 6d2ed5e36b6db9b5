package eu.microcredentials.registry.domain;

/** Where a credential stands, as the registry reports it to verifiers. */
public enum CredentialStatus { ACTIVE, SUSPENDED, REVOKED }
