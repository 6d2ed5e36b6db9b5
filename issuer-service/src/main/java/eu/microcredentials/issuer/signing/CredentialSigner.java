package eu.microcredentials.issuer.signing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;

/** Secures a Verifiable Credential as VC-JOSE: a compact JWS whose payload is the credential, {@code typ: vc+jwt}. */
public final class CredentialSigner {
    public static final JOSEObjectType VC_JWT = new JOSEObjectType("vc+jwt");

    private CredentialSigner() {
    }

    public static String sign(ObjectNode credential, ECKey key) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(VC_JWT).keyID(key.getKeyID())
                .contentType("vc").build();
        JWSObject jws = new JWSObject(header, new Payload(credential.toString()));
        try {
            jws.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with key " + key.getKeyID(), e);
        }
        return jws.serialize();
    }
}
