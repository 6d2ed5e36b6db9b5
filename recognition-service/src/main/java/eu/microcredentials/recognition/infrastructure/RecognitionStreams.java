package eu.microcredentials.recognition.infrastructure;

import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.EventType;
import eu.microcredentials.events.data.EventData;
import eu.microcredentials.events.data.RecognitionGranted;
import eu.microcredentials.events.data.RecognitionKept;
import eu.microcredentials.events.data.RecognitionRejected;
import eu.microcredentials.events.data.RecognitionRequested;
import eu.microcredentials.events.data.RecognitionRestored;
import eu.microcredentials.events.data.RecognitionReviewRequired;
import eu.microcredentials.events.data.RecognitionWithdrawn;
import eu.microcredentials.eventsourcing.EventStore;
import eu.microcredentials.eventsourcing.PendingEvent;
import eu.microcredentials.recognition.domain.policy.FailedRule;
import eu.microcredentials.recognition.domain.policy.Purpose;
import eu.microcredentials.recognition.domain.recognition.CredentialChange;
import eu.microcredentials.recognition.domain.recognition.RecognitionEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Loads a recognition's stream from recognition-service's event store and appends to it, mapping the domain's events
 * to the contract's {@code recognition.*.v1} types on mc.recognitions.v1 (published by the outbox relay).
 */
@ApplicationScoped
public class RecognitionStreams {
    static final String RECOGNITION = "recognition";
    private static final String GRANTED = "GRANTED";
    private static final String NEEDS_REVIEW = "NEEDS_REVIEW";

    private final EventStore store;

    public RecognitionStreams(EventStore store) {
        this.store = store;
    }

    /** The events of a stream and the version they bring it to. */
    public record Loaded(List<RecognitionEvent> events, long version) {
    }

    public Uni<Loaded> load(SqlClient client, String recognitionId) {
        return store.load(client, recognitionId).map(events -> events.isEmpty()
                || !(events.get(0).decode() instanceof RecognitionRequested) ? new Loaded(List.of(), 0) // no recognition
                : new Loaded(events.stream().map(e -> toDomain(e.decode())).toList(), events.size()));
    }

    /** Appends at the version the decision was taken on; answers the stored events. */
    public Uni<List<EventEnvelope>> append(SqlConnection tx, String recognitionId, long expectedVersion,
                                           List<RecognitionEvent> events) {
        return store.append(tx, RECOGNITION, recognitionId, expectedVersion, events.stream()
                .map(event -> new PendingEvent(toContract(event), event.at(), null, null)).toList());
    }

    public static EventData toContract(RecognitionEvent event) {
        if (event instanceof RecognitionEvent.Requested e) {
            return new RecognitionRequested(e.recognitionId(), e.learnerId(), e.credentialIds(), e.policyId(),
                    e.purpose() == null ? null : e.purpose().name(), e.at());
        }
        if (event instanceof RecognitionEvent.Granted e) {
            return new RecognitionGranted(e.recognitionId(), e.learnerId(), e.policyId(), e.credentialIds(), e.ects(),
                    e.explanation(), e.decidedBy(), e.at(), e.reviewerOrganisationId());
        }
        if (event instanceof RecognitionEvent.Rejected e) {
            return new RecognitionRejected(e.recognitionId(), e.learnerId(), e.policyId(), e.failedRules().stream()
                    .map(f -> new RecognitionRejected.FailedRule(f.credentialId(), f.rule(), f.detail())).toList(),
                    e.explanation(), e.decidedBy(), e.at(), e.reviewerOrganisationId());
        }
        if (event instanceof RecognitionEvent.ReviewRequired e) {
            return new RecognitionReviewRequired(e.recognitionId(), e.learnerId(), e.policyId(), e.credentialIds(),
                    e.ectsProposed(), e.explanation(), e.at());
        }
        if (event instanceof RecognitionEvent.Withdrawn e) {
            return new RecognitionWithdrawn(e.recognitionId(), e.learnerId(), e.cause().credentialId(),
                    e.cause().eventType(), e.reason(), e.at(), e.cause().kind().name(), e.cause().eventId());
        }
        if (event instanceof RecognitionEvent.Kept e) {
            return new RecognitionKept(e.recognitionId(), e.learnerId(), e.awaitingReview() ? NEEDS_REVIEW : GRANTED,
                    e.credentialIds(), e.ects(), e.cause().credentialId(), e.cause().kind().name(), e.cause().eventType(),
                    e.cause().eventId(), e.explanation(), e.at());
        }
        RecognitionEvent.Restored e = (RecognitionEvent.Restored) event;
        return new RecognitionRestored(e.recognitionId(), e.learnerId(), e.cause().credentialId(), e.cause().eventType(),
                e.cause().eventId(), e.ects(), e.reason(), e.at(), e.awaitingReview() ? NEEDS_REVIEW : GRANTED);
    }

    static RecognitionEvent toDomain(EventData data) {
        if (data instanceof RecognitionRequested e) {
            return new RecognitionEvent.Requested(e.recognitionId(), e.learnerId(), e.credentialIds(), e.policyId(),
                    e.purpose() == null ? null : Purpose.valueOf(e.purpose()), e.requestedAt());
        }
        if (data instanceof RecognitionGranted e) {
            return new RecognitionEvent.Granted(e.recognitionId(), e.learnerId(), e.policyId(), e.credentialIds(),
                    e.ectsRecognised(), e.explanation(), e.decidedBy(), e.reviewerOrganisationId(), e.decidedAt());
        }
        if (data instanceof RecognitionRejected e) {
            return new RecognitionEvent.Rejected(e.recognitionId(), e.learnerId(), e.policyId(), e.failedRules().stream()
                    .map(f -> new FailedRule(f.credentialId(), f.rule(), f.detail() == null ? f.rule() : f.detail()))
                    .toList(), e.explanation(), e.decidedBy(), e.reviewerOrganisationId(), e.decidedAt());
        }
        if (data instanceof RecognitionReviewRequired e) {
            return new RecognitionEvent.ReviewRequired(e.recognitionId(), e.learnerId(), e.policyId(), e.credentialIds(),
                    e.ectsProposed(), e.explanation(), e.decidedAt());
        }
        if (data instanceof RecognitionWithdrawn e) {
            CredentialChange.Kind kind = e.cause() != null ? CredentialChange.Kind.valueOf(e.cause())
                    : kindOf(e.causeEventType());
            return new RecognitionEvent.Withdrawn(e.recognitionId(), e.learnerId(),
                    new CredentialChange(e.causeCredentialId(), kind, e.causeEventType(), e.causeEventId()), e.reason(),
                    e.withdrawnAt());
        }
        if (data instanceof RecognitionRestored e) {
            return new RecognitionEvent.Restored(e.recognitionId(), e.learnerId(), new CredentialChange(
                    e.causeCredentialId(), kindOf(e.causeEventType()), e.causeEventType(), e.causeEventId()),
                    e.ectsRecognised(), e.reason(), NEEDS_REVIEW.equals(e.decision()), e.restoredAt());
        }
        if (data instanceof RecognitionKept e) {
            return new RecognitionEvent.Kept(e.recognitionId(), e.learnerId(), NEEDS_REVIEW.equals(e.decision()),
                    e.credentialIds(), e.ectsRecognised(), new CredentialChange(e.causeCredentialId(),
                    e.cause() != null ? CredentialChange.Kind.valueOf(e.cause()) : kindOf(e.causeEventType()),
                    e.causeEventType(), e.causeEventId()), e.explanation(), e.keptAt());
        }
        throw new IllegalStateException(data.getClass().getSimpleName() + " is not a recognition event");
    }

    /** The kind of change an event of this type records (for events recorded before {@code cause} existed). */
    public static CredentialChange.Kind kindOf(String eventType) {
        EventType type = EventType.ofType(eventType);
        return switch (type) {
            case CREDENTIAL_REVOKED -> CredentialChange.Kind.REVOKED;
            case CREDENTIAL_SUSPENDED -> CredentialChange.Kind.SUSPENDED;
            case CREDENTIAL_REINSTATED -> CredentialChange.Kind.REINSTATED;
            case ACCREDITATION_WITHDRAWN -> CredentialChange.Kind.ACCREDITATION_WITHDRAWN;
            case ACCREDITATION_GRANTED -> CredentialChange.Kind.ACCREDITATION_GRANTED;
            default -> throw new IllegalArgumentException(eventType + " does not change a credential's standing");
        };
    }
}
