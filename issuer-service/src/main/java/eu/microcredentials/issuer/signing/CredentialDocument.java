package eu.microcredentials.issuer.signing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CountryCode;
import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import eu.microcredentials.issuer.domain.credential.MicroCredential;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * The W3C Verifiable Credential (Data Model 2.0) of a micro-credential, as JSON: the issuer is the
 * awarding body, the subject the learner with an Open Badges 3.0 achievement holding every EU
 * standard element (ELM v3 / OB3 names where they have one), and two Bitstring Status List entries.
 */
public final class CredentialDocument {
    public static final String VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";
    public static final String OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CredentialDocument() {
    }

    /**
     * The status list entries a credential carries, both at the same reserved index, and where the
     * issuer publishes the JSON-LD context of our own terms.
     */
    public record Status(long index, URI revocationList, URI suspensionList, URI vocabulary) {
    }

    public static ObjectNode of(CredentialId id, AwardingBody.Registered awardingBody, MicroCredential content,
                                Instant issuedAt, Status status) {
        return of(id, awardingBody, content, issuedAt, status, null, List.of());
    }

    /**
     * @param supersedes the credential this one corrects and replaces, or null; named as {@code supersedes}
     *                   (Dublin Core {@code dcterms:replaces} in our context)
     * @param hasPart    the credentials this one is made of (stacked on a learning pathway), or none; named
     *                   as {@code hasPart} (ELM's and Dublin Core's {@code hasPart}, {@code dcterms:hasPart})
     */
    public static ObjectNode of(CredentialId id, AwardingBody.Registered awardingBody, MicroCredential content,
                                Instant issuedAt, Status status, CredentialId supersedes, List<CredentialId> hasPart) {
        ObjectNode vc = JSON.objectNode();
        vc.putArray("@context").add(VC_CONTEXT).add(OB_CONTEXT).add(status.vocabulary().toString());
        vc.put("id", "urn:uuid:" + id);
        vc.putArray("type").add("VerifiableCredential").add("OpenBadgeCredential").add("EuropeanMicroCredential");
        vc.set("issuer", issuer(awardingBody));
        vc.put("validFrom", issuedAt.toString());
        vc.put("name", content.title());
        vc.set("credentialSubject", subject(id, content));
        ArrayNode statuses = vc.putArray("credentialStatus");
        statuses.add(statusEntry(status.revocationList(), "revocation", status.index()));
        statuses.add(statusEntry(status.suspensionList(), "suspension", status.index()));
        if (supersedes != null) {
            vc.put("supersedes", "urn:uuid:" + supersedes);
        }
        if (!hasPart.isEmpty()) {
            ArrayNode parts = vc.putArray("hasPart");
            hasPart.forEach(part -> parts.add("urn:uuid:" + part));
        }
        return vc;
    }

    public static String urn(AwardingBodyId id) {
        return "urn:uuid:" + id;
    }

    private static ObjectNode issuer(AwardingBody.Registered awardingBody) {
        ObjectNode issuer = JSON.objectNode();
        issuer.put("id", urn(awardingBody.id()));
        issuer.putArray("type").add("Profile");
        issuer.put("name", awardingBody.profile().legalName());
        if (awardingBody.profile().website() != null) {
            issuer.put("url", awardingBody.profile().website().toString());
        }
        ObjectNode address = issuer.putObject("address");
        address.putArray("type").add("Address");
        address.put("addressCountryCode", awardingBody.profile().country().value());
        if (awardingBody.profile().legalIdentifier() != null) {
            ObjectNode identifier = JSON.objectNode();
            identifier.putArray("type").add("IdentifierEntry");
            identifier.put("identifierType", awardingBody.profile().legalIdentifier().scheme());
            identifier.put("identifier", awardingBody.profile().legalIdentifier().value());
            issuer.putArray("otherIdentifier").add(identifier);
        }
        return issuer;
    }

    private static ObjectNode subject(CredentialId id, MicroCredential content) {
        ObjectNode subject = JSON.objectNode();
        subject.put("id", content.learner().id().toString());
        subject.putArray("type").add("AchievementSubject");
        putIfPresent(subject, "givenName", content.learner().givenName());
        putIfPresent(subject, "familyName", content.learner().familyName());
        if (content.learner().dateOfBirth() != null) {
            subject.put("birthDate", content.learner().dateOfBirth().toString());
        }
        ObjectNode achievement = subject.putObject("achievement");
        achievement.put("id", "urn:uuid:" + id + "#achievement");
        achievement.putArray("type").add("Achievement");
        achievement.put("achievementType", "MicroCredential");
        achievement.put("name", content.title());
        achievement.putObject("criteria").put("narrative", content.assessment().description() != null
                ? content.assessment().description() : "Assessed by " + content.assessment().type());
        achievement.put("issuedOn", content.issuedOn().toString());
        ArrayNode countries = achievement.putArray("issuerCountries");
        content.issuerCountries().stream().map(CountryCode::value).forEach(countries::add);
        if (!content.coAwardingBodies().isEmpty()) {
            ArrayNode coBodies = achievement.putArray("coAwardingBodies");
            content.coAwardingBodies().forEach(body -> coBodies.add(urn(body)));
        }
        ArrayNode outcomes = achievement.putArray("learningOutcomes");
        ArrayNode alignments = JSON.arrayNode();
        for (MicroCredential.LearningOutcome outcome : content.learningOutcomes()) {
            ObjectNode node = outcomes.addObject().put("description", outcome.description());
            if (outcome.escoSkill() != null) {
                node.put("relatedESCOSkill", outcome.escoSkill().toString());
                ObjectNode alignment = alignments.addObject();
                alignment.putArray("type").add("Alignment");
                alignment.put("targetName", outcome.description());
                alignment.put("targetUrl", outcome.escoSkill().toString());
                alignment.put("targetFramework", "ESCO");
                alignment.put("targetType", "ceterms:Skill");
            }
        }
        if (!alignments.isEmpty()) {
            achievement.set("alignment", alignments);
        }
        achievement.put("creditsAvailable", content.workload().ects());
        if (content.workload().hours() != null) {
            achievement.put("volumeOfLearningHours", content.workload().hours());
        }
        if (content.level() != null) {
            if (content.level().eqf() != null) {
                achievement.put("eqfLevel", content.level().eqf());
            }
            if (content.level().qfEhea() != null) {
                achievement.put("qfEheaCycle", content.level().qfEhea().name());
            }
        }
        ObjectNode assessment = achievement.putObject("assessment").put("type", content.assessment().type().name());
        putIfPresent(assessment, "description", content.assessment().description());
        ObjectNode participation = achievement.putObject("participation").put("form", content.participation().form().name());
        putIfPresent(participation, "description", content.participation().description());
        ObjectNode qa = achievement.putObject("qualityAssurance").put("type", content.qualityAssurance().type().name());
        putIfPresent(qa, "description", content.qualityAssurance().description());
        putIfPresent(achievement, "entryRequirement", content.prerequisites());
        if (content.supervision() != null) {
            ObjectNode supervision = achievement.putObject("supervision").put("supervised", content.supervision().supervised());
            if (content.supervision().identityVerification() != null) {
                supervision.put("identityVerification", content.supervision().identityVerification().name());
            }
        }
        if (content.stackability() != null) {
            ObjectNode stackability = achievement.putObject("stackability").put("stackable", content.stackability().stackable());
            putIfPresent(stackability, "description", content.stackability().description());
        }
        putIfPresent(achievement, "furtherInformation", content.furtherInformation());
        if (content.grade() != null) {
            ObjectNode result = subject.putArray("result").addObject();
            result.putArray("type").add("Result");
            result.put("value", content.grade());
        }
        return subject;
    }

    private static ObjectNode statusEntry(URI list, String purpose, long index) {
        ObjectNode entry = JSON.objectNode();
        entry.put("id", list + "#" + index);
        entry.put("type", "BitstringStatusListEntry");
        entry.put("statusPurpose", purpose);
        entry.put("statusListIndex", Long.toString(index));
        entry.put("statusListCredential", list.toString());
        return entry;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
