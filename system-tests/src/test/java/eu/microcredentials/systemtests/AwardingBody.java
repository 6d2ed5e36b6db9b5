package eu.microcredentials.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An awarding body registered by the operator, as its own integration acts: with the API key the
 * registration answered.
 *
 * @param registered the issuer's view of it in the registration's answer
 * @param issuer     issuer-service, called with this body's API key
 */
record AwardingBody(String id, String apiKey, JsonNode registered, JsonHttp issuer) {

    String credentialsPath() {
        return "/api/v1/awarding-bodies/" + id + "/credentials";
    }

    /** Issues a credential; the issuer's answer (201 Created). */
    JsonNode issue(ObjectNode credential) {
        return issuer.post(credentialsPath(), credential).expect(201);
    }
}
