package eu.microcredentials.issuer.access;

import eu.microcredentials.eventsourcing.web.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import java.net.URI;
import java.util.List;

/** Who is calling, and what they may act on: an operator on everything, an awarding body on its own. */
public final class Caller {
    public static final String OPERATOR = "operator";
    public static final String AWARDING_BODY = "awarding-body";
    static final String OPERATOR_PRINCIPAL = "operator";

    private Caller() {
    }

    /** Throws 403 problem+json unless the caller is an operator or this awarding body's integration. */
    public static void mayActFor(SecurityIdentity identity, String awardingBodyId) {
        if (identity.hasRole(OPERATOR)) {
            return;
        }
        if (identity.hasRole(AWARDING_BODY) && identity.getPrincipal().getName().equalsIgnoreCase(awardingBodyId)) {
            return;
        }
        throw new Problem(URI.create("https://microcredentials.eu/problems/forbidden"), "Forbidden", 403,
                "this API key may not act for awarding body " + awardingBodyId, null, List.of()).exception();
    }
}
