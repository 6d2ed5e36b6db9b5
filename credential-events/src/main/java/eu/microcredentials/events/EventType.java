package eu.microcredentials.events;

import eu.microcredentials.events.data.AccreditationGranted;
import eu.microcredentials.events.data.AccreditationWithdrawn;
import eu.microcredentials.events.data.AwardingBodyRegistered;
import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.events.data.CredentialReinstated;
import eu.microcredentials.events.data.CredentialRevoked;
import eu.microcredentials.events.data.CredentialSuspended;
import eu.microcredentials.events.data.EventData;
import eu.microcredentials.events.data.PathwayCompleted;
import eu.microcredentials.events.data.PathwayCompletionRestored;
import eu.microcredentials.events.data.PathwayCompletionWithdrawn;
import eu.microcredentials.events.data.PathwayDefined;
import eu.microcredentials.events.data.RecognisingOrganisationRegistered;
import eu.microcredentials.events.data.RecognitionGranted;
import eu.microcredentials.events.data.RecognitionKept;
import eu.microcredentials.events.data.RecognitionPolicyDefined;
import eu.microcredentials.events.data.RecognitionRejected;
import eu.microcredentials.events.data.RecognitionRequested;
import eu.microcredentials.events.data.RecognitionRestored;
import eu.microcredentials.events.data.RecognitionReviewRequired;
import eu.microcredentials.events.data.RecognitionWithdrawn;
import eu.microcredentials.events.data.SigningKeyAdded;
import eu.microcredentials.events.data.SigningKeyRetired;
import eu.microcredentials.events.data.StackingDisabled;
import eu.microcredentials.events.data.StackingEnabled;
import eu.microcredentials.events.data.StackingRefused;

/**
 * The event catalogue: the one place that maps a CloudEvents {@code type} to its topic, its
 * payload class and its JSON Schema. Nothing else in the platform dispatches on type strings.
 */
public enum EventType {
    AWARDING_BODY_REGISTERED("eu.microcredential.awardingbody.registered.v1", Topic.AWARDING_BODIES, AwardingBodyRegistered.class),
    SIGNING_KEY_ADDED("eu.microcredential.awardingbody.signingkey.added.v1", Topic.AWARDING_BODIES, SigningKeyAdded.class),
    SIGNING_KEY_RETIRED("eu.microcredential.awardingbody.signingkey.retired.v1", Topic.AWARDING_BODIES, SigningKeyRetired.class),
    STACKING_ENABLED("eu.microcredential.awardingbody.stacking.enabled.v1", Topic.AWARDING_BODIES, StackingEnabled.class),
    STACKING_DISABLED("eu.microcredential.awardingbody.stacking.disabled.v1", Topic.AWARDING_BODIES, StackingDisabled.class),
    CREDENTIAL_ISSUED("eu.microcredential.credential.issued.v1", Topic.CREDENTIALS, CredentialIssued.class),
    CREDENTIAL_REVOKED("eu.microcredential.credential.revoked.v1", Topic.CREDENTIALS, CredentialRevoked.class),
    CREDENTIAL_SUSPENDED("eu.microcredential.credential.suspended.v1", Topic.CREDENTIALS, CredentialSuspended.class),
    CREDENTIAL_REINSTATED("eu.microcredential.credential.reinstated.v1", Topic.CREDENTIALS, CredentialReinstated.class),
    ACCREDITATION_GRANTED("eu.microcredential.accreditation.granted.v1", Topic.ACCREDITATIONS, AccreditationGranted.class),
    ACCREDITATION_WITHDRAWN("eu.microcredential.accreditation.withdrawn.v1", Topic.ACCREDITATIONS, AccreditationWithdrawn.class),
    RECOGNITION_REQUESTED("eu.microcredential.recognition.requested.v1", Topic.RECOGNITIONS, RecognitionRequested.class),
    RECOGNITION_GRANTED("eu.microcredential.recognition.granted.v1", Topic.RECOGNITIONS, RecognitionGranted.class),
    RECOGNITION_REJECTED("eu.microcredential.recognition.rejected.v1", Topic.RECOGNITIONS, RecognitionRejected.class),
    RECOGNITION_WITHDRAWN("eu.microcredential.recognition.withdrawn.v1", Topic.RECOGNITIONS, RecognitionWithdrawn.class),
    RECOGNITION_REVIEW_REQUIRED("eu.microcredential.recognition.review.required.v1", Topic.RECOGNITIONS, RecognitionReviewRequired.class),
    RECOGNITION_RESTORED("eu.microcredential.recognition.restored.v1", Topic.RECOGNITIONS, RecognitionRestored.class),
    RECOGNITION_KEPT("eu.microcredential.recognition.kept.v1", Topic.RECOGNITIONS, RecognitionKept.class),
    RECOGNISING_ORGANISATION_REGISTERED("eu.microcredential.recognition.organisation.registered.v1", Topic.RECOGNITIONS, RecognisingOrganisationRegistered.class),
    RECOGNITION_POLICY_DEFINED("eu.microcredential.recognition.policy.defined.v1", Topic.RECOGNITIONS, RecognitionPolicyDefined.class),
    PATHWAY_DEFINED("eu.microcredential.pathway.defined.v1", Topic.PATHWAYS, PathwayDefined.class),
    PATHWAY_COMPLETED("eu.microcredential.pathway.completed.v1", Topic.PATHWAYS, PathwayCompleted.class),
    PATHWAY_COMPLETION_WITHDRAWN("eu.microcredential.pathway.completion.withdrawn.v1", Topic.PATHWAYS, PathwayCompletionWithdrawn.class),
    PATHWAY_COMPLETION_RESTORED("eu.microcredential.pathway.completion.restored.v1", Topic.PATHWAYS, PathwayCompletionRestored.class),
    STACKING_REFUSED("eu.microcredential.pathway.stacking.refused.v1", Topic.PATHWAYS, StackingRefused.class);

    private final String type;
    private final Topic topic;
    private final Class<? extends EventData> dataClass;

    EventType(String type, Topic topic, Class<? extends EventData> dataClass) {
        this.type = type;
        this.topic = topic;
        this.dataClass = dataClass;
    }

    /** The CloudEvents {@code type} attribute. */
    public String type() {
        return type;
    }

    public Topic topic() {
        return topic;
    }

    public Class<? extends EventData> dataClass() {
        return dataClass;
    }

    /** Classpath location of this type's JSON Schema (draft 2020-12). */
    public String schemaResource() {
        return "/schemas/" + type + ".json";
    }

    public static EventType ofType(String type) {
        for (EventType eventType : values()) {
            if (eventType.type.equals(type)) {
                return eventType;
            }
        }
        throw new ContractViolation("unknown event type: " + type);
    }

    public static EventType of(EventData data) {
        for (EventType eventType : values()) {
            if (eventType.dataClass == data.getClass()) {
                return eventType;
            }
        }
        throw new IllegalArgumentException("no event type for " + data.getClass().getName());
    }
}
