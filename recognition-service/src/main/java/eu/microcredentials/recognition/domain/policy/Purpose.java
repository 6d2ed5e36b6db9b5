package eu.microcredentials.recognition.domain.policy;

/** What a recognising organisation recognises credentials for. */
public enum Purpose { ACADEMIC, EMPLOYMENT, PROFESSIONAL }
