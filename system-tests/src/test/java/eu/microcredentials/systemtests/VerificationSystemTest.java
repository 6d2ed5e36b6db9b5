package eu.microcredentials.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every credential is issued signed, as a VC-JOSE JWT: anyone can check it with the awarding body's
 * published key and plain Nimbus JOSE, and the registry verifies it (signature, key, record, status)
 * on each of its instances. An altered credential fails; one signed before a key rotation still verifies.
 */
@ExtendWith(RunningPlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerificationSystemTest {
    private static final Duration PROPAGATION = Duration.ofSeconds(30);
    private static final JOSEObjectType VC_JWT = new JOSEObjectType("vc+jwt");
    private static final String VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";
    private static final String SIGNATURE = "signature";

    private Platform platform;
    private String legalName;
    private AwardingBody awardingBody;
    private String learnerId;
    private JsonNode issued;
    private String credentialId;
    private String signed;

    @BeforeAll
    void issueOneCredential(Platform platform) {
        this.platform = platform;
        legalName = "Universidade de Aveiro " + UUID.randomUUID();
        awardingBody = platform.registerAwardingBody(Requests.awardingBody(legalName));
        learnerId = Requests.newLearnerId();
        issued = awardingBody.issue(Requests.fullCredential(learnerId));
        credentialId = issued.path("id").asText();
        signed = issued.path("verifiableCredential").asText();
        assertFalse(signed.isBlank(), "the issuer answers with verifiableCredential: " + issued);
    }

    @Test
    void plain_nimbus_verifies_it_with_the_key_the_awarding_body_publishes() throws ParseException, JOSEException {
        JWSObject jws = JWSObject.parse(signed);
        assertEquals(VC_JWT, jws.getHeader().getType(), "typ");
        assertEquals(JWSAlgorithm.ES256, jws.getHeader().getAlgorithm(), "alg");

        // the public view of the awarding body, read without any API key
        JsonNode published = platform.issuer().http().get("/api/v1/awarding-bodies/" + awardingBody.id()).expect(200);
        JsonNode keys = published.path("signingKeys");
        assertEquals(1, keys.size(), "one key, made at registration: " + keys);
        JsonNode active = keys.get(0);
        assertEquals(active.path("keyId").asText(), jws.getHeader().getKeyID(), "kid is the body's active key");
        assertEquals("ES256", active.path("algorithm").asText());
        assertTrue(active.path("retiredAt").isMissingNode() || active.path("retiredAt").isNull(), "active: " + active);
        ECKey key = publicKey(published, jws.getHeader().getKeyID());
        assertFalse(key.isPrivate(), "only the public half is published: " + active.path("publicJwk"));
        assertEquals(Curve.P_256, key.getCurve());
        assertTrue(jws.verify(new ECDSAVerifier(key)), "the signature verifies with the published key");

        JsonNode vc = json(jws.getPayload().toString());
        assertEquals(VC_CONTEXT, vc.path("@context").path(0).asText(), "@context: " + vc.path("@context"));
        assertTrue(textsOf(vc.path("type")).contains("VerifiableCredential"), "type: " + vc.path("type"));
        assertEquals("urn:uuid:" + credentialId, vc.path("id").asText());
        assertEquals("urn:uuid:" + awardingBody.id(), vc.path("issuer").path("id").asText());
        assertEquals(legalName, vc.path("issuer").path("name").asText());
        assertEquals(Instant.parse(issued.path("issuedAt").asText()), Instant.parse(vc.path("validFrom").asText()),
                "validFrom is when it was issued");
        JsonSubset.assertContains(json("""
                {
                  "id": "%s", "givenName": "Ana", "familyName": "Silva", "birthDate": "1999-04-02",
                  "achievement": {
                    "name": "Applied Machine Learning",
                    "issuedOn": "2026-11-20",
                    "issuerCountries": ["PT"],
                    "learningOutcomes": [{"description": "Train and evaluate supervised models",
                                          "relatedESCOSkill": "http://data.europa.eu/esco/skill/8e6c2b58-1b2e-4f5b-9b1a-2f0c7c9c1f3e"}],
                    "creditsAvailable": 3, "volumeOfLearningHours": 75,
                    "eqfLevel": 6, "qfEheaCycle": "FIRST_CYCLE",
                    "assessment": {"type": "WRITTEN_EXAM", "description": "Proctored 2-hour exam"},
                    "participation": {"form": "ONLINE"},
                    "qualityAssurance": {"type": "EXTERNAL", "description": "Programme accredited by A3ES"},
                    "entryRequirement": "Python programming",
                    "supervision": {"supervised": true, "identityVerification": "ONLINE"},
                    "stackability": {"stackable": true, "description": "Counts towards the Data Science certificate"},
                    "furtherInformation": "https://example.org/courses/aml"
                  },
                  "result": [{"value": "18/20"}]
                }""".formatted(learnerId)), vc.path("credentialSubject"), "the signed credential's subject");

        JsonNode statuses = vc.path("credentialStatus");
        assertEquals(2, statuses.size(), "credentialStatus: " + statuses);
        Set<String> purposes = new TreeSet<>();
        for (JsonNode status : statuses) {
            assertEquals("BitstringStatusListEntry", status.path("type").asText(), "type of " + status);
            purposes.add(status.path("statusPurpose").asText());
            assertTrue(status.path("statusListCredential").asText().startsWith(platform.issuer().baseUri() + "/"),
                    "the status list is served by the issuer: " + status);
            assertTrue(status.path("statusListCredential").asText().contains(awardingBody.id()),
                    "the status list is the awarding body's: " + status);
            assertFalse(status.path("statusListIndex").asText().isBlank(), "statusListIndex of " + status);
        }
        assertEquals(Set.of("revocation", "suspension"), purposes);

        // the issuer's own view of the credential carries the same signed form
        JsonNode read = awardingBody.issuer().get("/api/v1/credentials/" + credentialId).expect(200);
        assertEquals(signed, read.path("verifiableCredential").asText());
    }

    @Test
    void both_registry_instances_verify_it_with_every_check_passed() {
        for (ServiceProcess registry : platform.registries()) {
            // the registry knows the credential once its projection has it
            JsonNode verification = Eventually.await(PROPAGATION, registry.name() + " verifying " + credentialId, () -> {
                JsonNode answer = verify(registry, signed);
                assertTrue(answer.path("verified").asBoolean(), registry.name() + ": " + failures(answer));
                return answer;
            });
            assertTrue(verification.path("checks").size() > 0, "the checks are reported: " + verification);
            assertEquals(List.of(), failures(verification), registry.name() + ": every required check passed");
            assertTrue(names(verification).contains(SIGNATURE), "a signature check: " + verification);
            assertEquals(credentialId, verification.path("credentialId").asText());
            assertEquals(awardingBody.id(), verification.path("awardingBodyId").asText());
            assertEquals("ACTIVE", verification.path("status").asText());
        }
    }

    @Test
    void an_altered_credential_fails_the_signature_check() throws ParseException, JOSEException {
        // 3 ECTS become 30: the payload changes, the signature stays
        String[] parts = signed.split("\\.");
        ObjectNode payload = (ObjectNode) json(new Base64URL(parts[1]).decodeToString());
        ((ObjectNode) payload.path("credentialSubject").path("achievement")).put("creditsAvailable", 30);
        String altered = parts[0] + "." + Base64URL.encode(payload.toString()) + "." + parts[2];

        JsonNode published = platform.issuer().http().get("/api/v1/awarding-bodies/" + awardingBody.id()).expect(200);
        JWSObject jws = JWSObject.parse(altered);
        assertFalse(jws.verify(new ECDSAVerifier(publicKey(published, jws.getHeader().getKeyID()))),
                "plain Nimbus refuses it");

        awaitRegistered(credentialId);
        for (ServiceProcess registry : platform.registries()) {
            JsonNode verification = verify(registry, altered);
            assertFalse(verification.path("verified").asBoolean(), registry.name() + ": " + verification);
            JsonNode signature = check(verification, SIGNATURE);
            assertFalse(signature.path("passed").asBoolean(), registry.name() + ": " + signature);
            // the rest of it is in order: it is the signature that gives it away
            for (String passing : List.of("format", "issuer-registered", "signing-key")) {
                assertTrue(check(verification, passing).path("passed").asBoolean(), registry.name() + ": " + verification);
            }
        }
    }

    @Test
    void the_learner_finds_the_signed_credential_in_their_own_view() {
        for (ServiceProcess registry : platform.registries()) {
            JsonNode held = Eventually.await(PROPAGATION, "the learner's view in " + registry.name(), () -> {
                JsonNode list = registry.http()
                        .get("/api/v1/registry/learners/" + JsonHttp.segment(learnerId) + "/credentials").expect(200);
                assertEquals(1, list.size(), "credentials of " + learnerId + ": " + list);
                return list.get(0);
            });
            assertEquals(credentialId, held.path("id").asText());
            assertEquals(signed, held.path("verifiableCredential").asText(),
                    "the learner can show exactly what the issuer signed");
            assertTrue(verify(registry, held.path("verifiableCredential").asText()).path("verified").asBoolean(),
                    "and it verifies");
        }
    }

    @Test
    void a_credential_signed_before_a_key_rotation_still_verifies() throws ParseException, JOSEException {
        // an awarding body of its own: rotating its key changes nothing the other tests look at
        AwardingBody rotating = platform.registerAwardingBody(
                Requests.awardingBody("Malta College of Arts, Science and Technology " + UUID.randomUUID(), "MT"));
        String oldKeyId = rotating.registered().path("signingKeys").path(0).path("keyId").asText();
        String before = rotating.issue(Requests.fullCredential(Requests.newLearnerId(), "MT"))
                .path("verifiableCredential").asText();
        assertEquals(oldKeyId, JWSObject.parse(before).getHeader().getKeyID());

        String rotatePath = "/api/v1/awarding-bodies/" + rotating.id() + "/signing-keys";
        assertEquals(401, platform.issuer().http().post(rotatePath, JsonHttp.JSON.createObjectNode()).status(),
                "rotating without a key");
        assertEquals(403, awardingBody.issuer().post(rotatePath, JsonHttp.JSON.createObjectNode()).status(),
                "rotating with another awarding body's key");
        JsonNode newKey = rotating.issuer().post(rotatePath, JsonHttp.JSON.createObjectNode()).expect(201);
        String newKeyId = newKey.path("keyId").asText();
        assertNotEquals(oldKeyId, newKeyId, "a new key: " + newKey);

        JsonNode published = platform.issuer().http().get("/api/v1/awarding-bodies/" + rotating.id()).expect(200);
        assertEquals(2, published.path("signingKeys").size(), "the retired key stays published: " + published);
        assertTrue(key(published, oldKeyId).path("retiredAt").isTextual(), "the old key is retired: " + published);
        assertTrue(key(published, newKeyId).path("retiredAt").isMissingNode() || key(published, newKeyId).path("retiredAt").isNull(),
                "the new key is active: " + published);
        String after = rotating.issue(Requests.fullCredential(Requests.newLearnerId(), "MT"))
                .path("verifiableCredential").asText();
        assertEquals(newKeyId, JWSObject.parse(after).getHeader().getKeyID(), "what is issued now is signed with the new key");

        ECKey oldKey = publicKey(published, oldKeyId);
        ECKey currentKey = publicKey(published, newKeyId);
        assertTrue(JWSObject.parse(before).verify(new ECDSAVerifier(oldKey)), "Nimbus: the earlier credential, old key");
        assertTrue(JWSObject.parse(after).verify(new ECDSAVerifier(currentKey)), "Nimbus: the later credential, new key");
        assertFalse(JWSObject.parse(after).verify(new ECDSAVerifier(oldKey)), "Nimbus: the keys differ");

        // the registry learns of the rotation from the awarding bodies' topic
        for (ServiceProcess registry : platform.registries()) {
            Eventually.await(PROPAGATION, registry.name() + " knowing " + oldKeyId + " retired", () -> {
                JsonNode body = registeredAwardingBody(registry, rotating.id(), "MT");
                assertEquals(2, body.path("keys").size(), registry.name() + ": " + body);
                for (JsonNode key : body.path("keys")) {
                    if (key.path("keyId").asText().equals(oldKeyId)) {
                        assertTrue(key.path("retiredAt").isTextual(), registry.name() + ": " + body);
                    }
                }
            });
            for (String credential : List.of(before, after)) {
                JsonNode verification = Eventually.await(PROPAGATION, registry.name() + " verifying", () -> {
                    JsonNode answer = verify(registry, credential);
                    assertTrue(answer.path("verified").asBoolean(), registry.name() + ": " + failures(answer));
                    return answer;
                });
                assertEquals(List.of(), failures(verification));
            }
        }
    }

    private void awaitRegistered(String id) {
        for (ServiceProcess registry : platform.registries()) {
            Eventually.await(PROPAGATION, id + " in " + registry.name(),
                    () -> registry.http().get("/api/v1/registry/credentials/" + id).expect(200));
        }
    }

    private static JsonNode verify(ServiceProcess registry, String credential) {
        return registry.http().post("/api/v1/verifications",
                JsonHttp.JSON.createObjectNode().put("credential", credential)).expect(200);
    }

    private static JsonNode registeredAwardingBody(ServiceProcess registry, String id, String country) {
        for (JsonNode body : registry.http().get("/api/v1/registry/awarding-bodies?country=" + country).expect(200)) {
            if (id.equals(body.path("id").asText())) {
                return body;
            }
        }
        throw new AssertionError(registry.name() + " does not know awarding body " + id + " yet");
    }

    private static JsonNode check(JsonNode verification, String name) {
        for (JsonNode check : verification.path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + verification);
    }

    /**
     * The required checks that did not pass, each with its detail (the accreditation checks are
     * informational: this test's awarding body has no accreditation decision).
     */
    private static List<String> failures(JsonNode verification) {
        List<String> failed = new ArrayList<>();
        for (JsonNode check : verification.path("checks")) {
            if (check.path("required").asBoolean(true) && !check.path("passed").asBoolean()) {
                failed.add(check.path("name").asText() + ": " + check.path("detail").asText());
            }
        }
        return failed;
    }

    private static List<String> names(JsonNode verification) {
        List<String> names = new ArrayList<>();
        verification.path("checks").forEach(check -> names.add(check.path("name").asText()));
        return names;
    }

    private static JsonNode key(JsonNode awardingBody, String keyId) {
        for (JsonNode key : awardingBody.path("signingKeys")) {
            if (keyId.equals(key.path("keyId").asText())) {
                return key;
            }
        }
        throw new AssertionError("no key " + keyId + " published: " + awardingBody);
    }

    /** A published key as Nimbus reads it, from nothing but the public JWK. */
    private static ECKey publicKey(JsonNode awardingBody, String keyId) throws ParseException {
        return ECKey.parse(key(awardingBody, keyId).path("publicJwk").toString());
    }

    private static List<String> textsOf(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static JsonNode json(String text) {
        try {
            return JsonHttp.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
