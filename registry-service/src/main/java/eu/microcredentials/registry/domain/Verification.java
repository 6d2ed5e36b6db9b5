package eu.microcredentials.registry.domain;

import eu.microcredentials.registry.domain.asof.AsOf;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of verifying a presented credential: verified only when every required check passed
 * (informational checks, such as the awarding body's accreditation, are reported but do not decide).
 * The ids are those the credential claims (null when it could not be read), the status the registry's
 * (null when it does not hold the credential); {@code statusDetail} is the latest status change, null
 * unless the caller may see it. A verification as of an instant reports the status in effect then as
 * known now (null when the credential was not yet issued), and in {@code asOf} both what is known now and
 * what was known then; {@code asOf} is null for a verification of the present.
 */
public record Verification(boolean verified, String credentialId, String awardingBodyId, CredentialStatus status,
                           StatusChange statusDetail, List<VerificationCheck> checks, AsOf asOf) {

    public Verification {
        checks = List.copyOf(checks);
        if (verified != requiredPassed(checks)) {
            throw new IllegalArgumentException("verified must be true exactly when every required check passed");
        }
    }

    public static Verification of(String credentialId, String awardingBodyId, CredentialStatus status,
                                  List<VerificationCheck> checks) {
        return of(credentialId, awardingBodyId, status, null, checks);
    }

    public static Verification of(String credentialId, String awardingBodyId, CredentialStatus status,
                                  StatusChange statusDetail, List<VerificationCheck> checks) {
        return of(credentialId, awardingBodyId, status, statusDetail, checks, null);
    }

    public static Verification of(String credentialId, String awardingBodyId, CredentialStatus status,
                                  StatusChange statusDetail, List<VerificationCheck> checks, AsOf asOf) {
        return new Verification(requiredPassed(checks), credentialId, awardingBodyId, status, statusDetail, checks, asOf);
    }

    /** The first required check that failed, if any: the one to name when telling why a credential did not verify. */
    public Optional<VerificationCheck> firstFailure() {
        return checks.stream().filter(check -> check.required() && !check.passed()).findFirst();
    }

    private static boolean requiredPassed(List<VerificationCheck> checks) {
        return checks.stream().anyMatch(VerificationCheck::required)
                && checks.stream().filter(VerificationCheck::required).allMatch(VerificationCheck::passed);
    }
}
