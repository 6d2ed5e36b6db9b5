package eu.microcredentials.registry.domain;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of verifying a presented credential: verified only when every check passed. The ids are
 * those the credential claims (null when it could not be read), the status the registry's (null when it
 * does not hold the credential).
 */
public record Verification(boolean verified, String credentialId, String awardingBodyId, CredentialStatus status,
                           List<VerificationCheck> checks) {

    public Verification {
        checks = List.copyOf(checks);
        if (verified != allPassed(checks)) {
            throw new IllegalArgumentException("verified must be true exactly when every check passed");
        }
    }

    public static Verification of(String credentialId, String awardingBodyId, CredentialStatus status,
                                  List<VerificationCheck> checks) {
        return new Verification(allPassed(checks), credentialId, awardingBodyId, status, checks);
    }

    /** The first check that failed, if any: the one to name when telling why a credential did not verify. */
    public Optional<VerificationCheck> firstFailure() {
        return checks.stream().filter(check -> !check.passed()).findFirst();
    }

    private static boolean allPassed(List<VerificationCheck> checks) {
        return !checks.isEmpty() && checks.stream().allMatch(VerificationCheck::passed);
    }
}
