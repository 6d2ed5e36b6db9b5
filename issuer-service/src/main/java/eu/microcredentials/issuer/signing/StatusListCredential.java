package eu.microcredentials.issuer.signing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.credential.StatusPurpose;
import java.net.URI;
import java.time.Instant;

/**
 * A {@code BitstringStatusListCredential} (W3C Bitstring Status List v1.0) as VC 2.0 JSON. It says
 * only which indexes are set: no date of any status change and no reason (those stay with the issuer).
 */
public final class StatusListCredential {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StatusListCredential() {
    }

    /**
     * @param list      the URL the list is published at, also its id
     * @param validFrom when this copy of the list was made
     * @param ttlMillis how long verifiers may cache it
     */
    public static ObjectNode of(URI list, AwardingBodyId issuer, StatusPurpose purpose, String encodedList,
                                Instant validFrom, long ttlMillis) {
        ObjectNode vc = JSON.objectNode();
        vc.putArray("@context").add(CredentialDocument.VC_CONTEXT);
        vc.put("id", list.toString());
        vc.putArray("type").add("VerifiableCredential").add("BitstringStatusListCredential");
        vc.put("issuer", CredentialDocument.urn(issuer));
        vc.put("validFrom", validFrom.toString());
        ObjectNode subject = vc.putObject("credentialSubject");
        subject.put("id", list + "#list");
        subject.put("type", "BitstringStatusList");
        subject.put("statusPurpose", purpose.value());
        subject.put("encodedList", encodedList);
        subject.put("ttl", ttlMillis);
        return vc;
    }
}
