package eu.microcredentials.issuer.statuslists;

import static eu.microcredentials.issuer.support.IssuerApi.PROBLEM_JSON;
import static eu.microcredentials.issuer.support.IssuerApi.because;
import static eu.microcredentials.issuer.support.IssuerApi.fullCredential;
import static eu.microcredentials.issuer.support.IssuerApi.issue;
import static eu.microcredentials.issuer.support.IssuerApi.newLearner;
import static eu.microcredentials.issuer.support.IssuerApi.registerAwardingBody;
import static eu.microcredentials.issuer.support.IssuerApi.reinstate;
import static eu.microcredentials.issuer.support.IssuerApi.revoke;
import static eu.microcredentials.issuer.support.IssuerApi.suspend;
import static eu.microcredentials.issuer.support.VerifiableCredentials.activeKey;
import static eu.microcredentials.issuer.support.VerifiableCredentials.parse;
import static eu.microcredentials.issuer.support.VerifiableCredentials.payload;
import static eu.microcredentials.issuer.support.VerifiableCredentials.verifies;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import eu.microcredentials.issuer.signing.BitstringStatusList;
import eu.microcredentials.issuer.support.IssuerApi.AwardingBody;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The awarding bodies' Bitstring status lists as a verifier fetches them: public, signed with the
 * body's active key (checked with plain Nimbus and the published JWK), exactly the revoked or
 * currently suspended credentials' bits set, cacheable, and nothing but the bits.
 */
@QuarkusTest
class StatusListTest {
    private static final String LIST = "/api/v1/status-lists/{body}/{purpose}";
    private static final String VC_JWT = "application/vc+jwt";

    private AwardingBody body;

    @BeforeEach
    void anAwardingBodyOfItsOwn() {
        body = registerAwardingBody("PT");
    }

    /** An issued credential: its id, its index in the lists, and the lists' URLs it names. */
    private record Issued(String id, int index, String revocationList, String suspensionList) {
    }

    private Issued issueOne() {
        String jwt = issue(body, fullCredential(newLearner())).then().statusCode(201).extract().path("verifiableCredential");
        JsonNode vc = payload(jwt);
        String index = null;
        String revocation = null;
        String suspension = null;
        for (JsonNode status : vc.path("credentialStatus")) {
            index = status.path("statusListIndex").asText();
            if ("revocation".equals(status.path("statusPurpose").asText())) {
                revocation = status.path("statusListCredential").asText();
            } else {
                suspension = status.path("statusListCredential").asText();
            }
        }
        return new Issued(vc.path("id").asText().substring("urn:uuid:".length()), Integer.parseInt(index), revocation,
                suspension);
    }

    /** The list as a verifier fetches it, anonymously: the compact JWT. */
    private String jwt(String purpose) {
        return given().when().get(LIST, body.id(), purpose)
                .then().statusCode(200)
                .header("Content-Type", startsWith(VC_JWT))
                .extract().asString();
    }

    /** The bits set in the list, decoded with nothing of the issuer's code: base64url, gunzip, bit test. */
    static Set<Integer> setBits(String encodedList) throws IOException {
        assertTrue(encodedList.startsWith("u"), "multibase base64url: " + encodedList);
        byte[] bits;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(
                Base64.getUrlDecoder().decode(encodedList.substring(1))))) {
            bits = in.readAllBytes();
        }
        assertEquals(16_384, bits.length, "131,072 bits");
        Set<Integer> set = new TreeSet<>();
        for (int i = 0; i < 131_072; i++) {
            if ((bits[i / 8] >> (7 - i % 8) & 1) == 1) {
                set.add(i);
            }
        }
        return set;
    }

    private static String encodedList(String jwt) {
        return payload(jwt).path("credentialSubject").path("encodedList").asText();
    }

    @Test
    void the_lists_hold_exactly_the_revoked_and_the_currently_suspended_credentials() throws IOException {
        Issued a = issueOne();
        Issued b = issueOne();
        Issued untouched = issueOne();
        assertEquals(Set.of(), setBits(encodedList(jwt("revocation"))), "nothing revoked yet");
        assertEquals(Set.of(), setBits(encodedList(jwt("suspension"))), "nothing suspended yet");

        revoke(body.request(), a.id(), because("Issued in error")).then().statusCode(200);
        suspend(body.request(), b.id(), because("Under investigation")).then().statusCode(200);

        assertEquals(Set.of(a.index()), setBits(encodedList(jwt("revocation"))));
        assertEquals(Set.of(b.index()), setBits(encodedList(jwt("suspension"))));
        assertFalse(setBits(encodedList(jwt("revocation"))).contains(untouched.index()));

        reinstate(body.request(), b.id(), because("Investigation closed")).then().statusCode(200);

        String suspension = encodedList(jwt("suspension"));
        assertEquals(Set.of(), setBits(suspension), "all zeros again");
        assertEquals(BitstringStatusList.encode(List.of()), suspension, "the very list of a body with no suspension");
        assertEquals(Set.of(a.index()), setBits(encodedList(jwt("revocation"))), "a revocation stays");
    }

    @Test
    void a_revoked_credential_that_was_suspended_shows_only_in_the_revocation_list() throws IOException {
        Issued a = issueOne();
        suspend(body.request(), a.id(), because("Under investigation")).then().statusCode(200);
        assertEquals(Set.of(a.index()), setBits(encodedList(jwt("suspension"))));

        revoke(body.request(), a.id(), because("Confirmed")).then().statusCode(200);

        assertEquals(Set.of(a.index()), setBits(encodedList(jwt("revocation"))));
        assertEquals(Set.of(), setBits(encodedList(jwt("suspension"))), "its status is REVOKED, not SUSPENDED");
    }

    @Test
    void rebuilt_from_the_event_log_the_encoded_list_is_byte_identical() {
        Issued a = issueOne();
        Issued b = issueOne();
        revoke(body.request(), a.id(), because("Issued in error")).then().statusCode(200);
        revoke(body.request(), b.id(), because("Issued in error")).then().statusCode(200);

        String first = encodedList(jwt("revocation"));
        String again = encodedList(jwt("revocation"));
        String fromTheIndexes = BitstringStatusList.encode(List.of(b.index(), a.index()));

        assertEquals(first, again);
        assertEquals(fromTheIndexes, first);
    }

    @Test
    void the_list_is_a_bitstring_status_list_credential_signed_with_the_body_s_active_key() throws Exception {
        Issued a = issueOne();
        revoke(body.request(), a.id(), because("Issued in error")).then().statusCode(200);

        for (String purpose : List.of("revocation", "suspension")) {
            String jwt = jwt(purpose);
            String url = "revocation".equals(purpose) ? a.revocationList() : a.suspensionList();
            assertTrue(url.endsWith("/api/v1/status-lists/" + body.id() + "/" + purpose), url);

            JWSHeader header = parse(jwt).getHeader();
            assertEquals("vc+jwt", header.getType().getType());
            assertEquals(JWSAlgorithm.ES256, header.getAlgorithm());
            assertEquals(activeKey(body.id()).keyId(), header.getKeyID());
            assertTrue(verifies(jwt, activeKey(body.id()).publicKey()), "verifies with the published key");

            JsonNode list = payload(jwt);
            assertEquals(List.of("https://www.w3.org/ns/credentials/v2"), texts(list.path("@context")));
            assertEquals(url, list.path("id").asText(), "the list's id is the URL the credential names");
            assertEquals(List.of("VerifiableCredential", "BitstringStatusListCredential"), texts(list.path("type")));
            assertEquals("urn:uuid:" + body.id(), list.path("issuer").asText());
            Instant validFrom = Instant.parse(list.path("validFrom").asText());
            assertTrue(Duration.between(validFrom, Instant.now()).abs().getSeconds() < 60, "validFrom " + validFrom);
            JsonNode subject = list.path("credentialSubject");
            assertEquals(url + "#list", subject.path("id").asText());
            assertEquals("BitstringStatusList", subject.path("type").asText());
            assertEquals(purpose, subject.path("statusPurpose").asText());
            assertEquals(300_000, subject.path("ttl").asLong());
            assertTrue(subject.path("encodedList").asText().startsWith("u"));

            // nothing but the bits: no reason, no date of any status change
            assertEquals(List.of("@context", "id", "type", "issuer", "validFrom", "credentialSubject"), names(list));
            assertEquals(List.of("id", "type", "statusPurpose", "encodedList", "ttl"), names(subject));
            String text = list.toString();
            assertFalse(text.contains("Issued in error"), "the reason is private");
            assertFalse(text.contains("reason") || text.contains("revokedAt") || text.contains("effectiveFrom"), text);
        }
    }

    @Test
    void after_a_key_rotation_the_lists_are_signed_with_the_new_key() {
        body.request().when().post("/api/v1/awarding-bodies/{id}/signing-keys", body.id()).then().statusCode(201);

        String jwt = jwt("revocation");

        assertEquals(activeKey(body.id()).keyId(), parse(jwt).getHeader().getKeyID());
        assertTrue(verifies(jwt, activeKey(body.id()).publicKey()));
    }

    @Test
    void json_is_answered_on_request_unsigned_with_the_same_encoded_list() throws IOException {
        Issued a = issueOne();
        suspend(body.request(), a.id(), because("Under investigation")).then().statusCode(200);

        Response json = given().accept("application/json").when().get(LIST, body.id(), "suspension")
                .then().statusCode(200)
                .header("Content-Type", startsWith("application/json"))
                .body("type", equalTo(List.of("VerifiableCredential", "BitstringStatusListCredential")))
                .body("credentialSubject.statusPurpose", equalTo("suspension"))
                .extract().response();

        assertEquals(encodedList(jwt("suspension")), json.path("credentialSubject.encodedList"));
        assertEquals(Set.of(a.index()), setBits(json.path("credentialSubject.encodedList")));
        given().accept(VC_JWT).when().get(LIST, body.id(), "suspension")
                .then().statusCode(200).header("Content-Type", startsWith(VC_JWT));
        given().header("Accept", "application/json;q=0.5, application/vc+jwt").when().get(LIST, body.id(), "suspension")
                .then().statusCode(200).header("Content-Type", startsWith(VC_JWT));
    }

    @Test
    void the_list_is_cacheable_for_its_ttl_and_revalidated_by_its_etag() {
        Response first = given().when().get(LIST, body.id(), "revocation").then().statusCode(200).extract().response();
        String etag = first.header("ETag");
        assertNotNull(etag, "ETag");
        assertEquals("public, max-age=300", normalised(first.header("Cache-Control")));

        Response unchanged = given().header("If-None-Match", etag).when().get(LIST, body.id(), "revocation")
                .then().statusCode(304).extract().response();
        assertEquals("", unchanged.asString(), "304 has no body");
        assertEquals(etag, unchanged.header("ETag"));
        given().header("If-None-Match", "\"something-else\", " + etag).when().get(LIST, body.id(), "revocation")
                .then().statusCode(304);

        // the JSON representation has a tag of its own
        String jsonTag = given().accept("application/json").when().get(LIST, body.id(), "revocation")
                .then().statusCode(200).extract().header("ETag");
        assertNotEquals(etag, jsonTag);
        // another list of the same body has another tag, although both are all zeros
        assertNotEquals(etag, given().when().get(LIST, body.id(), "suspension").then().extract().header("ETag"));

        Issued a = issueOne();
        assertEquals(etag, given().when().get(LIST, body.id(), "revocation").then().extract().header("ETag"),
                "issuing changes no bit");
        revoke(body.request(), a.id(), because("Issued in error")).then().statusCode(200);

        Response changed = given().header("If-None-Match", etag).when().get(LIST, body.id(), "revocation")
                .then().statusCode(200).extract().response();
        assertNotEquals(etag, changed.header("ETag"));
        assertFalse(changed.asString().isEmpty());
    }

    @Test
    void an_unknown_purpose_or_awarding_body_is_404() {
        given().when().get(LIST, body.id(), "message").then().statusCode(404).contentType(PROBLEM_JSON);
        given().when().get(LIST, body.id(), "REVOCATION").then().statusCode(404);
        given().when().get(LIST, UUID.randomUUID().toString(), "revocation").then().statusCode(404)
                .contentType(PROBLEM_JSON);
        given().when().get(LIST, "not-a-uuid", "suspension").then().statusCode(404);
    }

    @Test
    void a_body_with_no_revocation_publishes_all_zeros() throws IOException {
        issueOne();

        String encoded = encodedList(jwt("revocation"));

        byte[] bits;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(
                Base64.getUrlDecoder().decode(encoded.substring(1))))) {
            bits = in.readAllBytes();
        }
        assertArrayEquals(new byte[16_384], bits);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String normalised(String cacheControl) {
        return cacheControl == null ? null : String.join(", ", List.of(cacheControl.split("\\s*,\\s*")));
    }
}
