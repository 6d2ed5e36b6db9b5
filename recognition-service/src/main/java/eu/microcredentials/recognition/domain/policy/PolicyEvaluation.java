package eu.microcredentials.recognition.domain.policy;

import eu.microcredentials.recognition.domain.HeldCredential;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Evaluates a recognition policy over the credentials put forward: every rule, for every credential, with each
 * failure named. Pure: the time it is judged at comes in, the accreditation standing comes with each candidate.
 */
public final class PolicyEvaluation {

    /** The decision a policy's rules lead to. */
    public enum Decision { GRANTED, REJECTED, NEEDS_REVIEW }

    /** The decision, the ECTS recognised (or, in review, proposed), every failed rule and an explanation a learner can read. */
    public record Outcome(Decision decision, BigDecimal ects, List<FailedRule> failedRules, String explanation) {
        public Outcome {
            Objects.requireNonNull(decision, "decision");
            failedRules = List.copyOf(failedRules);
        }

        public boolean rulesMet() {
            return failedRules.isEmpty();
        }
    }

    private PolicyEvaluation() {
    }

    /**
     * @param requestedAt when the request was made: the age of a credential is judged against it
     */
    public static Outcome evaluate(RecognitionPolicy policy, List<Candidate> candidates, Instant requestedAt) {
        Objects.requireNonNull(requestedAt, "requestedAt");
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("a recognition needs at least one credential");
        }
        List<FailedRule> failed = new ArrayList<>();
        for (Candidate candidate : candidates) {
            failed.addAll(credentialRules(policy, candidate, requestedAt));
        }
        List<HeldCredential> credentials = candidates.stream().map(Candidate::credential).toList();
        BigDecimal total = credentials.stream().map(HeldCredential::ects).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (policy.minTotalEcts() != null && total.compareTo(policy.minTotalEcts()) < 0) {
            failed.add(new FailedRule(null, "minimum-total-ects", plain(total) + " ECTS in all, "
                    + plain(policy.minTotalEcts()) + " required"));
        }
        for (String outcome : policy.requiredLearningOutcomes()) {
            if (credentials.stream().noneMatch(c -> c.hasOutcome(outcome))) {
                failed.add(new FailedRule(null, "required-learning-outcome",
                        "no credential has the learning outcome '" + outcome + "'"));
            }
        }
        for (String skill : policy.requiredEscoSkills()) {
            if (credentials.stream().noneMatch(c -> c.hasEscoSkill(skill))) {
                failed.add(new FailedRule(null, "required-esco-skill", "no credential has the ESCO skill " + skill));
            }
        }
        String name = policy.title() == null ? policy.organisation() + "'s " + policy.purpose().name().toLowerCase()
                + " policy" : "'" + policy.title() + "'";
        if (!failed.isEmpty()) {
            return new Outcome(Decision.REJECTED, BigDecimal.ZERO, failed, "Not recognised under " + name + ": "
                    + failed.size() + " rule(s) not met. " + failed.stream()
                    .map(f -> (f.credentialId() == null ? "" : "Credential " + f.credentialId() + ": ") + f.detail() + ".")
                    .collect(Collectors.joining(" ")));
        }
        if (policy.needsHumanReview()) {
            return new Outcome(Decision.NEEDS_REVIEW, total, List.of(), "Every rule of " + name + " is met by the "
                    + credentials.size() + " credential(s), " + plain(total) + " ECTS; " + policy.organisation()
                    + " has a reviewer decide on every request under this policy.");
        }
        return new Outcome(Decision.GRANTED, total, List.of(), "Recognised under " + name + ": every rule is met by the "
                + credentials.size() + " credential(s), " + plain(total) + " ECTS recognised.");
    }

    /**
     * A decision taken on these candidates, looked at again after one of them changed: the ones that no longer count
     * (not active, or their awarding body no longer accredited where the policy asks for it) are left out, and the
     * policy is evaluated on the rest. Empty when none remain.
     */
    public static Optional<Outcome> reevaluate(RecognitionPolicy policy, List<Candidate> candidates,
                                                         Instant requestedAt) {
        List<Candidate> remaining = candidates.stream()
                .filter(c -> c.counts(policy.accreditedAwardingBodyRequired())).toList();
        return remaining.isEmpty() ? Optional.empty()
                : Optional.of(evaluate(policy, remaining, requestedAt));
    }

    private static List<FailedRule> credentialRules(RecognitionPolicy policy, Candidate candidate, Instant requestedAt) {
        HeldCredential c = candidate.credential();
        List<FailedRule> failed = new ArrayList<>();
        if (!c.counts()) {
            failed.add(new FailedRule(c.id(), "credential-active", "the credential is " + c.status()));
        }
        if (policy.minEqfLevel() != null) {
            if (c.eqfLevel() == null) {
                failed.add(new FailedRule(c.id(), "minimum-eqf-level", "the credential has no EQF level; "
                        + policy.minEqfLevel() + " or higher required"));
            } else if (c.eqfLevel() < policy.minEqfLevel()) {
                failed.add(new FailedRule(c.id(), "minimum-eqf-level", "EQF " + c.eqfLevel() + " is below the required "
                        + policy.minEqfLevel()));
            }
        }
        if (policy.minEctsPerCredential() != null && c.ects().compareTo(policy.minEctsPerCredential()) < 0) {
            failed.add(new FailedRule(c.id(), "minimum-ects-per-credential", plain(c.ects()) + " ECTS, at least "
                    + plain(policy.minEctsPerCredential()) + " required"));
        }
        if (!accepted(policy.acceptedQualityAssuranceTypes(), c.qualityAssuranceType())) {
            failed.add(new FailedRule(c.id(), "quality-assurance-type", "quality assurance " + c.qualityAssuranceType()
                    + " is not one of " + sorted(policy.acceptedQualityAssuranceTypes())));
        }
        if (policy.accreditedAwardingBodyRequired()) {
            if (!candidate.accreditation().accreditedAtIssuance()) {
                failed.add(new FailedRule(c.id(), "accredited-awarding-body", "the awarding body " + c.awardingBodyId()
                        + " was not accredited when the credential was issued"));
            } else if (!candidate.accreditation().accreditedNow()) {
                failed.add(new FailedRule(c.id(), "accredited-awarding-body", "the awarding body " + c.awardingBodyId()
                        + " is no longer accredited"));
            }
        }
        if (!policy.acceptedIssuerCountries().isEmpty()
                && c.issuerCountries().stream().noneMatch(policy.acceptedIssuerCountries()::contains)) {
            failed.add(new FailedRule(c.id(), "issuer-country", "issued in " + c.issuerCountries() + ", none of "
                    + sorted(policy.acceptedIssuerCountries())));
        }
        if (policy.maxCredentialAge() != null) {
            LocalDate requestedOn = LocalDate.ofInstant(requestedAt, ZoneOffset.UTC);
            if (c.issuedOn().plus(policy.maxCredentialAge()).isBefore(requestedOn)) {
                failed.add(new FailedRule(c.id(), "maximum-credential-age", "issued on " + c.issuedOn()
                        + ", more than " + policy.maxCredentialAge() + " before the request on " + requestedOn));
            }
        }
        if (!accepted(policy.acceptedAssessmentTypes(), c.assessmentType())) {
            failed.add(new FailedRule(c.id(), "assessment-type", "assessment " + c.assessmentType() + " is not one of "
                    + sorted(policy.acceptedAssessmentTypes())));
        }
        if (policy.supervisedAssessmentRequired() && !Boolean.TRUE.equals(c.supervised())) {
            failed.add(new FailedRule(c.id(), "supervised-assessment", "the assessment was not supervised"));
        }
        return failed;
    }

    private static boolean accepted(Set<String> accepted, String value) {
        return accepted.isEmpty() || (value != null && accepted.contains(value));
    }

    private static Set<String> sorted(Set<String> values) {
        return new TreeSet<>(values);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
