package eu.microcredentials.registry.verification;

import static eu.microcredentials.testsupport.ContractEvents.awardingBody;
import static eu.microcredentials.testsupport.ContractEvents.credential;
import static eu.microcredentials.testsupport.ContractEvents.envelope;
import static eu.microcredentials.testsupport.ContractEvents.newId;
import static eu.microcredentials.testsupport.ContractEvents.signed;
import static eu.microcredentials.testsupport.ContractEvents.signingKeyAdded;
import static eu.microcredentials.testsupport.ContractEvents.signingKeyRetired;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import eu.microcredentials.events.data.CredentialRevoked;
import eu.microcredentials.testsupport.ContractProducer;
import eu.microcredentials.testsupport.Eventually;
import eu.microcredentials.registry.support.VcJwts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Anyone shown a signed credential can verify it against the registry: the issuer's topics bring the
 * awarding bodies, their keys and the credentials; POST /api/v1/verifications reports every check.
 */
@QuarkusTest
class VerifyCredentialTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String COUNTRY = "LU";
    private static final String[] CHECKS = {"format", "issuer-registered", "signing-key", "signature",
            "key-active-at-issuance", "registered-record", "status", "accredited-at-issuance", "accredited-now"};
    private static final String OPERATOR_KEY = "test-registry-operator-key";
    private static final String DEQAR = "https://www.eqar.eu/qa-results/report/12345";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private ContractProducer kafka;

    @BeforeEach
    void connect() {
        kafka = new ContractProducer(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    /** A credential the issuer signed and published, and what signed it. */
    private record Issued(String awardingBody, JWK key, String credentialId, String verifiableCredential) {
    }

    @Test
    void a_credential_signed_by_its_awarding_body_verifies_with_every_check_passed() {
        Issued issued = issuedAndRegistered(VcJwts.p256Key());

        verify(issued.verifiableCredential())
                .body("verified", equalTo(true))
                .body("credentialId", equalTo(issued.credentialId()))
                .body("awardingBodyId", equalTo(issued.awardingBody()))
                .body("status", equalTo("ACTIVE"))
                .body("checks.name", contains(CHECKS))
                .body("checks.findAll { it.required }.passed", everyItem(equalTo(true)))
                .body("checks.findAll { it.required }.size()", equalTo(7))
                .body("checks.detail", everyItem(notNullValue()))
                .body("statusDetail", nullValue())
                .body(check("accredited-at-issuance") + ".required", equalTo(false))
                .body(check("accredited-at-issuance") + ".passed", equalTo(false))
                .body(check("accredited-now") + ".detail", equalTo("no accreditation recorded"))
                .body(check("signature") + ".detail", containsString(issued.key().getKeyID()))
                .body(check("status") + ".detail", equalTo("status is ACTIVE"));

        given().when().get("/api/v1/registry/credentials/{id}", issued.credentialId())
                .then().statusCode(200)
                .body("verifiableCredential", equalTo(issued.verifiableCredential()))
                .body("credential.signingKeyId", equalTo(issued.key().getKeyID()));
        String body = "find { it.id == '%s' }".formatted(issued.awardingBody());
        given().queryParam("country", COUNTRY).when().get("/api/v1/registry/awarding-bodies")
                .then().statusCode(200)
                .body(body + ".keys.size()", equalTo(1))
                .body(body + ".keys[0].keyId", equalTo(issued.key().getKeyID()))
                .body(body + ".keys[0].algorithm", equalTo("ES256"))
                .body(body + ".keys[0].publicJwk.kty", equalTo("EC"))
                .body(body + ".keys[0].publicJwk.crv", equalTo("P-256"))
                .body(body + ".keys[0].publicJwk.d", nullValue())
                .body(body + ".keys[0].activeFrom", notNullValue())
                .body(body + ".keys[0].retiredAt", nullValue());
    }

    @Test
    void a_credential_signed_with_ed25519_verifies_too() {
        Issued issued = issuedAndRegistered(VcJwts.ed25519Key());
        verify(issued.verifiableCredential())
                .body("verified", equalTo(true))
                .body(check("signature") + ".detail", containsString("EdDSA"));
    }

    @Test
    void a_changed_payload_under_the_original_signature_fails_the_signature() {
        Issued issued = issuedAndRegistered(VcJwts.p256Key());
        String tampered = VcJwts.tamper(issued.verifiableCredential(),
                vc -> ((ObjectNode) vc.get("credentialSubject").get("achievement")).put("creditsAvailable", 60));

        verify(tampered)
                .body("verified", equalTo(false))
                .body("checks.name", contains(CHECKS))
                .body(check("format") + ".passed", equalTo(true))
                .body(check("signing-key") + ".passed", equalTo(true))
                .body(check("signature") + ".passed", equalTo(false))
                .body(check("signature") + ".detail", startsWith("the signature does not verify"))
                .body(check("registered-record") + ".passed", equalTo(false))
                .body(check("registered-record") + ".detail", containsString("differs from the one registered"));
    }

    @Test
    void a_credential_signed_with_another_key_under_the_published_kid_fails_the_signature() {
        Issued issued = issuedAndRegistered(VcJwts.p256Key());
        String forged = VcJwts.sign(VcJwts.credential(issued.credentialId(), issued.awardingBody(), "did:example:mallory",
                Instant.now()), VcJwts.p256Key(), issued.key().getKeyID());

        verify(forged)
                .body("verified", equalTo(false))
                .body(check("signing-key") + ".passed", equalTo(true))
                .body(check("signature") + ".passed", equalTo(false))
                .body(check("registered-record") + ".passed", equalTo(false));
    }

    @Test
    void a_key_of_another_awarding_body_fails_the_signing_key_check() {
        Issued issued = issuedAndRegistered(VcJwts.p256Key());
        ECKey othersKey = VcJwts.p256Key();
        String other = newId();
        kafka.publish(envelope(awardingBody(other, "Other Institute " + other, COUNTRY), 1, other, COUNTRY));
        kafka.publish(envelope(signingKeyAdded(other, othersKey, now().minus(1, ChronoUnit.DAYS)), 2, other, COUNTRY));
        awaitKey(other, othersKey.getKeyID(), false);

        String signedByOther = VcJwts.sign(VcJwts.credential(newId(), issued.awardingBody(), "did:example:ada", now()),
                othersKey);
        verify(signedByOther)
                .body("verified", equalTo(false))
                .body(check("issuer-registered") + ".passed", equalTo(true))
                .body(check("signing-key") + ".passed", equalTo(false))
                .body(check("signing-key") + ".detail", equalTo("key " + othersKey.getKeyID()
                        + " belongs to another awarding body (" + other + "), not to " + issued.awardingBody()))
                .body(check("signature") + ".detail", startsWith("not checked: "));
    }

    @Test
    void a_credential_of_an_awarding_body_the_registry_does_not_know_fails_issuer_registered() {
        ECKey key = VcJwts.p256Key();
        String unknown = newId();
        String compact = VcJwts.sign(VcJwts.credential(newId(), unknown, "did:example:ada", now()), key);

        verify(compact)
                .body("verified", equalTo(false))
                .body("awardingBodyId", equalTo(unknown))
                .body("status", nullValue())
                .body(check("format") + ".passed", equalTo(true))
                .body(check("issuer-registered") + ".passed", equalTo(false))
                .body(check("issuer-registered") + ".detail", equalTo("awarding body " + unknown + " is not in the registry"))
                .body(check("signing-key") + ".passed", equalTo(false))
                .body(check("signing-key") + ".detail", equalTo("key " + key.getKeyID() + " is not published in the registry"))
                .body(check("status") + ".detail", equalTo("not checked: the credential is not in the registry"));
    }

    @Test
    void a_correctly_signed_credential_the_registry_never_recorded_fails_the_record_check() {
        Issued issued = issuedAndRegistered(VcJwts.p256Key());
        String neverIssued = VcJwts.sign(VcJwts.credential(newId(), issued.awardingBody(), "did:example:ada", now()),
                issued.key());

        verify(neverIssued)
                .body("verified", equalTo(false))
                .body(check("signature") + ".passed", equalTo(true))
                .body(check("key-active-at-issuance") + ".passed", equalTo(true))
                .body(check("key-active-at-issuance") + ".detail", containsString("(not in the registry)"))
                .body(check("registered-record") + ".passed", equalTo(false))
                .body(check("registered-record") + ".detail", containsString("is not in the registry"))
                .body(check("status") + ".passed", equalTo(false));
    }

    @Test
    void after_a_key_rotation_what_the_old_key_signed_still_verifies_but_nothing_it_signs_later() {
        String body = newId();
        ECKey oldKey = VcJwts.p256Key();
        ECKey newKey = VcJwts.p256Key();
        Instant rotatedAt = now().minus(10, ChronoUnit.DAYS);
        kafka.publish(envelope(awardingBody(body, "Rotating University " + body, COUNTRY), 1, body, COUNTRY));
        kafka.publish(envelope(signingKeyAdded(body, oldKey, now().minus(30, ChronoUnit.DAYS)), 2, body, COUNTRY));
        Issued beforeRotation = issue(body, oldKey, now().minus(20, ChronoUnit.DAYS));
        awaitVerified(beforeRotation);

        kafka.publish(envelope(signingKeyAdded(body, newKey, rotatedAt), 3, body, COUNTRY));
        kafka.publish(envelope(signingKeyRetired(body, oldKey.getKeyID(), rotatedAt), 4, body, COUNTRY));
        awaitKey(body, oldKey.getKeyID(), true);

        verify(beforeRotation.verifiableCredential())
                .body("verified", equalTo(true))
                .body(check("key-active-at-issuance") + ".detail", containsString("until " + rotatedAt));

        Issued withRetiredKey = issue(body, oldKey, now());
        awaitRegistered(withRetiredKey);
        verify(withRetiredKey.verifiableCredential())
                .body("verified", equalTo(false))
                .body(check("signature") + ".passed", equalTo(true))
                .body(check("registered-record") + ".passed", equalTo(true))
                .body(check("key-active-at-issuance") + ".passed", equalTo(false))
                .body(check("key-active-at-issuance") + ".detail", containsString("when the key was not active"));

        Issued withNewKey = issue(body, newKey, now());
        awaitVerified(withNewKey);

        String keys = "find { it.id == '%s' }.keys".formatted(body);
        given().queryParam("country", COUNTRY).when().get("/api/v1/registry/awarding-bodies")
                .then().statusCode(200)
                .body(keys + ".keyId", contains(oldKey.getKeyID(), newKey.getKeyID()))
                .body(keys + "[0].retiredAt", notNullValue())
                .body(keys + "[1].retiredAt", nullValue());
    }

    @Test
    void text_that_is_not_a_vc_jwt_does_not_verify_and_every_check_says_why() {
        verify("this is not a credential")
                .body("verified", equalTo(false))
                .body("checks.name", contains(CHECKS))
                .body("checks.passed", everyItem(equalTo(false)))
                .body(check("format") + ".detail", startsWith("not a compact JWS"))
                .body("checks.findAll { it.name != 'format' }.detail", everyItem(startsWith("not checked: ")));
    }

    @Test
    void a_body_without_a_credential_string_is_refused_naming_the_field() {
        for (String body : new String[] {"{}", "{\"credential\": null}", "{\"credential\": 42}", "{\"credential\": \" \"}",
                "not json at all", "[\"a.b.c\"]", ""}) {
            given().contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/verifications")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("errors.pointer", hasItem("/credential"));
        }
    }

    @Test
    void accreditation_and_revocation_are_reported_and_only_the_operator_sees_why() {
        Issued issued = issuedAndRegistered(VcJwts.p256Key());
        operator().body(Map.of("status", "ACCREDITED", "qualityAssuranceAgency", "A3ES", "evidence", DEQAR,
                        "validFrom", now().minus(2, ChronoUnit.DAYS).toString()))
                .when().put("/api/v1/registry/awarding-bodies/{id}/accreditation", issued.awardingBody())
                .then().statusCode(200);
        Eventually.await(DEADLINE, () -> verify(issued.verifiableCredential())
                .body(check("accredited-at-issuance") + ".passed", equalTo(true))
                .body(check("accredited-now") + ".passed", equalTo(true)));
        verify(issued.verifiableCredential())
                .body("verified", equalTo(true))
                .body(check("accredited-now") + ".detail", startsWith("accredited by A3ES from "))
                .body(check("accredited-now") + ".detail", containsString("(evidence " + DEQAR + ")"));

        operator().body(Map.of("status", "WITHDRAWN", "evidence", DEQAR + "/withdrawal"))
                .when().put("/api/v1/registry/awarding-bodies/{id}/accreditation", issued.awardingBody())
                .then().statusCode(200);
        Eventually.await(DEADLINE, () -> verify(issued.verifiableCredential())
                .body(check("accredited-now") + ".passed", equalTo(false)));
        verify(issued.verifiableCredential())
                .body("verified", equalTo(true))
                .body(check("accredited-at-issuance") + ".passed", equalTo(true))
                .body(check("accredited-now") + ".detail", containsString("was withdrawn from"));

        // retroactive to before the issuing instant: still REVOKED
        Instant revokedAt = now();
        kafka.publish(envelope(new CredentialRevoked(issued.credentialId(), issued.awardingBody(), "Issued in error",
                revokedAt.minus(3, ChronoUnit.DAYS), "operator", null, revokedAt), 2, issued.awardingBody(), COUNTRY));
        Eventually.await(DEADLINE, () -> verify(issued.verifiableCredential()).body("status", equalTo("REVOKED")));
        verify(issued.verifiableCredential())
                .body("verified", equalTo(false))
                .body(check("status") + ".passed", equalTo(false))
                .body(check("status") + ".detail", equalTo("status is REVOKED"))
                .body("$", not(hasKey("statusDetail")));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer not-the-operator-key")
                .body(Map.of("credential", issued.verifiableCredential()))
                .when().post("/api/v1/verifications")
                .then().statusCode(200)
                .body("status", equalTo("REVOKED"))
                .body("$", not(hasKey("statusDetail")));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + OPERATOR_KEY)
                .body(Map.of("credential", issued.verifiableCredential()))
                .when().post("/api/v1/verifications")
                .then().statusCode(200)
                .body("status", equalTo("REVOKED"))
                .body("statusDetail.reason", equalTo("Issued in error"))
                .body("statusDetail.effectiveFrom", equalTo(revokedAt.minus(3, ChronoUnit.DAYS).toString()))
                .body("statusDetail.recordedAt", equalTo(revokedAt.toString()));

        ValidatableResponse posted = verify(issued.verifiableCredential());
        given().when().get("/api/v1/registry/credentials/{id}/verification", issued.credentialId())
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("verified", equalTo(false))
                .body("credentialId", equalTo(issued.credentialId()))
                .body("status", equalTo("REVOKED"))
                .body("$", not(hasKey("statusDetail")))
                .body("checks.name", contains(CHECKS))
                .body("checks.passed", equalTo(posted.extract().path("checks.passed")))
                .body("checks.required", equalTo(posted.extract().path("checks.required")))
                .body("checks.detail", equalTo(posted.extract().path("checks.detail")));
        given().header("Authorization", "Bearer " + OPERATOR_KEY)
                .when().get("/api/v1/registry/credentials/{id}/verification", issued.credentialId())
                .then().statusCode(200)
                .body("statusDetail.reason", equalTo("Issued in error"));
    }

    @Test
    void verifying_a_credential_the_registry_does_not_hold_by_its_id_is_not_found() {
        given().when().get("/api/v1/registry/credentials/{id}/verification", newId())
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void the_endpoint_is_documented_in_the_openapi_description() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/v1/verifications'.post.tags", hasItem("Verification"))
                .body("paths.'/api/v1/verifications'.post.summary", equalTo("Verify a signed credential"))
                .body("paths.'/api/v1/verifications'.post.responses.'400'.content.'application/problem+json'", notNullValue())
                .body("components.schemas.VerificationRequest.properties.credential.type", equalTo("string"))
                .body("components.schemas.Verification.properties.checks.type", equalTo("array"))
                .body("components.schemas.Verification.properties.statusDetail", notNullValue())
                .body("components.schemas.VerificationCheck.properties.required.type", equalTo("boolean"))
                .body("paths.'/api/v1/verifications'.post.description", containsString("accredited-now"))
                .body("paths.'/api/v1/registry/credentials/{id}/verification'.get.tags", hasItem("Verification"))
                .body("paths.'/api/v1/registry/credentials/{id}/verification'.get.responses.'404'", notNullValue());
    }

    private Issued issuedAndRegistered(JWK key) {
        String body = newId();
        kafka.publish(envelope(awardingBody(body, "Verification University " + body, COUNTRY), 1, body, COUNTRY));
        kafka.publish(envelope(signingKeyAdded(body, key, now().minus(1, ChronoUnit.DAYS)), 2, body, COUNTRY));
        Issued issued = issue(body, key, now());
        awaitVerified(issued);
        return issued;
    }

    /** The issuer signs a credential with the key and publishes it, issued at {@code issuedAt}. */
    private Issued issue(String body, JWK key, Instant issuedAt) {
        String credentialId = newId();
        String learner = "did:example:" + newId();
        String vc = VcJwts.sign(VcJwts.credential(credentialId, body, learner, issuedAt), key);
        kafka.publish(envelope(signed(credential(credentialId, body, learner, COUNTRY, new BigDecimal("5")), vc,
                key.getKeyID(), issuedAt), 1, body, COUNTRY));
        return new Issued(body, key, credentialId, vc);
    }

    /** Keys and credentials come on two topics: wait until the registry has both. */
    private void awaitVerified(Issued issued) {
        Eventually.await(DEADLINE, () -> verify(issued.verifiableCredential()).body("verified", equalTo(true)));
    }

    private void awaitRegistered(Issued issued) {
        Eventually.await(DEADLINE, () -> given().when().get("/api/v1/registry/credentials/{id}", issued.credentialId())
                .then().statusCode(200)
                .body("verifiableCredential", equalTo(issued.verifiableCredential())));
    }

    private void awaitKey(String body, String keyId, boolean retired) {
        String key = "find { it.id == '%s' }.keys.find { it.keyId == '%s' }".formatted(body, keyId);
        Eventually.await(DEADLINE, () -> given().queryParam("country", COUNTRY).when().get("/api/v1/registry/awarding-bodies")
                .then().statusCode(200)
                .body(key + ".keyId", equalTo(keyId))
                .body(key + ".retiredAt", retired ? notNullValue() : nullValue()));
    }

    private static ValidatableResponse verify(String credential) {
        return given().contentType(ContentType.JSON).body(Map.of("credential", credential))
                .when().post("/api/v1/verifications")
                .then().statusCode(200)
                .contentType(ContentType.JSON);
    }

    private static RequestSpecification operator() {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + OPERATOR_KEY);
    }

    private static String check(String name) {
        return "checks.find { it.name == '%s' }".formatted(name);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
