package eu.microcredentials.recognition.domain.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.microcredentials.recognition.domain.AccreditationRecord;
import eu.microcredentials.recognition.domain.HeldCredential;
import eu.microcredentials.recognition.domain.policy.Candidate;
import eu.microcredentials.recognition.domain.policy.Purpose;
import eu.microcredentials.recognition.domain.policy.RecognitionPolicy;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** given(events).when(command).then(events | refusal) */
class RecognitionDeciderTest {
    static final Instant AT = Instant.parse("2026-06-01T10:00:00Z");
    static final Instant LATER = Instant.parse("2026-07-01T10:00:00Z");

    static HeldCredential credential(String id, String ects, HeldCredential.Status status) {
        return new HeldCredential(id, "did:example:ada", "ab-1", "Course " + id, new BigDecimal(ects), 7, List.of("NL"),
                LocalDate.parse("2026-03-14"), status, Instant.parse("2026-03-14T09:00:00Z"), List.of(), "EXTERNAL",
                "WRITTEN_EXAM", true, null, null);
    }

    static Candidate candidate(String id, String ects, HeldCredential.Status status) {
        return new Candidate(credential(id, ects, status), new AccreditationRecord.Standing(true, true));
    }

    static RecognitionPolicy policy(String minTotal, boolean review) {
        return new RecognitionPolicy("p-1", "TU Delft", null, Purpose.ACADEMIC, 6, null, new BigDecimal(minTotal),
                Set.of(), false, Set.of(), List.of(), List.of(), null, Set.of(), false, review, AT);
    }

    static List<RecognitionEvent> requested(RecognitionPolicy policy, Candidate... candidates) {
        return RecognitionDecider.decide(new RecognitionCommand.Request("r-1", "did:example:ada", policy,
                List.of(candidates), AT), new Recognition.None());
    }

    static CredentialChange change(String credentialId, CredentialChange.Kind kind) {
        return new CredentialChange(credentialId, kind, "eu.microcredential.credential.x.v1", "e-" + kind);
    }

    static List<RecognitionEvent> then(List<RecognitionEvent> given, RecognitionCommand command) {
        return RecognitionDecider.decide(command, RecognitionDecider.replay(given));
    }

    @Test
    void a_request_records_the_request_and_its_decision() {
        List<RecognitionEvent> events = requested(policy("5", false), candidate("a", "3", HeldCredential.Status.ACTIVE),
                candidate("b", "3", HeldCredential.Status.ACTIVE));
        assertEquals(2, events.size());
        assertEquals(List.of("a", "b"), ((RecognitionEvent.Requested) events.get(0)).credentialIds());
        RecognitionEvent.Granted granted = assertInstanceOf(RecognitionEvent.Granted.class, events.get(1));
        assertEquals(0, new BigDecimal("6").compareTo(granted.ects()));
        assertEquals(RecognitionDecider.AUTOMATIC, granted.decidedBy());
    }

    @Test
    void a_request_cannot_be_made_twice() {
        List<RecognitionEvent> given = requested(policy("5", false), candidate("a", "6", HeldCredential.Status.ACTIVE));
        assertThrows(RecognitionRefused.class, () -> then(given, new RecognitionCommand.Request("r-1", "did:example:ada",
                policy("5", false), List.of(candidate("a", "6", HeldCredential.Status.ACTIVE)), AT)));
    }

    @Test
    void a_reviewer_decides_only_what_awaits_review() {
        List<RecognitionEvent> awaiting = requested(policy("5", true), candidate("a", "6", HeldCredential.Status.ACTIVE));
        assertInstanceOf(RecognitionEvent.ReviewRequired.class, awaiting.get(1));
        List<Candidate> now = List.of(candidate("a", "6", HeldCredential.Status.ACTIVE));
        RecognitionEvent.Granted granted = assertInstanceOf(RecognitionEvent.Granted.class, then(awaiting,
                new RecognitionCommand.Review("prof. M. de Vries", "org-tud", true, "Fits the elective space", policy("5", true),
                        now, LATER)).get(0));
        assertEquals("prof. M. de Vries", granted.decidedBy());
        assertEquals("org-tud", granted.reviewerOrganisationId());
        assertEquals("Fits the elective space", granted.explanation());
        RecognitionEvent.Rejected rejected = assertInstanceOf(RecognitionEvent.Rejected.class, then(awaiting,
                new RecognitionCommand.Review("prof. M. de Vries", "org-tud", false, "Overlaps a compulsory course",
                        policy("5", true), now, LATER)).get(0));
        assertEquals("reviewer-decision", rejected.failedRules().get(0).rule());

        List<RecognitionEvent> decided = RecognitionDecider.then(awaiting, List.of(granted));
        RecognitionRefused refused = assertThrows(RecognitionRefused.class, () -> then(decided,
                new RecognitionCommand.Review("someone", "org-tud", false, "again", policy("5", true), now, LATER)));
        assertEquals("GRANTED", refused.currentDecision());
    }

    @Test
    void a_granted_recognition_is_withdrawn_when_the_rest_no_longer_meets_the_policy_and_kept_when_it_does() {
        List<RecognitionEvent> given = requested(policy("3", false), candidate("a", "3", HeldCredential.Status.ACTIVE),
                candidate("b", "3", HeldCredential.Status.ACTIVE));
        RecognitionEvent.Kept kept = assertInstanceOf(RecognitionEvent.Kept.class, then(given,
                new RecognitionCommand.FollowChange(change("a", CredentialChange.Kind.REVOKED),
                policy("3", false), List.of(candidate("a", "3", HeldCredential.Status.REVOKED),
                candidate("b", "3", HeldCredential.Status.ACTIVE)), LATER)).get(0));
        assertEquals(0, new BigDecimal("3").compareTo(kept.ects()));
        assertEquals(List.of("b"), kept.credentialIds());
        assertFalse(kept.awaitingReview());
        assertTrue(kept.explanation().contains("3 ECTS recognised (before: 6)"), kept.explanation());
        Recognition afterKept = RecognitionDecider.replay(RecognitionDecider.then(given, List.of(kept)));
        assertEquals(0, new BigDecimal("3").compareTo(((Recognition.Granted) afterKept).ects()));
        // the same standing again (an accreditation granted to a body of an active credential): nothing to record
        assertEquals(List.of(), then(RecognitionDecider.then(given, List.of(kept)), new RecognitionCommand.FollowChange(
                change("b", CredentialChange.Kind.ACCREDITATION_GRANTED), policy("3", false),
                List.of(candidate("a", "3", HeldCredential.Status.REVOKED),
                        candidate("b", "3", HeldCredential.Status.ACTIVE)), LATER)));

        List<RecognitionEvent> withdrawn = then(given, new RecognitionCommand.FollowChange(
                change("b", CredentialChange.Kind.SUSPENDED), policy("3", false),
                List.of(candidate("a", "3", HeldCredential.Status.REVOKED),
                        candidate("b", "3", HeldCredential.Status.SUSPENDED)), LATER));
        RecognitionEvent.Withdrawn event = assertInstanceOf(RecognitionEvent.Withdrawn.class, withdrawn.get(0));
        assertEquals(CredentialChange.Kind.SUSPENDED, event.cause().kind());
        assertTrue(event.reason().startsWith("The credential b was suspended"), event.reason());
    }

    @Test
    void a_request_awaiting_review_is_withdrawn_by_a_loss_and_awaits_its_reviewer_again_when_it_is_lifted() {
        List<RecognitionEvent> history = new ArrayList<>(requested(policy("5", true),
                candidate("a", "6", HeldCredential.Status.ACTIVE)));
        history.addAll(then(history, new RecognitionCommand.FollowChange(change("a", CredentialChange.Kind.SUSPENDED),
                policy("5", true), List.of(candidate("a", "6", HeldCredential.Status.SUSPENDED)), LATER)));
        Recognition.Withdrawn withdrawn = assertInstanceOf(Recognition.Withdrawn.class, RecognitionDecider.replay(history));
        assertTrue(withdrawn.wasAwaitingReview());
        assertEquals(CredentialChange.Kind.SUSPENDED, withdrawn.cause().kind());

        List<RecognitionEvent> restored = then(history, new RecognitionCommand.FollowChange(
                change("a", CredentialChange.Kind.REINSTATED), policy("5", true),
                List.of(candidate("a", "6", HeldCredential.Status.ACTIVE)), LATER));
        assertTrue(assertInstanceOf(RecognitionEvent.Restored.class, restored.get(0)).awaitingReview());
        Recognition.AwaitingReview again = assertInstanceOf(Recognition.AwaitingReview.class,
                RecognitionDecider.replay(RecognitionDecider.then(history, restored)));
        assertEquals(0, new BigDecimal("6").compareTo(again.ectsProposed()));

        List<RecognitionEvent> two = requested(policy("5", true), candidate("a", "6", HeldCredential.Status.ACTIVE),
                candidate("b", "3", HeldCredential.Status.ACTIVE));
        RecognitionEvent.Kept kept = assertInstanceOf(RecognitionEvent.Kept.class, then(two,
                new RecognitionCommand.FollowChange(change("b", CredentialChange.Kind.REVOKED), policy("5", true),
                        List.of(candidate("a", "6", HeldCredential.Status.ACTIVE),
                                candidate("b", "3", HeldCredential.Status.REVOKED)), LATER)).get(0));
        assertTrue(kept.awaitingReview());
        assertInstanceOf(Recognition.AwaitingReview.class, RecognitionDecider.replay(RecognitionDecider.then(two,
                List.of(kept))));
    }

    @Test
    void a_lifted_suspension_restores_what_it_withdrew_but_a_revocation_is_final() {
        List<RecognitionEvent> history = new ArrayList<>(requested(policy("3", false),
                candidate("a", "3", HeldCredential.Status.ACTIVE)));
        List<Candidate> suspended = List.of(candidate("a", "3", HeldCredential.Status.SUSPENDED));
        history.addAll(then(history, new RecognitionCommand.FollowChange(change("a", CredentialChange.Kind.SUSPENDED),
                policy("3", false), suspended, LATER)));
        assertInstanceOf(Recognition.Withdrawn.class, RecognitionDecider.replay(history));

        List<RecognitionEvent> restored = then(history, new RecognitionCommand.FollowChange(
                change("a", CredentialChange.Kind.REINSTATED), policy("3", false),
                List.of(candidate("a", "3", HeldCredential.Status.ACTIVE)), LATER));
        assertInstanceOf(RecognitionEvent.Restored.class, restored.get(0));
        assertInstanceOf(Recognition.Granted.class, RecognitionDecider.replay(RecognitionDecider.then(history, restored)));

        List<RecognitionEvent> revoked = new ArrayList<>(requested(policy("3", false),
                candidate("a", "3", HeldCredential.Status.ACTIVE)));
        revoked.addAll(then(revoked, new RecognitionCommand.FollowChange(change("a", CredentialChange.Kind.REVOKED),
                policy("3", false), List.of(candidate("a", "3", HeldCredential.Status.REVOKED)), LATER)));
        assertEquals(List.of(), then(revoked, new RecognitionCommand.FollowChange(
                change("a", CredentialChange.Kind.ACCREDITATION_GRANTED), policy("3", false),
                List.of(candidate("a", "3", HeldCredential.Status.REVOKED)), LATER)));
    }
}
