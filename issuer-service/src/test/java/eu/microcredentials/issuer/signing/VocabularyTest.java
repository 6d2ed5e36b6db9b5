package eu.microcredentials.issuer.signing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import eu.microcredentials.events.EventJson;
import eu.microcredentials.issuer.support.IssuerApi;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Our own JSON-LD context is published, and every credential names it. */
@QuarkusTest
class VocabularyTest {

    @Test
    void theContextOfOurTermsIsServedAsJsonLd() {
        given().when().get("/ns/microcredential/v1").then().statusCode(200)
                .contentType(startsWith("application/ld+json"))
                .body("'@context'.eqfLevel.'@id'", equalTo("mc:eqfLevel"))
                .body("'@context'.issuerCountries.'@id'", equalTo("mc:issuerCountry"));
    }

    @Test
    void everyCredentialNamesThePublishedContextAfterTheW3cAndOpenBadgesOnes() throws Exception {
        IssuerApi.AwardingBody body = IssuerApi.registerAwardingBody("PT");
        String jwt = IssuerApi.issue(body, IssuerApi.fullCredential(IssuerApi.newLearner()))
                .then().statusCode(201).extract().path("verifiableCredential");

        JsonNode context = EventJson.mapper().readTree(JWSObject.parse(jwt).getPayload().toString()).get("@context");

        assertEquals("https://www.w3.org/ns/credentials/v2", context.get(0).asText());
        assertEquals(CredentialDocument.OB_CONTEXT, context.get(1).asText());
        URI ours = URI.create(context.get(2).asText());
        assertTrue(ours.getPath().endsWith(VocabularyResource.PATH), ours.toString());
        given().when().get(ours.getPath()).then().statusCode(200);
    }
}
