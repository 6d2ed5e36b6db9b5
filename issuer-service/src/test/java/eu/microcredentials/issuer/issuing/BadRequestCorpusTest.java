package eu.microcredentials.issuer.issuing;

import static eu.microcredentials.issuer.support.IssuerApi.PROBLEM_JSON;
import static eu.microcredentials.issuer.support.IssuerApi.asOperator;
import static eu.microcredentials.issuer.support.IssuerApi.fullCredential;
import static eu.microcredentials.issuer.support.IssuerApi.registerAwardingBody;
import static eu.microcredentials.issuer.support.IssuerApi.withKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.microcredentials.issuer.support.EventLog;
import eu.microcredentials.issuer.support.IssuerApi.AwardingBody;
import eu.microcredentials.issuer.support.StatusListPlaces;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad requests, one per case: each names its expected status and, for a 400, the JSON Pointer of
 * every field to blame (and only those). Every answer is problem+json and records no event.
 * Each case changes one thing (rarely two) in a request that is otherwise valid.
 */
@QuarkusTest
class BadRequestCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LEARNER = "mailto:corpus@example.org";
    private static final String ESCO = "http://data.europa.eu/esco/skill/8e6c2b58-1b2e-4f5b-9b1a-2f0c7c9c1f3e";
    private static final String VALID_REGISTRATION = """
            {"legalName":"Hochschule Korpus","country":"DE","legalIdentifier":{"scheme":"ERASMUS","value":"D KORPUS01"},
             "website":"https://www.example.de","qualityAssurance":{"type":"EXTERNAL","description":"Accredited"}}""";
    private static final Set<String> ASKED = new HashSet<>();

    /** Two awarding bodies, registered once for the whole corpus: A is the one addressed, B another tenant. */
    private static AwardingBody a;
    private static AwardingBody b;

    @Inject
    Pool pool;

    /** Where a request goes. */
    enum Target {
        CREDENTIALS_OF_A, CREDENTIALS_OF_AN_UNKNOWN_BODY, CREDENTIALS_OF_A_MALFORMED_ID, REGISTRATION
    }

    /** Which key it carries. */
    enum Caller {
        A, B, OPERATOR, NONE, UNKNOWN_KEY
    }

    /** One bad request and what it must answer. */
    record Case(String name, Target target, Caller caller, String body, String idempotencyKey,
                boolean keyUsedBefore, int status, List<String> pointers) {
        @Override
        public String toString() {
            return name;
        }

        Case as(Caller other) {
            return new Case(name, target, other, body, idempotencyKey, keyUsedBefore, status, pointers);
        }

        Case to(Target other) {
            return new Case(name, other, caller, body, idempotencyKey, keyUsedBefore, status, pointers);
        }

        /** The idempotency key was used before, by A, with another (valid) body. */
        Case withKeyUsedBefore(String key) {
            return new Case(name, target, caller, body, key, true, status, pointers);
        }
    }

    // ---- the corpus ---------------------------------------------------------------------------

    static Stream<Case> corpus() {
        List<Case> cases = new ArrayList<>();

        // each mandatory element missing
        cases.add(invalid("learner missing", without("/learner"), "/learner"));
        cases.add(invalid("learner.id missing", without("/learner/id"), "/learner/id"));
        cases.add(invalid("title missing", without("/title"), "/title"));
        cases.add(invalid("title blank", with("/title", "   "), "/title"));
        cases.add(invalid("learningOutcomes missing", without("/learningOutcomes"), "/learningOutcomes"));
        cases.add(invalid("learningOutcomes empty", with("/learningOutcomes", json("[]")), "/learningOutcomes"));
        cases.add(invalid("learningOutcomes/0 null", with("/learningOutcomes/0", json("null")), "/learningOutcomes/0"));
        cases.add(invalid("learningOutcomes/0/description missing", without("/learningOutcomes/0/description"),
                "/learningOutcomes/0/description"));
        cases.add(invalid("learningOutcomes/1/description blank", with("/learningOutcomes",
                json("[{\"description\":\"Train models\"},{\"description\":\" \"}]")), "/learningOutcomes/1/description"));
        cases.add(invalid("workload missing", without("/workload"), "/workload"));
        cases.add(invalid("workload.ects missing", without("/workload/ects"), "/workload/ects"));
        cases.add(invalid("assessment missing", without("/assessment"), "/assessment"));
        cases.add(invalid("assessment.type missing", without("/assessment/type"), "/assessment/type"));
        cases.add(invalid("participation missing", without("/participation"), "/participation"));
        cases.add(invalid("participation.form missing", without("/participation/form"), "/participation/form"));
        cases.add(invalid("qualityAssurance missing", without("/qualityAssurance"), "/qualityAssurance"));
        cases.add(invalid("qualityAssurance.type missing", without("/qualityAssurance/type"), "/qualityAssurance/type"));

        // malformed values
        cases.add(invalid("learner id without a scheme", with("/learner/id", "ana.silva@example.org"), "/learner/id"));
        cases.add(invalid("learner id with http:", with("/learner/id", "http://example.org/learners/1"), "/learner/id"));
        cases.add(invalid("learner id with https:", with("/learner/id", "https://example.org/learners/1"), "/learner/id"));
        cases.add(invalid("learner id that is not a URI", with("/learner/id", "mailto:ana silva@example.org"),
                "/learner/id"));
        cases.add(invalid("dateOfBirth as DD/MM/YYYY", with("/learner/dateOfBirth", "02/04/1999"), "/learner/dateOfBirth"));
        cases.add(invalid("dateOfBirth 30 February", with("/learner/dateOfBirth", "1999-02-30"), "/learner/dateOfBirth"));
        cases.add(invalid("issuedOn as DD-MM-YYYY", with("/issuedOn", "20-11-2026"), "/issuedOn"));
        cases.add(invalid("issuedOn with a time", with("/issuedOn", "2026-11-20T10:00:00Z"), "/issuedOn"));
        cases.add(invalid("issuedOn in the future", with("/issuedOn", "2999-01-01"), "/issuedOn"));
        cases.add(invalid("ESCO skill outside ESCO", with("/learningOutcomes/0/escoSkill", "http://example.org/skill/1"),
                "/learningOutcomes/0/escoSkill"));
        cases.add(invalid("ESCO occupation, not a skill",
                with("/learningOutcomes/0/escoSkill", "http://data.europa.eu/esco/occupation/1"),
                "/learningOutcomes/0/escoSkill"));
        cases.add(invalid("ESCO skill that is not a URI", with("/learningOutcomes/0/escoSkill", "esco skill 42"),
                "/learningOutcomes/0/escoSkill"));

        // wrong JSON types
        cases.add(invalid("title as a number", with("/title", json("42")), "/title"));
        cases.add(invalid("title as an array", with("/title", json("[\"Applied Machine Learning\"]")), "/title"));
        cases.add(invalid("title as an object", with("/title", json("{\"en\":\"Applied Machine Learning\"}")), "/title"));
        cases.add(invalid("ects as a word", with("/workload/ects", "three"), "/workload/ects"));
        cases.add(invalid("ects as a numeric string", with("/workload/ects", "3"), "/workload/ects"));
        cases.add(invalid("hours as a fraction", with("/workload/hours", json("75.5")), "/workload/hours"));
        cases.add(invalid("eqf as a word", with("/level/eqf", "six"), "/level/eqf"));
        cases.add(invalid("eqf as a numeric string", with("/level/eqf", "6"), "/level/eqf"));
        cases.add(invalid("learningOutcomes as an object",
                with("/learningOutcomes", json("{\"description\":\"Train models\"}")), "/learningOutcomes"));
        cases.add(invalid("issuerCountries as a string", with("/issuerCountries", "PT"), "/issuerCountries"));
        cases.add(invalid("learner as a string", with("/learner", LEARNER), "/learner"));
        cases.add(invalid("supervised as a string", with("/supervision/supervised", "yes"), "/supervision/supervised"));

        // oversize text
        cases.add(invalid("title of 301 characters", with("/title", "x".repeat(301)), "/title"));
        cases.add(invalid("learning outcome of 2001 characters", with("/learningOutcomes/0/description", "x".repeat(2001)),
                "/learningOutcomes/0/description"));
        cases.add(invalid("grade of 101 characters", with("/grade", "x".repeat(101)), "/grade"));
        cases.add(invalid("prerequisites of 2001 characters", with("/prerequisites", "x".repeat(2001)), "/prerequisites"));
        cases.add(invalid("furtherInformation of 2001 characters", with("/furtherInformation", "x".repeat(2001)),
                "/furtherInformation"));
        cases.add(invalid("givenName of 201 characters", with("/learner/givenName", "x".repeat(201)), "/learner/givenName"));

        // codes outside their vocabularies
        cases.add(invalid("unknown assessment type", with("/assessment/type", "TELEPATHY"), "/assessment/type"));
        cases.add(invalid("assessment type in lower case", with("/assessment/type", "written_exam"), "/assessment/type"));
        cases.add(invalid("unknown participation form", with("/participation/form", "BY_POST"), "/participation/form"));
        cases.add(invalid("unknown quality assurance type", with("/qualityAssurance/type", "NONE"), "/qualityAssurance/type"));
        cases.add(invalid("unknown QF-EHEA cycle", with("/level/qfEhea", "FOURTH_CYCLE"), "/level/qfEhea"));
        cases.add(invalid("unknown identity verification", with("/supervision/identityVerification", "RETINA"),
                "/supervision/identityVerification"));

        // OTHER needs a description
        cases.add(invalid("assessment OTHER without description", with("/assessment", json("{\"type\":\"OTHER\"}")),
                "/assessment/description"));
        cases.add(invalid("participation OTHER without description", with("/participation", json("{\"form\":\"OTHER\"}")),
                "/participation/description"));
        cases.add(invalid("quality assurance OTHER without description",
                with("/qualityAssurance", json("{\"type\":\"OTHER\",\"description\":\"  \"}")),
                "/qualityAssurance/description"));

        // ranges
        cases.add(invalid("EQF 0", with("/level/eqf", json("0")), "/level/eqf"));
        cases.add(invalid("EQF 9", with("/level/eqf", json("9")), "/level/eqf"));
        cases.add(invalid("ECTS 0", with("/workload/ects", json("0")), "/workload/ects"));
        cases.add(invalid("ECTS -1", with("/workload/ects", json("-1")), "/workload/ects"));
        cases.add(invalid("ECTS 61", with("/workload/ects", json("61")), "/workload/ects"));
        cases.add(invalid("ECTS 60.5", with("/workload/ects", json("60.5")), "/workload/ects"));
        cases.add(invalid("hours 0", with("/workload/hours", json("0")), "/workload/hours"));
        cases.add(invalid("hours 1801", with("/workload/hours", json("1801")), "/workload/hours"));

        // countries
        cases.add(invalid("issuer country XX", with("/issuerCountries", json("[\"XX\"]")), "/issuerCountries/0"));
        cases.add(invalid("issuer country in lower case", with("/issuerCountries", json("[\"pt\"]")), "/issuerCountries/0"));
        cases.add(invalid("issuer country alpha-3", with("/issuerCountries", json("[\"PRT\"]")), "/issuerCountries/0"));
        cases.add(invalid("issuer country empty", with("/issuerCountries", json("[\"\"]")), "/issuerCountries/0"));
        cases.add(invalid("second issuer country bad", with("/issuerCountries", json("[\"PT\",\"EU\"]")),
                "/issuerCountries/1"));

        // co-awarding bodies
        cases.add(invalid("co-awarding body not registered",
                with("/coAwardingBodies", json("[\"" + UUID.randomUUID() + "\"]")), "/coAwardingBodies/0"));
        cases.add(invalid("co-awarding body not a UUID", with("/coAwardingBodies", json("[\"university-of-x\"]")),
                "/coAwardingBodies/0"));

        // every bad field in one answer
        cases.add(invalid("three bad fields at once",
                body -> with("/level/eqf", json("9")).apply(with("/workload/ects", json("61"))
                        .apply(with("/title", " ").apply(body))),
                "/title", "/workload/ects", "/level/eqf"));

        // who asks, for whom, and with which idempotency key
        cases.add(refused("idempotency key used before with another body", 422, UnaryOperator.identity())
                .withKeyUsedBefore("corpus-" + UUID.randomUUID()));
        cases.add(refused("another awarding body's key (cross-tenant)", 403, UnaryOperator.identity()).as(Caller.B));
        cases.add(refused("no key", 401, UnaryOperator.identity()).as(Caller.NONE));
        cases.add(refused("unknown key", 401, UnaryOperator.identity()).as(Caller.UNKNOWN_KEY));
        cases.add(refused("unknown awarding body (operator)", 404, UnaryOperator.identity())
                .as(Caller.OPERATOR).to(Target.CREDENTIALS_OF_AN_UNKNOWN_BODY));
        cases.add(refused("awarding body id not a UUID (operator)", 404, UnaryOperator.identity())
                .as(Caller.OPERATOR).to(Target.CREDENTIALS_OF_A_MALFORMED_ID));
        cases.add(refused("unknown awarding body with an awarding body's key", 403, UnaryOperator.identity())
                .to(Target.CREDENTIALS_OF_AN_UNKNOWN_BODY));

        // bodies that are no such request
        cases.add(raw("body not JSON", Target.CREDENTIALS_OF_A, "{\"title\": \"Applied Machine Learning\", "));
        cases.add(raw("body is XML", Target.CREDENTIALS_OF_A, "<credential/>"));
        cases.add(raw("empty body", Target.CREDENTIALS_OF_A, ""));
        cases.add(raw("JSON null", Target.CREDENTIALS_OF_A, "null"));
        cases.add(raw("JSON array", Target.CREDENTIALS_OF_A, "[]"));
        cases.add(raw("JSON string", Target.CREDENTIALS_OF_A, "\"credential\""));

        // registration
        cases.add(registration("website not a URL", "/website", "not a url", "/website"));
        cases.add(registration("website not http(s)", "/website", "ftp://example.org", "/website"));
        cases.add(registration("country in lower case", "/country", "de", "/country"));
        cases.add(registration("country unknown", "/country", "XX", "/country"));
        cases.add(registration("legalName blank", "/legalName", " ", "/legalName"));
        cases.add(registration("legalName of 301 characters", "/legalName", "x".repeat(301), "/legalName"));
        cases.add(registration("quality assurance type unknown", "/qualityAssurance/type", "PEER", "/qualityAssurance/type"));
        cases.add(new Case("registration with an awarding body's key", Target.REGISTRATION, Caller.A, VALID_REGISTRATION,
                null, false, 403, List.of()));
        cases.add(new Case("registration without a key", Target.REGISTRATION, Caller.NONE, VALID_REGISTRATION,
                null, false, 401, List.of()));
        cases.add(new Case("registration with an unknown key", Target.REGISTRATION, Caller.UNKNOWN_KEY, VALID_REGISTRATION,
                null, false, 401, List.of()));
        cases.add(raw("registration body not JSON", Target.REGISTRATION, "{\"legalName\":").as(Caller.OPERATOR));
        cases.add(raw("registration JSON null", Target.REGISTRATION, "null").as(Caller.OPERATOR));
        cases.add(new Case("registration country as a number", Target.REGISTRATION, Caller.OPERATOR,
                "{\"legalName\":\"Hochschule Korpus\",\"country\":49}", null, false, 400, List.of("/country")));

        return cases.stream();
    }

    // ---- the check ----------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("corpus")
    void is_refused_as_problem_json_naming_the_bad_fields_and_records_nothing(Case bad) {
        assertTrue(ASKED.add(bad.name()), "case names are unique: " + bad.name());
        try {
            check(bad);
        } catch (AssertionError failure) {
            throw new AssertionError("case \"" + bad.name() + "\": " + failure.getMessage(), failure);
        }
    }

    private void check(Case bad) {
        String awardingBody = target(bad.target());
        if (bad.keyUsedBefore()) {
            // the key was used by A for a valid request with another learner
            request(Caller.A).header("Idempotency-Key", bad.idempotencyKey()).contentType(ContentType.JSON)
                    .body(fullCredential("mailto:first+" + UUID.randomUUID() + "@example.org"))
                    .when().post("/api/v1/awarding-bodies/{id}/credentials", a.id())
                    .then().statusCode(201);
        }
        long before = EventLog.count(pool);
        long placesBefore = StatusListPlaces.taken(pool, a.id());

        RequestSpecification request = request(bad.caller()).contentType(ContentType.JSON).body(bad.body());
        if (bad.idempotencyKey() != null) {
            request.header("Idempotency-Key", bad.idempotencyKey());
        }
        Response response = bad.target() == Target.REGISTRATION
                ? request.when().post("/api/v1/awarding-bodies")
                : request.when().post("/api/v1/awarding-bodies/{id}/credentials", awardingBody);

        ValidatableResponse answer = response.then()
                .statusCode(bad.status())
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(bad.status()))
                .body("type", notNullValue())
                .body("title", notNullValue());
        if (bad.status() == 400 && !bad.pointers().isEmpty()) {
            answer.body("errors.pointer", containsInAnyOrder(bad.pointers().toArray()))
                    .body("errors.reason", everyItem(notNullValue()));
        } else if (bad.status() == 400) {
            answer.body("errors", nullValue()).body("detail", notNullValue());
        } else {
            answer.body("errors", anyOf(nullValue(), empty()));
        }
        if (bad.status() == 401) {
            answer.header("WWW-Authenticate", startsWith("Bearer"));
        }
        assertEquals(before, EventLog.count(pool), "events recorded by a refused request");
        // the request is read for the awarding body loaded in the issuance's transaction, before any place is taken
        assertEquals(placesBefore, StatusListPlaces.taken(pool, a.id()), "status-list places taken by a refused request");
    }

    @AfterAll
    static void theCorpusIsLargeEnough() {
        assertTrue(corpus().count() >= 60, "at least 60 bad requests: " + corpus().count());
    }

    // ---- how the corpus is written --------------------------------------------------------------

    private static Case invalid(String name, UnaryOperator<ObjectNode> change, String... pointers) {
        return new Case(name, Target.CREDENTIALS_OF_A, Caller.A, changed(change), null, false, 400, List.of(pointers));
    }

    private static Case refused(String name, int status, UnaryOperator<ObjectNode> change) {
        return new Case(name, Target.CREDENTIALS_OF_A, Caller.A, changed(change), null, false, status, List.of());
    }

    private static Case raw(String name, Target target, String body) {
        return new Case(name, target, Caller.A, body, null, false, 400, List.of());
    }

    private static Case registration(String name, String pointer, String value, String... pointers) {
        ObjectNode body = (ObjectNode) json(VALID_REGISTRATION);
        return new Case(name, Target.REGISTRATION, Caller.OPERATOR, with(pointer, value).apply(body).toString(), null,
                false, 400, List.of(pointers));
    }

    /** The valid request with every element, changed. */
    private static String changed(UnaryOperator<ObjectNode> change) {
        return change.apply((ObjectNode) json(fullCredential(LEARNER))).toString();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static UnaryOperator<ObjectNode> without(String pointer) {
        return body -> {
            JsonPointer at = JsonPointer.compile(pointer);
            JsonNode parent = body.at(at.head());
            if (parent instanceof ArrayNode array) {
                array.remove(at.last().getMatchingIndex());
            } else if (parent instanceof ObjectNode object && object.has(at.last().getMatchingProperty())) {
                object.remove(at.last().getMatchingProperty());
            } else {
                throw new IllegalArgumentException("nothing at " + pointer + " in " + body);
            }
            return body;
        };
    }

    private static UnaryOperator<ObjectNode> with(String pointer, String text) {
        return with(pointer, JSON.getNodeFactory().textNode(text));
    }

    private static UnaryOperator<ObjectNode> with(String pointer, JsonNode value) {
        return body -> {
            JsonPointer at = JsonPointer.compile(pointer);
            JsonNode parent = body.at(at.head());
            if (parent instanceof ArrayNode array) {
                array.set(at.last().getMatchingIndex(), value);
            } else if (parent instanceof ObjectNode object) {
                object.set(at.last().getMatchingProperty(), value);
            } else {
                throw new IllegalArgumentException("no parent of " + pointer + " in " + body);
            }
            return body;
        };
    }

    private String target(Target target) {
        if (a == null) {
            a = registerAwardingBody("PT");
            b = registerAwardingBody("NL");
        }
        return switch (target) {
            case CREDENTIALS_OF_A -> a.id();
            case CREDENTIALS_OF_AN_UNKNOWN_BODY -> UUID.randomUUID().toString();
            case CREDENTIALS_OF_A_MALFORMED_ID -> "not-a-uuid";
            case REGISTRATION -> null;
        };
    }

    private static RequestSpecification request(Caller caller) {
        return switch (caller) {
            case A -> a.request();
            case B -> b.request();
            case OPERATOR -> asOperator();
            case NONE -> given();
            case UNKNOWN_KEY -> withKey("mcak_" + UUID.randomUUID());
        };
    }
}
