package eu.microcredentials.recognition.infrastructure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.microcredentials.events.EventJson;
import eu.microcredentials.events.data.EventData;
import eu.microcredentials.events.data.RecognitionPolicyDefined;
import eu.microcredentials.eventsourcing.EventStore;
import eu.microcredentials.eventsourcing.PendingEvent;
import eu.microcredentials.recognition.domain.policy.Purpose;
import eu.microcredentials.recognition.domain.policy.RecognitionPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recognition policies, each a stream of recognition-service's event store (recognition.policy.defined.v1 on
 * mc.recognitions.v1): decisions read a policy from there; the API shows the definitions read model
 * ({@code recognition_policy}). Policies are never changed, only added.
 */
@ApplicationScoped
public class PolicyStore {
    static final String POLICY = "recognition-policy";

    private final EventStore store;

    public PolicyStore(EventStore store) {
        this.store = store;
    }

    /** A policy and the organisation that owns it (null for a policy defined before organisations were registered). */
    public record Owned(RecognitionPolicy policy, String organisationId) {
    }

    public Uni<Void> define(SqlConnection tx, RecognitionPolicy policy, String organisationId) {
        return store.append(tx, POLICY, policy.id(), 0, List.of(new PendingEvent(toContract(policy, organisationId),
                policy.definedAt(), null, null))).replaceWithVoid();
    }

    /** The policy as the event store has it. */
    public Uni<Optional<Owned>> owned(SqlClient client, String id) {
        return store.load(client, id).map(events -> events.isEmpty() ? Optional.<Owned>empty()
                : toDomain(events.get(0).decode()));
    }

    public Uni<Optional<RecognitionPolicy>> find(SqlClient client, String id) {
        return owned(client, id).map(found -> found.map(Owned::policy));
    }

    /** The policy as the definitions read model shows it, with its owner. */
    public Uni<Optional<ObjectNode>> view(SqlClient client, String id) {
        return client.preparedQuery("SELECT policy::text AS policy, organisation_id FROM recognition_policy WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(view(read(row.getString("policy")), row.getString("organisation_id")));
                });
    }

    /** A policy as the API shows it: its rules and the organisation that owns it. */
    public static ObjectNode view(RecognitionPolicy policy, String organisationId) {
        ObjectNode view = EventJson.mapper().valueToTree(policy);
        return view.put("organisationId", organisationId);
    }

    /** The definitions read model's row for a policy defined (idempotent: a policy never changes). */
    public static void project(SqlConnection tx, RecognitionPolicyDefined event) {
        RecognitionPolicy policy = toDomain(event).orElseThrow().policy();
        tx.preparedQuery("""
                        INSERT INTO recognition_policy (id, policy, defined_at, organisation_id)
                        VALUES ($1, $2::text::jsonb, $3, $4)
                        ON CONFLICT (id) DO UPDATE SET policy = EXCLUDED.policy, defined_at = EXCLUDED.defined_at,
                            organisation_id = EXCLUDED.organisation_id""")
                .execute(Tuple.of(policy.id(), write(policy), policy.definedAt().atOffset(ZoneOffset.UTC),
                        event.organisationId()))
                .await().atMost(java.time.Duration.ofSeconds(30));
    }

    public static RecognitionPolicyDefined toContract(RecognitionPolicy p, String organisationId) {
        return new RecognitionPolicyDefined(p.id(), organisationId, p.organisation(), p.title(), p.purpose().name(),
                new RecognitionPolicyDefined.Rules(p.minEqfLevel(), p.minEctsPerCredential(), p.minTotalEcts(),
                        sorted(p.acceptedQualityAssuranceTypes()), p.accreditedAwardingBodyRequired(),
                        sorted(p.acceptedIssuerCountries()), p.requiredLearningOutcomes(), p.requiredEscoSkills(),
                        p.maxCredentialAge() == null ? null : p.maxCredentialAge().toString(),
                        sorted(p.acceptedAssessmentTypes()), p.supervisedAssessmentRequired()),
                p.needsHumanReview(), p.definedAt());
    }

    static Optional<Owned> toDomain(EventData data) {
        if (!(data instanceof RecognitionPolicyDefined e)) {
            return Optional.empty();
        }
        RecognitionPolicyDefined.Rules r = e.rules();
        return Optional.of(new Owned(new RecognitionPolicy(e.policyId(), e.organisation(), e.title(),
                Purpose.valueOf(e.purpose()), r.minEqfLevel(), r.minEctsPerCredential(), r.minTotalEcts(),
                set(r.acceptedQualityAssuranceTypes()), r.accreditedAwardingBodyRequired(),
                set(r.acceptedIssuerCountries()), r.requiredLearningOutcomes(), r.requiredEscoSkills(),
                r.maxCredentialAge() == null ? null : Period.parse(r.maxCredentialAge()), set(r.acceptedAssessmentTypes()),
                r.supervisedAssessmentRequired(), e.needsHumanReview(), e.definedAt()), e.organisationId()));
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static Set<String> set(List<String> values) {
        return values == null ? Set.of() : new HashSet<>(values);
    }

    public static String write(RecognitionPolicy policy) {
        try {
            return EventJson.mapper().writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write policy " + policy.id(), e);
        }
    }

    public static RecognitionPolicy read(String json) {
        try {
            return EventJson.mapper().readValue(json, RecognitionPolicy.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable policy " + json, e);
        }
    }
}
