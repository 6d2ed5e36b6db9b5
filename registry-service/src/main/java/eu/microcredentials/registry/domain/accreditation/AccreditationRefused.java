package eu.microcredentials.registry.domain.accreditation;

/** The awarding body's current accreditation does not allow the command; nothing is recorded. */
public class AccreditationRefused extends RuntimeException {
    private final String currentStatus;

    public AccreditationRefused(String reason, String currentStatus) {
        super(reason);
        this.currentStatus = currentStatus;
    }

    /** ACCREDITED, WITHDRAWN or NONE. */
    public String currentStatus() {
        return currentStatus;
    }
}
