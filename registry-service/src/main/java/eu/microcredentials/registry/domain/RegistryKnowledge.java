package eu.microcredentials.registry.domain;

import eu.microcredentials.registry.domain.accreditation.AccreditationHistory;
import eu.microcredentials.registry.domain.asof.AsOf;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the registry knows that a verification weighs, looked up for the credential presented.
 *
 * @param awardingBodyName     the registered name of the awarding body it names; empty when not registered
 * @param key                  the published key its header names; empty when the registry knows none
 * @param record               the registry's record of the credential it names; empty when there is none
 * @param accreditation        every accreditation decision recorded for the awarding body it names
 * @param latestStatusChange   the record's latest status change; empty when there is none or the caller may not see it
 * @param now                  the instant of the verification, for the checks that ask "now"; the as-of
 *                             instant when verifying as of one
 * @param asOf                 the credential's status and accreditation at that instant, known now and known
 *                             then; empty for a verification of the present
 */
public record RegistryKnowledge(Optional<String> awardingBodyName, Optional<SigningKey> key,
                                Optional<RegistryRecord> record, AccreditationHistory accreditation,
                                Optional<StatusChange> latestStatusChange, Instant now, Optional<AsOf> asOf) {

    public RegistryKnowledge {
        Objects.requireNonNull(awardingBodyName, "awardingBodyName");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(accreditation, "accreditation");
        Objects.requireNonNull(latestStatusChange, "latestStatusChange");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(asOf, "asOf");
        if (asOf.isPresent() && !asOf.get().instant().equals(now)) {
            throw new IllegalArgumentException("a verification as of " + asOf.get().instant() + " asks at that instant, not "
                    + now);
        }
    }

    /** What the registry knows for a verification of the present. */
    public RegistryKnowledge(Optional<String> awardingBodyName, Optional<SigningKey> key, Optional<RegistryRecord> record,
                             AccreditationHistory accreditation, Optional<StatusChange> latestStatusChange, Instant now) {
        this(awardingBodyName, key, record, accreditation, latestStatusChange, now, Optional.empty());
    }
}
