package eu.microcredentials.issuer.issuing;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.eventsourcing.web.RequestFields;
import eu.microcredentials.events.EventJson;
import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import eu.microcredentials.issuer.domain.credential.MicroCredential;
import eu.microcredentials.issuer.registering.AwardingBodyRegistration;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the body of a request that issues one credential (an issuance or a correction) into its
 * content, for a registered awarding body, naming every bad field at once.
 */
@ApplicationScoped
public class CredentialRequests {
    private final AwardingBodyRegistration awardingBodies;
    private final Clock clock;

    public CredentialRequests(AwardingBodyRegistration awardingBodies, Clock clock) {
        this.awardingBodies = awardingBodies;
        this.clock = clock;
    }

    /** The awarding body that issues, and what it issues. */
    public record Requested(AwardingBody.Registered awardingBody, MicroCredential content) {
    }

    /** What a request asks to issue, once its awarding body is known: reading it throws the 400 problem. */
    @FunctionalInterface
    public interface Reader {
        /** @throws jakarta.ws.rs.WebApplicationException the 400 problem naming every bad field */
        MicroCredential contentFor(AwardingBody.Registered awardingBody);
    }

    /**
     * @param issuer the awarding body that issues: 404 problem when it is not registered
     * @throws Problem (as the Uni's failure) 400 naming every bad field, co-awarding bodies not registered included
     */
    public Uni<Requested> read(AwardingBodyId issuer, IssueCredentialRequest request) {
        return Uni.combine().all().unis(awardingBodies.find(issuer), reader(request)).asTuple()
                .map(found -> {
                    if (!(found.getItem1() instanceof AwardingBody.Registered registered)) {
                        throw Problem.notFound("awarding body", issuer.toString()).exception();
                    }
                    return new Requested(registered, found.getItem2().contentFor(registered));
                });
    }

    /**
     * Checks what does not depend on the awarding body that issues (the co-awarding bodies it names are
     * registered: a query only when it names some) and answers the rest as a {@link Reader}, for the body
     * the issuance loads under its lock: so that it is loaded once.
     */
    public Uni<Reader> reader(IssueCredentialRequest request) {
        if (request == null) {
            throw Problem.malformed("a JSON body is required").exception();
        }
        return unregisteredCoAwardingBodies(request).map(unregistered -> awardingBody -> {
            RequestFields fields = new RequestFields();
            MicroCredential content = request.toContent(fields, awardingBody.profile().country(), clock);
            unregistered.forEach(pointer -> fields.reject(pointer, "no awarding body is registered with this id"));
            fields.throwIfInvalid();
            return content;
        });
    }

    /**
     * The hash of a request for its Idempotency-Key: of what it asks ({@code asked}: empty for an
     * issuance, so keys recorded before corrections existed still match) and its body.
     */
    public static String hash(String asked, IssueCredentialRequest request) {
        return IdempotencyKeys.hash((asked + EventJson.mapper().valueToTree(request))
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The pointers of co-awarding bodies that are well-formed ids but name no registered awarding body. */
    private Uni<List<String>> unregisteredCoAwardingBodies(IssueCredentialRequest request) {
        List<String> ids = request.coAwardingBodies() == null ? List.of() : request.coAwardingBodies();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Map<Integer, AwardingBodyId> parsed = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            try {
                parsed.put(i, AwardingBodyId.parse(ids.get(i)));
            } catch (IllegalArgumentException malformed) {
                // reported with the other fields by toContent
            }
        }
        return awardingBodies.unregistered(parsed.values()).map(unknown -> parsed.entrySet().stream()
                .filter(entry -> unknown.contains(entry.getValue()))
                .map(entry -> "/coAwardingBodies/" + entry.getKey()).toList());
    }
}
