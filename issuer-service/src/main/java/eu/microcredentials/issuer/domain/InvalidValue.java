package eu.microcredentials.issuer.domain;

/**
 * A command's value that is well-formed but not acceptable in the state it meets, e.g. a revocation
 * effective before the credential was issued; {@code field} names the command's field.
 */
public final class InvalidValue extends Refusal {
    private final String field;

    public InvalidValue(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
