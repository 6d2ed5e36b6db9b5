package eu.microcredentials.issuer.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns an API key into who is calling: the operator (role {@code operator}), or an awarding
 * body's integration (role {@code awarding-body}, principal = the awarding body id).
 */
@ApplicationScoped
public class ApiKeyIdentities implements IdentityProvider<ApiKeyCredentials> {
    private final OperatorKey operatorKey;
    private final ApiKeys apiKeys;

    public ApiKeyIdentities(OperatorKey operatorKey, ApiKeys apiKeys) {
        this.operatorKey = operatorKey;
        this.apiKeys = apiKeys;
    }

    @Override
    public Class<ApiKeyCredentials> getRequestType() {
        return ApiKeyCredentials.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyCredentials request, AuthenticationRequestContext context) {
        if (operatorKey.matches(request.key())) {
            return Uni.createFrom().item(identity(Caller.OPERATOR_PRINCIPAL, Caller.OPERATOR));
        }
        return apiKeys.awardingBodyOf(request.key()).map(awardingBody -> awardingBody
                .map(id -> identity(id, Caller.AWARDING_BODY))
                .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked API key")));
    }

    private static SecurityIdentity identity(String principal, String role) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(principal)).addRole(role).build();
    }
}
