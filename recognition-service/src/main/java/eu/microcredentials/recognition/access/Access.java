package eu.microcredentials.recognition.access;

import eu.microcredentials.eventsourcing.quarkus.OperatorKeys;
import eu.microcredentials.eventsourcing.web.BearerToken;
import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.recognition.domain.organisation.Organisation;
import eu.microcredentials.recognition.infrastructure.OrganisationStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * Tells who a request comes from by its {@code Authorization: Bearer <API key>}: a missing or unknown key is 401, a
 * known caller without the right is 403, both as problem+json. Organisations' keys are looked up by their hash.
 */
@ApplicationScoped
public class Access {

    private final OperatorKeys operatorKey;
    private final OrganisationStore organisations;
    private final Pool pool;

    /** @param operatorKey the recognition operators' key, as the kernel reads it ({@code mc.access.operator-api-key}) */
    public Access(OperatorKeys operatorKey, OrganisationStore organisations, Pool pool) {
        this.operatorKey = operatorKey;
        this.organisations = organisations;
        this.pool = pool;
    }

    /** The operator, or a 401 / 403 failure. */
    public void operator(String authorization) {
        String key = BearerToken.in(authorization);
        if (!operatorKey.isOperatorKey(key)) {
            throw key == null ? unauthenticated("send Authorization: Bearer <recognition operator API key>")
                    : unauthenticated("unknown API key");
        }
    }

    /** The caller the key belongs to; fails with 401 when the key is missing or unknown. */
    public Uni<Caller> caller(String authorization) {
        String key = BearerToken.in(authorization);
        if (key == null) {
            return Uni.createFrom().failure(unauthenticated("send Authorization: Bearer <the organisation's API key>"));
        }
        if (operatorKey.isOperatorKey(key)) {
            return Uni.createFrom().item(new Caller.Operator());
        }
        return organisations.withKey(pool, key).map(found -> found.<Caller>map(Caller.OfOrganisation::new)
                .orElseThrow(() -> unauthenticated("unknown API key")));
    }

    /** The registered organisation the key belongs to: an operator is 403 here, as only organisations act. */
    public Uni<Organisation> organisation(String authorization) {
        return caller(authorization).map(caller -> {
            if (caller instanceof Caller.OfOrganisation of) {
                return of.organisation();
            }
            throw forbidden("this is done with a registered organisation's API key, not the operators'");
        });
    }

    public static WebApplicationException forbidden(String detail) {
        return new Problem(URI.create("https://microcredentials.eu/problems/forbidden"), "Forbidden", 403, detail, null,
                List.of()).exception();
    }

    private static WebApplicationException unauthenticated(String detail) {
        return new WebApplicationException(Response.fromResponse(new Problem(
                        URI.create("https://microcredentials.eu/problems/unauthenticated"), "Unauthenticated", 401, detail,
                        null, List.of()).response())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"recognition-service\"").build());
    }
}
