package eu.microcredentials.events;

import eu.microcredentials.events.data.AccreditationGranted;
import eu.microcredentials.events.data.AccreditationWithdrawn;
import eu.microcredentials.events.data.AwardingBodyRegistered;
import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.events.data.CredentialReinstated;
import eu.microcredentials.events.data.CredentialRevoked;
import eu.microcredentials.events.data.CredentialSuspended;
import eu.microcredentials.events.data.EventData;
import eu.microcredentials.events.data.PathwayCompleted;
import eu.microcredentials.events.data.PathwayCompletionRestored;
import eu.microcredentials.events.data.PathwayCompletionWithdrawn;
import eu.microcredentials.events.data.PathwayDefined;
import eu.microcredentials.events.data.QualityAssurance;
import eu.microcredentials.events.data.RecognisingOrganisationRegistered;
import eu.microcredentials.events.data.RecognitionGranted;
import eu.microcredentials.events.data.RecognitionKept;
import eu.microcredentials.events.data.RecognitionPolicyDefined;
import eu.microcredentials.events.data.RecognitionRejected;
import eu.microcredentials.events.data.RecognitionRequested;
import eu.microcredentials.events.data.RecognitionRestored;
import eu.microcredentials.events.data.RecognitionReviewRequired;
import eu.microcredentials.events.data.RecognitionWithdrawn;
import eu.microcredentials.events.data.SigningKeyAdded;
import eu.microcredentials.events.data.SigningKeyRetired;
import eu.microcredentials.events.data.StackingDisabled;
import eu.microcredentials.events.data.StackingEnabled;
import eu.microcredentials.events.data.StackingRefused;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sample per event type, twice: with every field set, and with only what a producer must send.
 * Adding an {@link EventType} without samples here fails the contract test.
 */
final class SampleEvents {
    static final String AWARDING_BODY = "3b0c1b6e-8f6a-4b8e-9a51-0d7c2f1e6a10";
    static final String CO_AWARDING_BODY = "a4f5e0c2-51d7-4c39-8e0e-9b2b7f3c6d21";
    static final String CREDENTIAL = "c1d2e3f4-0a1b-4c2d-8e3f-405162738495";
    static final String RECOGNITION = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b";
    static final String LEARNER = "did:example:learner-ebfeb1f712ebc6f1c276e12ec21";
    static final String KEY_ID = "ab-key-2025-01";
    static final String POLICY = "tu-delft-msc-electives-2025";
    static final String PATHWAY = "8c7d6e5f-4a3b-4c2d-9e1f-0a1b2c3d4e5f";
    static final String COMPLETION = "2b1f0e6c-7d4a-3b59-8c21-6e5f4d3c2b1a";
    static final String CAUSE_EVENT = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";
    static final String ORGANISATION = "0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a";
    static final Instant AT = Instant.parse("2025-03-14T09:26:53Z");

    private SampleEvents() {
    }

    /** Every field set, nested ones too. */
    static Map<EventType, EventData> full() {
        Map<EventType, EventData> samples = new EnumMap<>(EventType.class);
        samples.put(EventType.AWARDING_BODY_REGISTERED, new AwardingBodyRegistered(AWARDING_BODY,
                "Technische Universiteit Delft", "NL",
                new AwardingBodyRegistered.LegalIdentifier("ERASMUS", "NL DELFT01"),
                "https://www.tudelft.nl/",
                new QualityAssurance("EXTERNAL", "Institutional accreditation by NVAO"), AT, "operator"));
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "EC");
        jwk.put("crv", "P-256");
        jwk.put("x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU");
        jwk.put("y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0");
        jwk.put("kid", KEY_ID);
        samples.put(EventType.SIGNING_KEY_ADDED, new SigningKeyAdded(AWARDING_BODY, KEY_ID, "ES256", jwk, AT, AWARDING_BODY));
        samples.put(EventType.SIGNING_KEY_RETIRED, new SigningKeyRetired(AWARDING_BODY, KEY_ID, AT, AWARDING_BODY));
        samples.put(EventType.CREDENTIAL_ISSUED, new CredentialIssued(CREDENTIAL, AWARDING_BODY,
                List.of(CO_AWARDING_BODY), List.of("NL", "BE"),
                new CredentialIssued.Learner(LEARNER, "Ada", "Lovelace", LocalDate.parse("1995-12-10")),
                "Data Ethics for Engineers", LocalDate.parse("2025-03-14"),
                List.of(new CredentialIssued.LearningOutcome("Assess the ethical risks of a data-driven system",
                                "http://data.europa.eu/esco/skill/f1a0cd4e-4d4b-4f9b-9b5c-0cda3c5a8c0f"),
                        new CredentialIssued.LearningOutcome("Apply the GDPR to a research data set", null)),
                new CredentialIssued.Workload(new BigDecimal("5.0"), 140),
                new CredentialIssued.Level(7, "SECOND_CYCLE"),
                new CredentialIssued.Assessment("WRITTEN_EXAM", "Two-hour written exam and a graded case study"),
                new CredentialIssued.Participation("ONLINE", "Self-paced with weekly online seminars"),
                new QualityAssurance("INTERNAL", "Programme reviewed by the faculty's board of examiners"),
                "A bachelor's degree in engineering or computer science",
                new CredentialIssued.Supervision(true, "ONLINE_PROCTORED_WITH_ID_CHECK"),
                "8.5",
                new CredentialIssued.Stackability(true, "Counts towards the MSc elective space"),
                "https://www.tudelft.nl/en/education/micro-credentials",
                "eyJhbGciOiJFUzI1NiIsImtpZCI6ImFiLWtleS0yMDI1LTAxIiwidHlwIjoidmMrand0In0"
                        + ".eyJAY29udGV4dCI6WyJodHRwczovL3d3dy53My5vcmcvbnMvY3JlZGVudGlhbHMvdjIiXX0"
                        + ".MEUCIQDx5Zp3v9kq8yq2M3bJ7w",
                KEY_ID,
                List.of(new CredentialIssued.StatusEntry("revocation", 94567,
                                "https://status.microcredentials.eu/lists/3b0c1b6e/revocation/1"),
                        new CredentialIssued.StatusEntry("suspension", 23452,
                                "https://status.microcredentials.eu/lists/3b0c1b6e/suspension/1")),
                "0f9e8d7c-6b5a-4493-8271-605f4e3d2c1b",
                AT, new CredentialIssued.PathwayCompletion(PATHWAY, COMPLETION,
                        List.of("d2e3f4a5-1b2c-4d3e-9f40-516273849506", "e3f4a5b6-2c3d-4e4f-8a51-627384950617")),
                "pathway:" + PATHWAY));
        samples.put(EventType.CREDENTIAL_REVOKED, new CredentialRevoked(CREDENTIAL, AWARDING_BODY,
                "Assessment fraud established by the board of examiners", Instant.parse("2025-03-01T00:00:00Z"),
                "examiner:j.jansen", "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d", AT));
        samples.put(EventType.CREDENTIAL_SUSPENDED, new CredentialSuspended(CREDENTIAL, AWARDING_BODY,
                "Investigation of a complaint", "examiner:j.jansen", AT));
        samples.put(EventType.CREDENTIAL_REINSTATED, new CredentialReinstated(CREDENTIAL, AWARDING_BODY,
                "Complaint dismissed", "examiner:j.jansen", AT));
        samples.put(EventType.ACCREDITATION_GRANTED, new AccreditationGranted(AWARDING_BODY, "NVAO",
                "https://www.nvao.net/decisions/009876", Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2031-01-01T00:00:00Z"), "registry:nl-clerk-4", AT));
        samples.put(EventType.ACCREDITATION_WITHDRAWN, new AccreditationWithdrawn(AWARDING_BODY, "NVAO",
                "https://www.nvao.net/decisions/010203", "Institutional audit failed",
                Instant.parse("2025-04-01T00:00:00Z"), "registry:nl-clerk-4", AT));
        samples.put(EventType.RECOGNITION_REQUESTED, new RecognitionRequested(RECOGNITION, LEARNER,
                List.of(CREDENTIAL), POLICY, "Exemption from the MSc elective Data Ethics", AT));
        samples.put(EventType.RECOGNITION_GRANTED, new RecognitionGranted(RECOGNITION, LEARNER, POLICY,
                List.of(CREDENTIAL), new BigDecimal("5"), "All rules of the policy are met", "reviewer:m.devries", AT,
                ORGANISATION));
        samples.put(EventType.RECOGNITION_REJECTED, new RecognitionRejected(RECOGNITION, LEARNER, POLICY,
                List.of(new RecognitionRejected.FailedRule(CREDENTIAL, "minimum-eqf-level", "EQF 5 is below 7"),
                        new RecognitionRejected.FailedRule(null, "minimum-total-ects", "5 ECTS, 10 required")),
                "Two rules of the policy are not met", "reviewer:m.devries", AT, ORGANISATION));
        samples.put(EventType.RECOGNITION_WITHDRAWN, new RecognitionWithdrawn(RECOGNITION, LEARNER, CREDENTIAL,
                EventType.CREDENTIAL_REVOKED.type(), "The credential was revoked", AT, "REVOKED", CAUSE_EVENT));
        samples.put(EventType.RECOGNITION_REVIEW_REQUIRED, new RecognitionReviewRequired(RECOGNITION, LEARNER, POLICY,
                List.of(CREDENTIAL), new BigDecimal("5"), "Every rule is met; the policy asks a reviewer to decide", AT));
        samples.put(EventType.RECOGNITION_RESTORED, new RecognitionRestored(RECOGNITION, LEARNER, CREDENTIAL,
                EventType.CREDENTIAL_REINSTATED.type(), CAUSE_EVENT, new BigDecimal("5"),
                "The credential was reinstated and the policy is met again", AT, "GRANTED"));
        samples.put(EventType.RECOGNITION_KEPT, new RecognitionKept(RECOGNITION, LEARNER, "GRANTED", List.of(CREDENTIAL),
                new BigDecimal("3"), "d2e3f4a5-1b2c-4d3e-9f40-516273849506", "REVOKED",
                EventType.CREDENTIAL_REVOKED.type(), CAUSE_EVENT,
                "A credential was revoked; the remaining credential still meets the policy, 3 ECTS recognised", AT));
        samples.put(EventType.RECOGNISING_ORGANISATION_REGISTERED, new RecognisingOrganisationRegistered(ORGANISATION,
                "Technische Universiteit Delft", "AWARDING_BODY", AWARDING_BODY, AT));
        samples.put(EventType.RECOGNITION_POLICY_DEFINED, new RecognitionPolicyDefined(POLICY, ORGANISATION,
                "Technische Universiteit Delft", "MSc electives", "ACADEMIC", new RecognitionPolicyDefined.Rules(6,
                new BigDecimal("2"), new BigDecimal("5"), List.of("EXTERNAL"), true, List.of("NL", "PT"),
                List.of("Assess the ethical risks of a data-driven system"),
                List.of("http://data.europa.eu/esco/skill/f1a0cd4e-4d4b-4f9b-9b5c-0cda3c5a8c0f"), "P5Y",
                List.of("WRITTEN_EXAM"), true), true, AT));
        samples.put(EventType.PATHWAY_COMPLETED, new PathwayCompleted(COMPLETION, PATHWAY, 1, AWARDING_BODY,
                new CredentialIssued.Learner(LEARNER, "Ada", "Lovelace", LocalDate.parse("1995-12-10")), true, "REVOKE",
                new PathwayCompleted.StackedCredential("Responsible Data Science (stacked)", List.of("NL"),
                        List.of(new CredentialIssued.LearningOutcome("Design a data-driven system responsibly",
                                "http://data.europa.eu/esco/skill/f1a0cd4e-4d4b-4f9b-9b5c-0cda3c5a8c0f")),
                        new CredentialIssued.Workload(new BigDecimal("15"), 420),
                        new CredentialIssued.Level(7, "SECOND_CYCLE"),
                        new CredentialIssued.Assessment("PORTFOLIO", "The assessments of the stacked credentials"),
                        new CredentialIssued.Participation("BLENDED", "Online and on site"),
                        new QualityAssurance("EXTERNAL", "NVAO"), "Three micro-credentials of the pathway",
                        new CredentialIssued.Supervision(true, "ON_SITE_WITH_ID_CHECK"),
                        new CredentialIssued.Stackability(true, "Counts towards the MSc"),
                        "https://www.tudelft.nl/en/education/pathways"),
                List.of(CREDENTIAL, "d2e3f4a5-1b2c-4d3e-9f40-516273849506"), AT));
        samples.put(EventType.PATHWAY_COMPLETION_WITHDRAWN, new PathwayCompletionWithdrawn(COMPLETION, PATHWAY,
                AWARDING_BODY, LEARNER, CREDENTIAL, "REVOKED", CAUSE_EVENT, "REVOKE",
                "A credential of the completion was revoked and the rest no longer meets the pathway", AT));
        samples.put(EventType.PATHWAY_COMPLETION_RESTORED, new PathwayCompletionRestored(COMPLETION, PATHWAY,
                AWARDING_BODY, LEARNER, CREDENTIAL, CAUSE_EVENT, List.of(CREDENTIAL),
                "The credential was reinstated", AT));
        samples.put(EventType.PATHWAY_DEFINED, new PathwayDefined(PATHWAY, AWARDING_BODY, ORGANISATION,
                "Responsible Data Science (stacked)", new PathwayDefined.Requirements(new BigDecimal("15"), 3, 6,
                List.of("Design a data-driven system responsibly"),
                List.of("http://data.europa.eu/esco/skill/f1a0cd4e-4d4b-4f9b-9b5c-0cda3c5a8c0f"),
                List.of(AWARDING_BODY), "P5Y", true), true, "REVOKE",
                ((PathwayCompleted) samples.get(EventType.PATHWAY_COMPLETED)).target(), AT));
        samples.put(EventType.STACKING_ENABLED, new StackingEnabled(AWARDING_BODY, PATHWAY,
                new StackingEnabled.Terms("Responsible Data Science (stacked)", 7, new BigDecimal("15")), AWARDING_BODY,
                AT));
        samples.put(EventType.STACKING_DISABLED, new StackingDisabled(AWARDING_BODY, PATHWAY, AWARDING_BODY, AT));
        samples.put(EventType.STACKING_REFUSED, new StackingRefused(COMPLETION, PATHWAY, AWARDING_BODY,
                List.of(new StackingRefused.Reason("TERMS_DIFFER", "the target's ECTS 30 differ from the 15 agreed", null),
                        new StackingRefused.Reason("PART_NOT_ACTIVE", "the part was revoked at the completion's time",
                                CREDENTIAL)), AT));
        return Collections.unmodifiableMap(samples);
    }

    /** Only the fields a producer must always send. */
    static Map<EventType, EventData> minimal() {
        Map<EventType, EventData> samples = new EnumMap<>(EventType.class);
        samples.put(EventType.AWARDING_BODY_REGISTERED, new AwardingBodyRegistered(AWARDING_BODY,
                "Technische Universiteit Delft", "NL", null, null, null, AT));
        samples.put(EventType.SIGNING_KEY_ADDED, new SigningKeyAdded(AWARDING_BODY, KEY_ID, "EdDSA",
                Map.of("kty", "OKP", "crv", "Ed25519", "x", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"), AT));
        samples.put(EventType.SIGNING_KEY_RETIRED, new SigningKeyRetired(AWARDING_BODY, KEY_ID, AT));
        samples.put(EventType.CREDENTIAL_ISSUED, new CredentialIssued(CREDENTIAL, AWARDING_BODY, null,
                List.of("NL"), new CredentialIssued.Learner("mailto:ada@example.org", null, null, null),
                "Data Ethics for Engineers", LocalDate.parse("2025-03-14"),
                List.of(new CredentialIssued.LearningOutcome("Assess the ethical risks of a data-driven system", null)),
                new CredentialIssued.Workload(new BigDecimal("0.5"), null), null,
                new CredentialIssued.Assessment("PROJECT", null), new CredentialIssued.Participation("ON_SITE", null),
                new QualityAssurance("INTERNAL", null), null, null, null, null, null, null, null, null, null, AT));
        samples.put(EventType.CREDENTIAL_REVOKED, new CredentialRevoked(CREDENTIAL, AWARDING_BODY,
                null, null, null, null, AT));
        samples.put(EventType.CREDENTIAL_SUSPENDED, new CredentialSuspended(CREDENTIAL, AWARDING_BODY, null, null, AT));
        samples.put(EventType.CREDENTIAL_REINSTATED, new CredentialReinstated(CREDENTIAL, AWARDING_BODY, null, null, AT));
        samples.put(EventType.ACCREDITATION_GRANTED, new AccreditationGranted(AWARDING_BODY, "NVAO",
                null, null, null, null, AT));
        samples.put(EventType.ACCREDITATION_WITHDRAWN, new AccreditationWithdrawn(AWARDING_BODY, "NVAO",
                null, null, null, null, AT));
        samples.put(EventType.RECOGNITION_REQUESTED, new RecognitionRequested(RECOGNITION, LEARNER,
                List.of(CREDENTIAL), POLICY, null, AT));
        samples.put(EventType.RECOGNITION_GRANTED, new RecognitionGranted(RECOGNITION, LEARNER, POLICY,
                List.of(CREDENTIAL), null, null, null, AT));
        samples.put(EventType.RECOGNITION_REJECTED, new RecognitionRejected(RECOGNITION, LEARNER, POLICY,
                List.of(new RecognitionRejected.FailedRule(null, "minimum-total-ects", null)), null, null, AT));
        samples.put(EventType.RECOGNITION_WITHDRAWN, new RecognitionWithdrawn(RECOGNITION, LEARNER, CREDENTIAL,
                EventType.CREDENTIAL_SUSPENDED.type(), null, AT));
        samples.put(EventType.RECOGNITION_REVIEW_REQUIRED, new RecognitionReviewRequired(RECOGNITION, LEARNER, POLICY,
                List.of(CREDENTIAL), null, null, AT));
        samples.put(EventType.RECOGNITION_RESTORED, new RecognitionRestored(RECOGNITION, LEARNER, CREDENTIAL,
                EventType.ACCREDITATION_GRANTED.type(), null, null, null, AT));
        samples.put(EventType.RECOGNITION_KEPT, new RecognitionKept(RECOGNITION, LEARNER, "NEEDS_REVIEW",
                List.of(CREDENTIAL), new BigDecimal("3"), CREDENTIAL, null, EventType.CREDENTIAL_SUSPENDED.type(), null,
                null, AT));
        samples.put(EventType.RECOGNISING_ORGANISATION_REGISTERED, new RecognisingOrganisationRegistered(ORGANISATION,
                "Siemens", "EMPLOYER", null, AT));
        samples.put(EventType.RECOGNITION_POLICY_DEFINED, new RecognitionPolicyDefined(POLICY, null, "Siemens", null,
                "EMPLOYMENT", new RecognitionPolicyDefined.Rules(null, null, null, null, false, null, null, null, null,
                null, false), false, AT));
        samples.put(EventType.PATHWAY_COMPLETED, new PathwayCompleted(COMPLETION, PATHWAY, 1, AWARDING_BODY,
                new CredentialIssued.Learner(LEARNER, null, null, null), false, "FLAG",
                new PathwayCompleted.StackedCredential("Responsible Data Science (stacked)", null,
                        List.of(new CredentialIssued.LearningOutcome("Design a data-driven system responsibly", null)),
                        new CredentialIssued.Workload(new BigDecimal("15"), null), null,
                        new CredentialIssued.Assessment("PORTFOLIO", null), new CredentialIssued.Participation("ONLINE", null),
                        new QualityAssurance("INTERNAL", null), null, null, null, null),
                List.of(CREDENTIAL), AT));
        samples.put(EventType.PATHWAY_COMPLETION_WITHDRAWN, new PathwayCompletionWithdrawn(COMPLETION, PATHWAY,
                AWARDING_BODY, LEARNER, CREDENTIAL, "ACCREDITATION_WITHDRAWN", null, "FLAG", null, AT));
        samples.put(EventType.PATHWAY_COMPLETION_RESTORED, new PathwayCompletionRestored(COMPLETION, PATHWAY,
                AWARDING_BODY, LEARNER, CREDENTIAL, null, null, null, AT));
        samples.put(EventType.PATHWAY_DEFINED, new PathwayDefined(PATHWAY, AWARDING_BODY, null,
                "Responsible Data Science (stacked)", new PathwayDefined.Requirements(null, null, null, null, null, null,
                null, false), false, "FLAG", ((PathwayCompleted) samples.get(EventType.PATHWAY_COMPLETED)).target(), AT));
        samples.put(EventType.STACKING_ENABLED, new StackingEnabled(AWARDING_BODY, PATHWAY,
                new StackingEnabled.Terms("Responsible Data Science (stacked)", 7, new BigDecimal("0.5")), AWARDING_BODY,
                AT));
        samples.put(EventType.STACKING_DISABLED, new StackingDisabled(AWARDING_BODY, PATHWAY, AWARDING_BODY, AT));
        samples.put(EventType.STACKING_REFUSED, new StackingRefused(COMPLETION, PATHWAY, AWARDING_BODY,
                List.of(new StackingRefused.Reason("PATHWAY_NOT_ENABLED", "not enabled", null)), AT));
        return Collections.unmodifiableMap(samples);
    }
}
