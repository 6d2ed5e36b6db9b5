package eu.microcredentials.issuer.access;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key presented as a bearer token. */
public class ApiKeyCredentials extends BaseAuthenticationRequest {
    private final String key;

    public ApiKeyCredentials(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
