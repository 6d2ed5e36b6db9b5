package eu.microcredentials.events;

/** A message that does not follow the event contract: it cannot be read, and is dead-lettered. */
public class ContractViolation extends RuntimeException {
    public ContractViolation(String message) {
        super(message);
    }

    public ContractViolation(String message, Throwable cause) {
        super(message, cause);
    }
}
