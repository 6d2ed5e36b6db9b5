package eu.microcredentials.issuer.statuslists;

import static eu.microcredentials.issuer.support.IssuerApi.because;
import static eu.microcredentials.issuer.support.IssuerApi.correct;
import static eu.microcredentials.issuer.support.IssuerApi.fullCredential;
import static eu.microcredentials.issuer.support.IssuerApi.issueCredential;
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
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import eu.microcredentials.issuer.domain.credential.Credential;
import eu.microcredentials.issuer.domain.credential.StatusPurpose;
import eu.microcredentials.issuer.infrastructure.Streams;
import eu.microcredentials.issuer.signing.BitstringStatusList;
import eu.microcredentials.issuer.signing.CredentialSigner;
import eu.microcredentials.issuer.signing.SigningKeyVault;
import eu.microcredentials.issuer.signing.StatusListCredential;
import eu.microcredentials.issuer.support.IssuerApi;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The status lists are a projection of the event log: after issuing, suspending, reinstating,
 * revoking (also retroactively) and correcting a mix of credentials, each list rebuilt from nothing
 * but the awarding body's events (every stream folded from scratch through the domain) is byte for
 * byte the list served live: the decoded bitstring, the {@code encodedList} and the whole unsigned
 * credential; both copies signed verify with the published key. The index reservations are not part
 * of the log, and the served lists do not depend on them.
 */
@QuarkusTest
class StatusListRebuildTest {
    private static final Duration DB_DEADLINE = Duration.ofSeconds(10);
    private static final String LIST = "/api/v1/status-lists/{body}/{purpose}";

    @Inject
    Pool pool;

    @Inject
    Streams streams;

    @Inject
    SigningKeyVault vault;

    @ConfigProperty(name = "mc.status-lists.ttl-ms")
    long ttlMillis;

    private IssuerApi.AwardingBody body;
    /** What the requests below leave set in each list, by credential id: the expectation, not the rebuild. */
    private final Set<String> expectedRevoked = new HashSet<>();
    private final Set<String> expectedSuspended = new HashSet<>();

    @BeforeEach
    void aMixOfStatusChanges() {
        body = registerAwardingBody("PT");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(issueCredential(body, fullCredential(newLearner())));
        }
        revoke(body.request(), ids.get(0), because("Issued in error")).then().statusCode(200);
        revoke(body.request(), ids.get(1), """
                {"reason":"Fraud","effectiveFrom":"%s"}""".formatted((String) body.request()
                .when().get("/api/v1/credentials/{id}", ids.get(1)).then().extract().path("issuedAt")))
                .then().statusCode(200);
        suspend(body.request(), ids.get(2), because("Under investigation")).then().statusCode(200);
        suspend(body.request(), ids.get(3), because("Under investigation")).then().statusCode(200);
        reinstate(body.request(), ids.get(3), because("Investigation closed")).then().statusCode(200);
        suspend(body.request(), ids.get(4), because("Under investigation")).then().statusCode(200);
        revoke(body.request(), ids.get(4), because("Confirmed")).then().statusCode(200);
        suspend(body.request(), ids.get(5), because("Under investigation")).then().statusCode(200);
        reinstate(body.request(), ids.get(5), because("Investigation closed")).then().statusCode(200);
        suspend(body.request(), ids.get(5), because("Second look")).then().statusCode(200);
        String correction = correct(body.request(), ids.get(6), fullCredential(newLearner())).then().statusCode(201)
                .extract().path("id");
        suspend(body.request(), correction, because("Correction under review")).then().statusCode(200);
        expectedRevoked.addAll(List.of(ids.get(0), ids.get(1), ids.get(4), ids.get(6)));
        expectedSuspended.addAll(List.of(ids.get(2), ids.get(5), correction));
    }

    /** The awarding body and each of its credentials, folded from their events alone, from scratch. */
    private record Folded(AwardingBody.Registered awardingBody, List<Credential.Issued> credentials) {
    }

    private Folded foldTheLog() {
        List<String> streamIds = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT DISTINCT stream_id FROM event_store WHERE awarding_body_id = $1 "
                + "AND stream_type = 'credential'").execute(Tuple.of(body.id())).await().atMost(DB_DEADLINE)) {
            streamIds.add(row.getString("stream_id"));
        }
        List<Credential.Issued> credentials = new ArrayList<>();
        for (String streamId : streamIds) {
            credentials.add(assertInstanceOf(Credential.Issued.class, streams.credential(pool,
                    CredentialId.parse(streamId)).await().atMost(DB_DEADLINE).state()));
        }
        AwardingBody.Registered awardingBody = assertInstanceOf(AwardingBody.Registered.class,
                streams.awardingBody(pool, AwardingBodyId.parse(body.id())).await().atMost(DB_DEADLINE).state());
        return new Folded(awardingBody, credentials);
    }

    /** The list of {@code purpose} computed from the folded log, as of {@code validFrom}. */
    private ObjectNode rebuilt(Folded log, StatusPurpose purpose, Instant validFrom) {
        Set<URI> urls = new HashSet<>();
        List<Integer> set = new ArrayList<>();
        for (Credential.Issued credential : log.credentials()) {
            urls.add(purpose == StatusPurpose.REVOCATION ? credential.signed().revocationList()
                    : credential.signed().suspensionList());
            if (purpose.flags(credential.status())) {
                set.add((int) credential.signed().statusListIndex());
            }
        }
        assertEquals(1, urls.size(), "every credential of a body names the same list: " + urls);
        return StatusListCredential.of(urls.iterator().next(), log.awardingBody().id(), purpose,
                BitstringStatusList.encode(set), validFrom, ttlMillis);
    }

    private static byte[] bitstring(String encodedList) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(
                Base64.getUrlDecoder().decode(encodedList.substring(1))))) {
            return in.readAllBytes();
        }
    }

    private static String encodedList(ObjectNode list) {
        return list.path("credentialSubject").path("encodedList").asText();
    }

    private Set<Integer> indexesOf(Folded log, Set<String> ids) {
        Set<Integer> indexes = new TreeSet<>();
        log.credentials().stream().filter(credential -> ids.contains(credential.id().toString()))
                .forEach(credential -> indexes.add((int) credential.signed().statusListIndex()));
        assertEquals(ids.size(), indexes.size());
        return indexes;
    }

    @Test
    void each_list_rebuilt_from_the_log_is_byte_identical_to_the_live_one_and_both_signed_copies_verify()
            throws IOException {
        for (StatusPurpose purpose : StatusPurpose.values()) {
            String live = given().when().get(LIST, body.id(), purpose.value()).then().statusCode(200).extract().asString();
            byte[] livePayload = parse(live).getPayload().toBytes();
            ObjectNode liveList = (ObjectNode) payload(live);
            // the one field that is not from the log: when this copy was made
            Instant validFrom = Instant.parse(liveList.path("validFrom").asText());

            Folded log = foldTheLog();
            ObjectNode rebuilt = rebuilt(log, purpose, validFrom);

            Set<String> expected = purpose == StatusPurpose.REVOCATION ? expectedRevoked : expectedSuspended;
            assertEquals(indexesOf(log, expected), BitstringStatusList.decode(encodedList(rebuilt)),
                    purpose + ": the rebuild holds exactly what the requests changed");
            assertArrayEquals(bitstring(encodedList(rebuilt)), bitstring(encodedList(liveList)), purpose + " bitstring");
            assertEquals(encodedList(rebuilt), encodedList(liveList), purpose + " encodedList");
            assertArrayEquals(rebuilt.toString().getBytes(StandardCharsets.UTF_8), livePayload,
                    purpose + ": the whole unsigned credential");

            // ES256 signatures are randomised: both copies differ in their signature, and both verify
            String rebuiltJwt = CredentialSigner.sign(rebuilt, vault.privateKey(pool,
                    log.awardingBody().activeKey().orElseThrow().keyId()).await().atMost(DB_DEADLINE));
            assertTrue(verifies(live, activeKey(body.id()).publicKey()), purpose + " live copy verifies");
            assertTrue(verifies(rebuiltJwt, activeKey(body.id()).publicKey()), purpose + " rebuilt copy verifies");
            assertEquals(parse(live).getHeader().toJSONObject(), parse(rebuiltJwt).getHeader().toJSONObject());
            assertArrayEquals(livePayload, parse(rebuiltJwt).getPayload().toBytes());

            // the unsigned JSON representation too
            String json = given().accept("application/json").when().get(LIST, body.id(), purpose.value())
                    .then().statusCode(200).extract().asString();
            Instant jsonValidFrom = Instant.parse(payloadOf(json).get("validFrom").toString());
            assertEquals(rebuilt(log, purpose, jsonValidFrom).toString(), json, purpose + " JSON");
        }
    }

    private static Map<String, Object> payloadOf(String json) {
        return new io.vertx.core.json.JsonObject(json).getMap();
    }

    @Test
    void the_lists_do_not_depend_on_the_allocation_of_places_only_on_the_log() {
        Map<StatusPurpose, String> before = Map.of(
                StatusPurpose.REVOCATION, encodedList((ObjectNode) payload(given().when()
                        .get(LIST, body.id(), "revocation").then().statusCode(200).extract().asString())),
                StatusPurpose.SUSPENSION, encodedList((ObjectNode) payload(given().when()
                        .get(LIST, body.id(), "suspension").then().statusCode(200).extract().asString())));

        // the allocation drifts from the log: its count starts again and its shuffle is another
        long moved = pool.preparedQuery("""
                        UPDATE status_list_allocation SET next_position = 0,
                            permutation_key = decode(md5(permutation_key::text) || md5(awarding_body_id), 'hex')
                        WHERE awarding_body_id = $1""")
                .execute(Tuple.of(body.id())).await().atMost(DB_DEADLINE).rowCount();
        assertEquals(1, moved, "allocations changed");

        for (StatusPurpose purpose : StatusPurpose.values()) {
            String live = given().when().get(LIST, body.id(), purpose.value()).then().statusCode(200).extract().asString();
            assertEquals(before.get(purpose), encodedList((ObjectNode) payload(live)), purpose + " unchanged");
            Instant validFrom = Instant.parse(payload(live).path("validFrom").asText());
            assertEquals(rebuilt(foldTheLog(), purpose, validFrom).toString(),
                    new String(parse(live).getPayload().toBytes(), StandardCharsets.UTF_8));
        }
    }
}
