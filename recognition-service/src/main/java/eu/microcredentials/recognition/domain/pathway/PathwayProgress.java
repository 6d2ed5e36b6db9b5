package eu.microcredentials.recognition.domain.pathway;

import eu.microcredentials.recognition.domain.HeldCredential;
import eu.microcredentials.recognition.domain.policy.Candidate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * How far a learner is on a pathway: the credentials that count, their ECTS, and what is still missing; complete
 * when nothing is. Pure: computed from the learner's held credentials as they stand at {@code at}.
 *
 * @param lastIssuedAt when the latest of the counting credentials was issued (null when none counts): a completion
 *                     cannot be earlier
 */
public record PathwayProgress(String pathwayId, boolean complete, List<String> countingCredentialIds, BigDecimal ects,
                              List<String> missing, Instant lastIssuedAt) {

    public PathwayProgress {
        countingCredentialIds = List.copyOf(countingCredentialIds);
        missing = List.copyOf(missing);
    }

    public static PathwayProgress of(Pathway pathway, List<Candidate> held, Instant at) {
        Pathway.Requirements r = pathway.requirements();
        LocalDate on = LocalDate.ofInstant(at, ZoneOffset.UTC);
        List<HeldCredential> counting = held.stream().filter(c -> counts(pathway, c, on)).map(Candidate::credential).toList();
        BigDecimal ects = counting.stream().map(HeldCredential::ects).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<String> missing = new ArrayList<>();
        if (counting.isEmpty()) {
            missing.add("a credential that counts towards the pathway");
        }
        if (r.minTotalEcts() != null && ects.compareTo(r.minTotalEcts()) < 0) {
            missing.add(plain(r.minTotalEcts().subtract(ects)) + " more ECTS (" + plain(ects) + " of "
                    + plain(r.minTotalEcts()) + ")");
        }
        if (r.minCount() != null && counting.size() < r.minCount()) {
            missing.add((r.minCount() - counting.size()) + " more credential(s) (" + counting.size() + " of "
                    + r.minCount() + ")");
        }
        for (String outcome : r.requiredLearningOutcomes()) {
            if (counting.stream().noneMatch(c -> c.hasOutcome(outcome))) {
                missing.add("the learning outcome '" + outcome + "'");
            }
        }
        for (String skill : r.requiredEscoSkills()) {
            if (counting.stream().noneMatch(c -> c.hasEscoSkill(skill))) {
                missing.add("the ESCO skill " + skill);
            }
        }
        return new PathwayProgress(pathway.id(), missing.isEmpty(), counting.stream().map(HeldCredential::id).toList(),
                ects, missing, counting.stream().map(HeldCredential::issuedAt).max(Instant::compareTo).orElse(null));
    }

    private static boolean counts(Pathway pathway, Candidate candidate, LocalDate on) {
        Pathway.Requirements r = pathway.requirements();
        HeldCredential c = candidate.credential();
        // a stacked credential never counts towards the pathway it was issued on: it is made of the others
        return !pathway.id().equals(c.stackedOnPathwayId())
                && candidate.counts(r.accreditedAwardingBodyRequired())
                && (r.minEqfLevel() == null || (c.eqfLevel() != null && c.eqfLevel() >= r.minEqfLevel()))
                && (r.allowedAwardingBodyIds().isEmpty() || r.allowedAwardingBodyIds().contains(c.awardingBodyId()))
                && (r.maxCredentialAge() == null || !c.issuedOn().plus(r.maxCredentialAge()).isBefore(on));
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
