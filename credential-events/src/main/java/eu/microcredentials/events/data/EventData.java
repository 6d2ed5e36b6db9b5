package eu.microcredentials.events.data;

/** The data of an event of the public contract: one record per CloudEvents type, serialised as JSON. */
public sealed interface EventData permits AwardingBodyRegistered, SigningKeyAdded, SigningKeyRetired, StackingEnabled, StackingDisabled,
        CredentialIssued, CredentialRevoked, CredentialSuspended, CredentialReinstated,
        AccreditationGranted, AccreditationWithdrawn,
        RecognitionRequested, RecognitionGranted, RecognitionRejected, RecognitionWithdrawn,
        RecognitionReviewRequired, RecognitionRestored, RecognitionKept,
        RecognisingOrganisationRegistered, RecognitionPolicyDefined, PathwayDefined,
        PathwayCompleted, PathwayCompletionWithdrawn, PathwayCompletionRestored, StackingRefused {

    /** The id of the stream the event belongs to: the Kafka key and the CloudEvents subject. */
    String streamId();
}
