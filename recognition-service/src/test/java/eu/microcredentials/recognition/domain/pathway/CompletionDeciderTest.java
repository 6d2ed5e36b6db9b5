package eu.microcredentials.recognition.domain.pathway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.microcredentials.recognition.domain.AccreditationRecord;
import eu.microcredentials.recognition.domain.HeldCredential;
import eu.microcredentials.recognition.domain.policy.Candidate;
import eu.microcredentials.recognition.domain.recognition.CredentialChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Progress on a pathway, and what it records: given(latest completion).when(change, progress).then(events). */
class CompletionDeciderTest {
    static final Instant AT = Instant.parse("2026-06-01T10:00:00Z");
    static final Pathway PATHWAY = new Pathway("pw-1", "ab-1", "Responsible Data Science",
            new Pathway.Requirements(new BigDecimal("5"), 2, 6, List.of(), List.of(), Set.of("ab-1"), Period.ofYears(2),
                    false), true, Pathway.OnPartRevoked.FLAG, AT);

    static Candidate held(String id, String ects, int eqf, String body, HeldCredential.Status status) {
        return new Candidate(new HeldCredential(id, "did:example:ada", body, "Course " + id, new BigDecimal(ects), eqf,
                List.of("NL"), LocalDate.parse("2026-03-14"), status, Instant.parse("2026-03-14T09:00:00Z"), List.of(),
                "EXTERNAL", "WRITTEN_EXAM", true, null, null), new AccreditationRecord.Standing(false, false));
    }

    static CredentialChange change(String id, CredentialChange.Kind kind) {
        return new CredentialChange(id, kind, "eu.microcredential.credential.x.v1", "e-" + id + kind);
    }

    @Test
    void progress_counts_only_what_meets_every_requirement_and_names_what_is_missing() {
        PathwayProgress progress = PathwayProgress.of(PATHWAY, List.of(held("a", "3", 7, "ab-1", HeldCredential.Status.ACTIVE),
                held("low", "3", 5, "ab-1", HeldCredential.Status.ACTIVE),
                held("other", "3", 7, "ab-2", HeldCredential.Status.ACTIVE),
                held("gone", "3", 7, "ab-1", HeldCredential.Status.REVOKED)), AT);
        assertEquals(List.of("a"), progress.countingCredentialIds());
        assertEquals(List.of("2 more ECTS (3 of 5)", "1 more credential(s) (1 of 2)"), progress.missing());
        assertTrue(!progress.complete());
        assertTrue(!PathwayProgress.of(PATHWAY, List.of(held("a", "3", 7, "ab-1", HeldCredential.Status.ACTIVE),
                held("b", "3", 7, "ab-1", HeldCredential.Status.ACTIVE)), Instant.parse("2028-06-01T00:00:00Z")).complete(),
                "credentials older than the maximum age do not count");
    }

    @Test
    void a_completion_is_never_dated_before_the_issuance_of_one_of_its_parts() {
        Instant earlier = Instant.parse("2026-03-14T08:00:00Z"); // the part read last was issued before the other
        PathwayProgress progress = PathwayProgress.of(PATHWAY, List.of(held("a", "3", 7, "ab-1",
                HeldCredential.Status.ACTIVE), held("b", "3", 7, "ab-1", HeldCredential.Status.ACTIVE)), earlier);
        assertEquals(Instant.parse("2026-03-14T09:00:00Z"), progress.lastIssuedAt());
        CompletionEvent.Completed completed = assertInstanceOf(CompletionEvent.Completed.class, CompletionDecider.decide(
                PATHWAY, "did:example:ada", progress, List.of(change("a", CredentialChange.Kind.ISSUED)),
                new Completion.None(), earlier).get(0));
        assertEquals(Instant.parse("2026-03-14T09:00:00Z"), completed.at());
        assertEquals(AT, ((CompletionEvent.Completed) CompletionDecider.decide(PATHWAY, "did:example:ada",
                PathwayProgress.of(PATHWAY, List.of(held("a", "3", 7, "ab-1", HeldCredential.Status.ACTIVE),
                        held("b", "3", 7, "ab-1", HeldCredential.Status.ACTIVE)), AT),
                List.of(change("b", CredentialChange.Kind.ISSUED)), new Completion.None(), AT).get(0)).at());
    }

    @Test
    void a_stacked_credential_does_not_count_towards_its_own_pathway_but_towards_another() {
        Candidate stacked = new Candidate(new HeldCredential("s", "did:example:ada", "ab-1", "Stacked", new BigDecimal("9"),
                7, List.of("NL"), LocalDate.parse("2026-03-14"), HeldCredential.Status.ACTIVE,
                Instant.parse("2026-03-14T09:00:00Z"), List.of(), "EXTERNAL", "PORTFOLIO", true, null, "pw-1"),
                new AccreditationRecord.Standing(false, false));
        assertEquals(List.of("a"), PathwayProgress.of(PATHWAY, List.of(held("a", "3", 7, "ab-1",
                HeldCredential.Status.ACTIVE), stacked), AT).countingCredentialIds());
        Pathway other = new Pathway("pw-2", "ab-1", "Bigger", PATHWAY.requirements(), false, Pathway.OnPartRevoked.FLAG, AT);
        assertEquals(List.of("a", "s"), PathwayProgress.of(other, List.of(held("a", "3", 7, "ab-1",
                HeldCredential.Status.ACTIVE), stacked), AT).countingCredentialIds());
    }

    @Test
    void a_completion_is_recorded_once_with_a_deterministic_id() {
        PathwayProgress complete = PathwayProgress.of(PATHWAY, List.of(held("a", "3", 7, "ab-1", HeldCredential.Status.ACTIVE),
                held("b", "3", 7, "ab-1", HeldCredential.Status.ACTIVE)), AT);
        CompletionEvent.Completed completed = assertInstanceOf(CompletionEvent.Completed.class, CompletionDecider.decide(
                PATHWAY, "did:example:ada", complete, List.of(change("b", CredentialChange.Kind.ISSUED)),
                new Completion.None(), AT).get(0));
        assertEquals(Completion.id("pw-1", "did:example:ada", 1), completed.completionId());
        assertEquals(List.of("a", "b"), completed.parts());
        assertEquals(List.of(), CompletionDecider.decide(PATHWAY, "did:example:ada", complete,
                List.of(change("c", CredentialChange.Kind.ISSUED)),
                new Completion.Holding(completed.completionId(), 1, List.of("a", "b")), AT));
    }

    @Test
    void losing_a_part_withdraws_unless_the_rest_still_completes_and_a_lifted_suspension_restores() {
        Completion.Holding holding = new Completion.Holding("c-1", 1, List.of("a", "b"));
        PathwayProgress incomplete = PathwayProgress.of(PATHWAY, List.of(held("a", "3", 7, "ab-1", HeldCredential.Status.SUSPENDED),
                held("b", "3", 7, "ab-1", HeldCredential.Status.ACTIVE)), AT);
        CompletionEvent.Withdrawn withdrawn = assertInstanceOf(CompletionEvent.Withdrawn.class, CompletionDecider.decide(
                PATHWAY, "did:example:ada", incomplete, List.of(change("a", CredentialChange.Kind.SUSPENDED)), holding,
                AT).get(0));
        assertEquals("a", withdrawn.cause().credentialId());

        PathwayProgress stillComplete = PathwayProgress.of(PATHWAY, List.of(held("a", "3", 7, "ab-1", HeldCredential.Status.SUSPENDED),
                held("b", "3", 7, "ab-1", HeldCredential.Status.ACTIVE), held("c", "3", 7, "ab-1", HeldCredential.Status.ACTIVE)), AT);
        assertEquals(List.of(), CompletionDecider.decide(PATHWAY, "did:example:ada", stillComplete,
                List.of(change("a", CredentialChange.Kind.SUSPENDED)), holding, AT));

        PathwayProgress again = PathwayProgress.of(PATHWAY, List.of(held("a", "3", 7, "ab-1", HeldCredential.Status.ACTIVE),
                held("b", "3", 7, "ab-1", HeldCredential.Status.ACTIVE)), AT);
        assertInstanceOf(CompletionEvent.Restored.class, CompletionDecider.decide(PATHWAY, "did:example:ada", again,
                List.of(change("a", CredentialChange.Kind.REINSTATED)),
                new Completion.Withdrawn("c-1", 1, List.of("a", "b"), CredentialChange.Kind.SUSPENDED), AT).get(0));
        CompletionEvent.Completed next = assertInstanceOf(CompletionEvent.Completed.class, CompletionDecider.decide(
                PATHWAY, "did:example:ada", again, List.of(change("d", CredentialChange.Kind.ISSUED)),
                new Completion.Withdrawn("c-1", 1, List.of("a", "b"), CredentialChange.Kind.REVOKED), AT).get(0));
        assertEquals(2, next.number());
    }
}
