package eu.microcredentials.testsupport;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.EventJson;
import eu.microcredentials.events.EventType;
import eu.microcredentials.events.data.AwardingBodyRegistered;
import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.events.data.EventData;
import eu.microcredentials.events.data.QualityAssurance;
import eu.microcredentials.events.data.SigningKeyAdded;
import eu.microcredentials.events.data.SigningKeyRetired;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Contract events as an issuer would publish them, with fresh ids so that tests never share a stream. */
public final class ContractEvents {
    public static final URI SOURCE = URI.create("/test");

    private ContractEvents() {
    }

    public static AwardingBodyRegistered awardingBody(String id, String legalName, String country) {
        return new AwardingBodyRegistered(id, legalName, country,
                new AwardingBodyRegistered.LegalIdentifier("ERASMUS", "T " + id.substring(0, 8)),
                "https://example.org/" + id, new QualityAssurance("EXTERNAL", "Accredited by a test agency"),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** A credential with every standard element. */
    public static CredentialIssued credential(String id, String awardingBody, String learner, String country,
                                              BigDecimal ects) {
        return new CredentialIssued(id, awardingBody, List.of(), List.of(country),
                new CredentialIssued.Learner(learner, "Ada", "Lovelace", LocalDate.parse("1995-12-10")),
                "Data Ethics for Engineers " + id.substring(0, 8), LocalDate.parse("2026-03-14"),
                List.of(new CredentialIssued.LearningOutcome("Assess the ethical risks of a data-driven system",
                        "http://data.europa.eu/esco/skill/f1a0cd4e-4d4b-4f9b-9b5c-0cda3c5a8c0f")),
                new CredentialIssued.Workload(ects, 140), new CredentialIssued.Level(7, "SECOND_CYCLE"),
                new CredentialIssued.Assessment("WRITTEN_EXAM", "Two-hour written exam"),
                new CredentialIssued.Participation("ONLINE", null),
                new QualityAssurance("INTERNAL", "Board of examiners"), "A bachelor's degree",
                new CredentialIssued.Supervision(true, "ONLINE"), "8.5",
                new CredentialIssued.Stackability(true, "Counts towards the MSc"),
                "https://example.org/courses/" + id, null, null, null, null,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** The credential, signed: its VC-JWT, the kid that signed it, and when it was issued. */
    public static CredentialIssued signed(CredentialIssued c, String verifiableCredential, String signingKeyId,
                                          Instant issuedAt) {
        return new CredentialIssued(c.credentialId(), c.awardingBodyId(), c.coAwardingBodyIds(), c.issuerCountries(),
                c.learner(), c.title(), c.issuedOn(), c.learningOutcomes(), c.workload(), c.level(), c.assessment(),
                c.participation(), c.qualityAssurance(), c.prerequisites(), c.supervision(), c.grade(), c.stackability(),
                c.furtherInformation(), verifiableCredential, signingKeyId,
                List.of(new CredentialIssued.StatusEntry("revocation", 42, "https://registry.example.org/status/revocation/1")),
                c.supersedes(), issuedAt);
    }

    /** The credential as issued by {@code actor}. */
    public static CredentialIssued issuedBy(CredentialIssued c, String actor) {
        return new CredentialIssued(c.credentialId(), c.awardingBodyId(), c.coAwardingBodyIds(), c.issuerCountries(),
                c.learner(), c.title(), c.issuedOn(), c.learningOutcomes(), c.workload(), c.level(), c.assessment(),
                c.participation(), c.qualityAssurance(), c.prerequisites(), c.supervision(), c.grade(), c.stackability(),
                c.furtherInformation(), c.verifiableCredential(), c.signingKeyId(), c.credentialStatus(), c.supersedes(),
                c.issuedAt(), c.pathwayCompletion(), actor);
    }

    /** The credential as a stacked credential, issued for a pathway completion and made of these parts. */
    public static CredentialIssued stacked(CredentialIssued c, String pathwayId, String completionId, List<String> parts) {
        return new CredentialIssued(c.credentialId(), c.awardingBodyId(), c.coAwardingBodyIds(), c.issuerCountries(),
                c.learner(), c.title(), c.issuedOn(), c.learningOutcomes(), c.workload(), c.level(), c.assessment(),
                c.participation(), c.qualityAssurance(), c.prerequisites(), c.supervision(), c.grade(), c.stackability(),
                c.furtherInformation(), c.verifiableCredential(), c.signingKeyId(), c.credentialStatus(), c.supersedes(),
                c.issuedAt(), new CredentialIssued.PathwayCompletion(pathwayId, completionId, parts));
    }

    /** The awarding body publishes the public half of a key, active from {@code activeFrom}. */
    public static SigningKeyAdded signingKeyAdded(String awardingBody, JWK key, Instant activeFrom) {
        return new SigningKeyAdded(awardingBody, key.getKeyID(), key instanceof ECKey ? "ES256" : "EdDSA",
                key.toPublicJWK().toJSONObject(), activeFrom);
    }

    public static SigningKeyRetired signingKeyRetired(String awardingBody, String keyId, Instant retiredAt) {
        return new SigningKeyRetired(awardingBody, keyId, retiredAt);
    }

    public static EventEnvelope envelope(EventData data, long sequence, String awardingBody, String country) {
        return new EventEnvelope(UUID.randomUUID(), SOURCE, EventType.of(data), data.streamId(),
                OffsetDateTime.now(ZoneOffset.UTC), sequence, awardingBody, country, EventJson.write(data));
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
