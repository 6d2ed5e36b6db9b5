package eu.microcredentials.recognition.domain.policy;

import eu.microcredentials.recognition.domain.AccreditationRecord;
import eu.microcredentials.recognition.domain.HeldCredential;
import java.util.Objects;

/** A credential put forward for recognition or a pathway, with its awarding body's accreditation standing. */
public record Candidate(HeldCredential credential, AccreditationRecord.Standing accreditation) {
    public Candidate {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(accreditation, "accreditation");
    }

    /** Still active, and (when it matters) its awarding body accredited at issuance and now. */
    public boolean counts(boolean accreditationRequired) {
        return credential.counts() && (!accreditationRequired || accredited());
    }

    public boolean accredited() {
        return accreditation.accreditedAtIssuance() && accreditation.accreditedNow();
    }
}
