package eu.microcredentials.issuer.domain.credential;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CountryCode;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBodyProfile;
import eu.microcredentials.issuer.domain.awardingbody.SigningKey;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Valid domain values to start a test from; each test changes only what it is about. */
final class SampleContent {
    static final Instant NOW = Instant.parse("2026-03-14T09:00:00Z");
    static final LocalDate TODAY = LocalDate.parse("2026-03-14");
    static final Instant REGISTERED_AT = NOW.minusSeconds(86_400);

    private SampleContent() {
    }

    /** A published P-256 key (its public half only), active from {@code activeFrom} and retired at {@code retiredAt}. */
    static SigningKey key(String keyId, Instant activeFrom, Instant retiredAt) {
        return new SigningKey(keyId, "ES256", Map.of("kty", "EC", "crv", "P-256", "kid", keyId,
                "x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"),
                activeFrom, retiredAt);
    }

    /** A registered awarding body whose one key, {@code <id>-key-1}, has been active since registration. */
    static AwardingBody.Registered awardingBody(String country) {
        AwardingBodyId id = new AwardingBodyId(UUID.randomUUID());
        return awardingBody(id, country, List.of(key(id + "-key-1", REGISTERED_AT, null)));
    }

    static AwardingBody.Registered awardingBody(AwardingBodyId id, String country, List<SigningKey> keys) {
        return new AwardingBody.Registered(id, new AwardingBodyProfile("Universidade de Exemplo",
                new CountryCode(country), null, URI.create("https://example.org"), null), REGISTERED_AT, keys);
    }

    /** The credential as signed with the given key (the decider checks the key, not the signature bytes). */
    static SignedCredential signedWith(String keyId) {
        return new SignedCredential("eyJhbGciOiJFUzI1NiJ9.e30.c2lnbmF0dXJl", keyId, 4711,
                URI.create("https://issuer.example.org/api/v1/status-lists/x/revocation"),
                URI.create("https://issuer.example.org/api/v1/status-lists/x/suspension"));
    }

    /** Signed with the awarding body's active key, as issuing does. */
    static SignedCredential signedBy(AwardingBody.Registered awardingBody) {
        return signedWith(awardingBody.activeKey().orElseThrow().keyId());
    }

    static MicroCredential.Learner learner() {
        return new MicroCredential.Learner(URI.create("mailto:ana.silva@example.org"), "Ana", "Silva",
                LocalDate.parse("1999-04-02"));
    }

    static MicroCredential.LearningOutcome outcome() {
        return new MicroCredential.LearningOutcome("Train and evaluate supervised models",
                URI.create("http://data.europa.eu/esco/skill/8e6c2b58-1b2e-4f5b-9b1a-2f0c7c9c1f3e"));
    }

    static MicroCredential.Workload workload() {
        return new MicroCredential.Workload(new BigDecimal("3"), 75);
    }

    static MicroCredential content(LocalDate issuedOn) {
        return new MicroCredential(learner(), "Applied Machine Learning", List.of(new CountryCode("PT")), List.of(),
                issuedOn, List.of(outcome()), workload(),
                new MicroCredential.Level(6, MicroCredential.QfEheaCycle.FIRST_CYCLE),
                new MicroCredential.Assessment(MicroCredential.AssessmentType.WRITTEN_EXAM, "Proctored 2-hour exam"),
                new MicroCredential.Participation(MicroCredential.ParticipationForm.ONLINE, null),
                new MicroCredential.QualityAssurance(MicroCredential.QualityAssuranceType.EXTERNAL,
                        "Programme accredited by A3ES"),
                "Python programming",
                new MicroCredential.Supervision(true, MicroCredential.IdentityVerification.ONLINE),
                "18/20",
                new MicroCredential.Stackability(true, "Counts towards the Data Science certificate"),
                "https://example.org/courses/aml");
    }

    static MicroCredential content() {
        return content(TODAY);
    }
}
