package eu.microcredentials.registry.auditreport;

import static eu.microcredentials.testsupport.ContractEvents.awardingBody;
import static eu.microcredentials.testsupport.ContractEvents.credential;
import static eu.microcredentials.testsupport.ContractEvents.envelope;
import static eu.microcredentials.testsupport.ContractEvents.newId;
import static eu.microcredentials.testsupport.ContractEvents.signed;
import static eu.microcredentials.testsupport.ContractEvents.signingKeyAdded;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.ECKey;
import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.data.AccreditationGranted;
import eu.microcredentials.events.data.AccreditationWithdrawn;
import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.events.data.CredentialReinstated;
import eu.microcredentials.events.data.CredentialRevoked;
import eu.microcredentials.events.data.CredentialSuspended;
import eu.microcredentials.registry.support.VcJwts;
import eu.microcredentials.testsupport.ContractProducer;
import eu.microcredentials.testsupport.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Audit reports of a credential and of its awarding body on real Kafka and PostgreSQL, as JSON and as a
 * printable HTML document: a credential's whole life (suspended, reinstated, revoked retroactively as
 * corrected) beside its body's accreditation granted and withdrawn; hostile text in the log is escaped.
 */
@QuarkusTest
class AuditReportTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String COUNTRY = "SI";
    private static final String OPERATOR_KEY = "test-registry-operator-key";
    private static final String DEQAR = "https://www.eqar.eu/qa-results/report/5151";
    private static final String HOSTILE_REASON = "<script>alert('reason')</script>";
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final Instant ISSUED = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofDays(10));

    private static Published shared;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Pool pool;

    /**
     * What was published: credential A's life in the order recorded, and B, the correction that supersedes A,
     * issued unsigned.
     */
    private record Published(String body, String legalName, String keyId, String credential, String correction,
                             List<EventEnvelope> life) {
    }

    @Test
    void the_credential_report_holds_its_registration_standing_whole_life_awarding_body_and_read_model_positions() {
        Published published = published();
        Instant before = Instant.now();
        ValidatableResponse report = credentialReport(published.credential(), "application/json")
                .contentType("application/json");

        report.body("generated.service", equalTo("registry-service"))
                .body("generated.instance", startsWith("registry-service-test-"))
                .body("credential.id", equalTo(published.credential()))
                .body("credential.awardingBodyId", equalTo(published.body()))
                .body("credential.signingKeyId", equalTo(published.keyId()))
                .body("credential.elements.credentialId", equalTo(published.credential()))
                .body("credential.elements.learningOutcomes[0].description", notNullValue())
                .body("credential.verifiableCredential", notNullValue())
                .body("standing.status", equalTo("REVOKED"))
                .body("standing.latestChange.reason", equalTo("corrected"))
                .body("standing.latestChange.effectiveFrom", equalTo(ISSUED.plus(Duration.ofDays(1)).toString()))
                .body("standing.latestChange.recordedAt", equalTo(ISSUED.plus(Duration.ofDays(6)).toString()))
                .body("standing.verification.verified", equalTo(false))
                .body("standing.verification.checks.find { it.name == 'status' }.passed", equalTo(false))
                .body("standing.verification.checks.find { it.name == 'signature' }.passed", equalTo(true))
                .body("standing.verificationNote", nullValue())
                .body("standing", hasKey("supersedes"))
                .body("standing.supersedes", nullValue())
                .body("standing.supersededBy", equalTo(published.correction()))
                .body("life.id", contains(published.life().stream().map(e -> e.id().toString()).toArray()))
                .body("life.type", contains(published.life().stream().map(e -> e.type().type()).toArray()))
                .body("life.reason", contains(null, null, null, HOSTILE_REASON, "cleared", "review failed", "corrected"))
                .body("life.actor", contains("operator-1", null, null, "operator-7", "operator-7", "operator-1",
                        "operator-7"))
                .body("life.source", everyItem(equalTo("/test")))
                .body("life.kafka.topic", contains("mc.accreditations.v1", "mc.awarding-bodies.v1",
                        "mc.credentials.v1", "mc.credentials.v1", "mc.credentials.v1", "mc.accreditations.v1",
                        "mc.credentials.v1"))
                // not told by the kernel yet: present, and null
                .body("life.kafka", everyItem(hasKey("partition")))
                .body("life.chain", everyItem(hasKey("previousHash")))
                .body("life.chain.hash", everyItem(nullValue()))
                .body("awardingBody.legalName", equalTo(published.legalName()))
                .body("awardingBody.accreditation.status", equalTo("WITHDRAWN"))
                .body("awardingBody.accreditationHistory.status", contains("ACCREDITED", "WITHDRAWN"))
                .body("awardingBody.accreditationHistory.reason", contains(null, "review failed"))
                .body("awardingBody.signingKeys.keyId", contains(published.keyId()))
                .body("readModel.lastEventAt", notNullValue())
                .body("readModel.projections.name", hasItems("accreditations", "history", "registry"))
                .body("readModel.projections.find { it.name == 'history' }.state", equalTo("RUNNING"))
                .body("readModel.projections.find { it.name == 'history' }.partitions", not(empty()))
                .body("readModel.projections.find { it.name == 'history' }.partitions.topic",
                        hasItems("mc.credentials.v1", "mc.accreditations.v1"));
        Instant generated = Instant.parse(report.extract().path("generated.at"));
        assertFalse(generated.isAfter(Instant.now()), "made by now: " + generated);
        assertFalse(generated.isBefore(before.minusSeconds(1)), "made for this request: " + generated);
        List<String> recorded = report.extract().path("life.recordedAt");
        assertEquals(recorded.stream().sorted().toList(), recorded, "oldest recorded first");
        assertEquals(ISSUED.plus(Duration.ofDays(1)).toString(), report.extract().path("life[6].effectiveFrom"),
                "the revocation takes effect retroactively");
    }

    @Test
    void the_report_of_a_correction_issued_unsigned_links_back_and_says_why_it_was_not_verified() {
        Published published = published();
        credentialReport(published.correction(), "application/json")
                .body("standing.status", equalTo("ACTIVE"))
                .body("standing.supersedes", equalTo(published.credential()))
                .body("standing.verification", nullValue())
                .body("standing.verificationNote", containsString("unsigned"))
                .body("standing.latestChange", nullValue())
                .body("credential.signingKeyId", nullValue())
                .body("life.type", hasItem("eu.microcredential.credential.issued.v1"));
    }

    @Test
    void partition_offset_and_hash_chain_link_are_shown_where_the_history_holds_them() {
        Published published = published();
        String hash = "sha256:" + newId();
        String previous = "sha256:" + newId();
        // the kernel does not hand them to projections yet: written as the history projection will write them
        pool.preparedQuery("""
                        UPDATE registry_event_history SET kafka_partition = 3, kafka_offset = 41, hash = $2, previous_hash = $3
                        WHERE credential_id = $1""")
                .execute(Tuple.of(published.correction(), hash, previous)).await().atMost(Duration.ofSeconds(10));

        credentialReport(published.correction(), "application/json")
                .body("life.find { it.concerns == 'credential' }.kafka.partition", equalTo(3))
                .body("life.find { it.concerns == 'credential' }.kafka.offset", equalTo(41))
                .body("life.find { it.concerns == 'credential' }.chain.hash", equalTo(hash))
                .body("life.find { it.concerns == 'credential' }.chain.previousHash", equalTo(previous));
        String html = credentialReport(published.correction(), "text/html").extract().asString();
        assertTrue(html.contains("3 / 41"), "partition / offset");
        assertTrue(html.contains(hash) && html.contains(previous), "hash and previous hash");
    }

    @Test
    void the_credential_document_shows_every_event_in_order_and_escapes_what_the_log_says() {
        Published published = published();
        ExtractableResponse<Response> document = credentialReport(published.credential(), BROWSER_ACCEPT)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .extract();
        String html = document.asString();

        assertNoMarkupFromTheLog(html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;reason&#39;)&lt;/script&gt;"), "the hostile reason, escaped");
        int at = -1;
        for (EventEnvelope event : published.life()) {
            int found = html.indexOf(event.id().toString(), at + 1);
            assertTrue(found > at, event.type().type() + " " + event.id() + " after the one before it");
            assertTrue(html.indexOf(event.type().type(), at + 1) > at, event.type().type() + " shown");
            at = found;
        }
        assertTrue(html.contains("not recorded"), "partition, offset and hashes the registry was not told");
        assertTrue(html.contains("REVOKED"), "status now");
        assertTrue(html.contains(published.correction()), "superseded by");
        assertTrue(html.contains("signed this credential"), "the key that signed it");
        assertTrue(html.contains("review failed"), "the withdrawal's reason");
        assertTrue(html.contains("history"), "read model positions");
    }

    @Test
    void the_awarding_body_report_counts_lists_and_pages_its_credentials_and_every_status_change() {
        Published published = published();
        ValidatableResponse report = given().header("Authorization", "Bearer " + OPERATOR_KEY)
                .accept("application/json")
                .queryParam("size", 1).queryParam("page", 1)
                .when().get("/api/v1/registry/awarding-bodies/{id}/audit-report", published.body())
                .then().statusCode(200).contentType("application/json");

        report.body("generated.instance", startsWith("registry-service-test-"))
                .body("awardingBody.id", equalTo(published.body()))
                .body("awardingBody.legalName", equalTo(published.legalName()))
                .body("awardingBody.country", equalTo(COUNTRY))
                .body("accreditation.status", equalTo("WITHDRAWN"))
                .body("accreditationHistory.reason", contains(null, "review failed"))
                .body("signingKeys.keyId", contains(published.keyId()))
                .body("credentialsByStatus.status", contains("ACTIVE", "SUSPENDED", "REVOKED"))
                .body("credentialsByStatus.count", contains(1, 0, 1))
                .body("statusChanges.total", equalTo(3))
                .body("statusChanges.shown", equalTo(3))
                .body("statusChanges.items.credentialId", everyItem(equalTo(published.credential())))
                .body("statusChanges.items.status", contains("SUSPENDED", "ACTIVE", "REVOKED"))
                .body("statusChanges.items.reason", contains(HOSTILE_REASON, "cleared", "corrected"))
                .body("statusChanges.items.effectiveFrom", contains(ISSUED.plus(Duration.ofDays(3)).toString(),
                        ISSUED.plus(Duration.ofDays(4)).toString(), ISSUED.plus(Duration.ofDays(1)).toString()))
                .body("credentials.total", equalTo(2))
                .body("credentials.page", equalTo(1))
                .body("credentials.size", equalTo(1))
                .body("credentials.items.id", contains(published.correction()))
                .body("credentials.items[0].supersedes", equalTo(published.credential()))
                .body("readModel.projections.name", hasItem("registry"));
    }

    @Test
    void the_awarding_body_document_escapes_its_name_and_the_reasons_and_lists_every_change() {
        Published published = published();
        String html = given().header("Authorization", "Bearer " + OPERATOR_KEY).accept("text/html")
                .when().get("/api/v1/registry/awarding-bodies/{id}/audit-report", published.body())
                .then().statusCode(200).contentType(containsString("text/html")).extract().asString();

        assertNoMarkupFromTheLog(html);
        assertTrue(html.contains("Universiteta &lt;b onmouseover=&quot;steal()&quot;&gt;Maribor&lt;/b&gt; &amp; Co"),
                "the body's name, escaped");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;reason&#39;)&lt;/script&gt;"), "the hostile reason, escaped");
        for (String kind : List.of("suspension", "reinstatement", "revocation")) {
            assertTrue(html.contains(kind), kind);
        }
        assertTrue(html.contains(published.credential()) && html.contains(published.correction()), "its credentials");
        assertTrue(html.contains("review failed"), "the withdrawal's reason");
    }

    @Test
    void json_is_the_default_and_format_overrides_the_accept_header() {
        Published published = published();
        given().header("Authorization", "Bearer " + OPERATOR_KEY)
                .when().get("/api/v1/registry/credentials/{id}/audit-report", published.credential())
                .then().statusCode(200).contentType("application/json")
                .body("credential.id", equalTo(published.credential()));
        given().header("Authorization", "Bearer " + OPERATOR_KEY).header("Accept", "*/*")
                .when().get("/api/v1/registry/awarding-bodies/{id}/audit-report", published.body())
                .then().statusCode(200).contentType("application/json");
        given().header("Authorization", "Bearer " + OPERATOR_KEY).accept("application/json").queryParam("format", "html")
                .when().get("/api/v1/registry/credentials/{id}/audit-report", published.credential())
                .then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<!DOCTYPE html>"));
        given().header("Authorization", "Bearer " + OPERATOR_KEY).accept("text/html").queryParam("format", "json")
                .when().get("/api/v1/registry/awarding-bodies/{id}/audit-report", published.body())
                .then().statusCode(200).contentType("application/json");
    }

    @Test
    void only_operators_get_a_report_unknown_ids_are_404_and_bad_parameters_are_named() {
        Published published = published();
        for (String path : List.of("/api/v1/registry/credentials/" + published.credential() + "/audit-report",
                "/api/v1/registry/awarding-bodies/" + published.body() + "/audit-report")) {
            given().when().get(path).then().statusCode(401).contentType("application/problem+json");
            given().accept("text/html").when().get(path).then().statusCode(401).contentType("application/problem+json");
            given().header("Authorization", "Bearer another-key").when().get(path).then().statusCode(401);
        }
        for (String accept : List.of("application/json", "text/html")) {
            given().header("Authorization", "Bearer " + OPERATOR_KEY).accept(accept)
                    .when().get("/api/v1/registry/credentials/{id}/audit-report", newId())
                    .then().statusCode(404).contentType("application/problem+json");
            given().header("Authorization", "Bearer " + OPERATOR_KEY).accept(accept)
                    .when().get("/api/v1/registry/awarding-bodies/{id}/audit-report", newId())
                    .then().statusCode(404).contentType("application/problem+json");
        }
        given().header("Authorization", "Bearer " + OPERATOR_KEY).queryParam("format", "pdf").queryParam("size", 0)
                .when().get("/api/v1/registry/awarding-bodies/{id}/audit-report", published.body())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", contains("/query/format", "/query"))
                .body("errors[0].reason", containsString("json or html"))
                .body("errors[1].reason", containsString("size"));
    }

    /** Nothing the log says becomes markup: the only tags are the template's, and none runs or loads anything. */
    private static void assertNoMarkupFromTheLog(String html) {
        String lower = html.toLowerCase();
        assertFalse(lower.contains("<script"), "no script element");
        assertFalse(lower.contains("<b onmouseover"), "no element from the log");
        assertFalse(lower.contains("<link") || lower.contains("src="), "nothing loaded from elsewhere");
        assertTrue(lower.contains("<style>"), "its own inline style");
    }

    /** The events every test reads, published once: no test changes them. */
    private Published published() {
        if (shared == null) {
            shared = publish();
        }
        return shared;
    }

    /**
     * An accredited body (with a hostile name) publishes a key and signs credential A; A is suspended (with a
     * hostile reason) and reinstated; the accreditation is withdrawn with a backdated effect; B corrects A, and A
     * is revoked retroactively as superseded by B. Waits until the registry shows all of it.
     */
    private Published publish() {
        String body = newId();
        String legalName = "Universiteta <b onmouseover=\"steal()\">Maribor</b> & Co " + body;
        String credentialId = newId();
        String correction = newId();
        ECKey key = VcJwts.p256Key();
        String learner = "did:example:" + newId();
        EventEnvelope registered = envelope(awardingBody(body, legalName, COUNTRY), 1, body, COUNTRY);
        EventEnvelope granted = envelope(new AccreditationGranted(body, "SQAA", DEQAR, ISSUED.minus(Duration.ofDays(60)),
                null, "operator-1", ISSUED.minus(Duration.ofDays(60))), 1, body, COUNTRY);
        EventEnvelope keyAdded = withTime(envelope(signingKeyAdded(body, key, ISSUED.minus(Duration.ofDays(1))), 2, body,
                COUNTRY), ISSUED.minus(Duration.ofDays(1)));
        EventEnvelope issued = envelope(signed(credential(credentialId, body, learner, COUNTRY, new BigDecimal("3")),
                VcJwts.sign(VcJwts.credential(credentialId, body, learner, ISSUED), key), key.getKeyID(), ISSUED), 1,
                body, COUNTRY);
        EventEnvelope suspended = envelope(new CredentialSuspended(credentialId, body, HOSTILE_REASON, "operator-7",
                ISSUED.plus(Duration.ofDays(3))), 2, body, COUNTRY);
        EventEnvelope reinstated = envelope(new CredentialReinstated(credentialId, body, "cleared", "operator-7",
                ISSUED.plus(Duration.ofDays(4))), 3, body, COUNTRY);
        EventEnvelope withdrawn = envelope(new AccreditationWithdrawn(body, "SQAA", DEQAR, "review failed",
                ISSUED.plus(Duration.ofDays(2)), "operator-1", ISSUED.plus(Duration.ofDays(5))), 2, body, COUNTRY);
        EventEnvelope corrected = envelope(superseding(credential(correction, body, learner, COUNTRY, new BigDecimal("3")),
                credentialId, ISSUED.plus(Duration.ofDays(6))), 1, body, COUNTRY);
        EventEnvelope revoked = envelope(new CredentialRevoked(credentialId, body, "corrected",
                ISSUED.plus(Duration.ofDays(1)), "operator-7", correction, ISSUED.plus(Duration.ofDays(6))), 4, body,
                COUNTRY);
        try (ContractProducer kafka = new ContractProducer(bootstrapServers)) {
            for (EventEnvelope event : List.of(registered, granted, keyAdded, issued, suspended, reinstated, withdrawn,
                    corrected, revoked)) {
                kafka.publish(event);
            }
        }
        Published published = new Published(body, legalName, key.getKeyID(), credentialId, correction,
                List.of(granted, keyAdded, issued, suspended, reinstated, withdrawn, revoked));
        Eventually.await(DEADLINE, () -> {
            credentialReport(credentialId, "application/json")
                    .body("life.size()", equalTo(published.life().size()))
                    .body("standing.supersededBy", equalTo(correction))
                    .body("awardingBody.legalName", equalTo(legalName));
            credentialReport(correction, "application/json").body("standing.supersedes", equalTo(credentialId));
        });
        return published;
    }

    /** The credential as a correction of another, issued then (unsigned). */
    private static CredentialIssued superseding(CredentialIssued c, String supersedes, Instant issuedAt) {
        return new CredentialIssued(c.credentialId(), c.awardingBodyId(), c.coAwardingBodyIds(), c.issuerCountries(),
                c.learner(), c.title(), c.issuedOn(), c.learningOutcomes(), c.workload(), c.level(), c.assessment(),
                c.participation(), c.qualityAssurance(), c.prerequisites(), c.supervision(), c.grade(), c.stackability(),
                c.furtherInformation(), null, null, null, supersedes, issuedAt);
    }

    private static EventEnvelope withTime(EventEnvelope event, Instant time) {
        return new EventEnvelope(event.id(), event.source(), event.type(), event.subject(),
                time.atOffset(ZoneOffset.UTC), event.sequence(), event.awardingBody(), event.country(),
                event.data());
    }

    private static ValidatableResponse credentialReport(String credentialId, String accept) {
        return given().header("Authorization", "Bearer " + OPERATOR_KEY).accept(accept)
                .when().get("/api/v1/registry/credentials/{id}/audit-report", credentialId)
                .then().statusCode(200);
    }
}
