package eu.microcredentials.registry.domain.accreditation;

/** A value of the command that cannot be recorded, e.g. a period that ends before it starts; names the field. */
public class InvalidAccreditation extends RuntimeException {
    private final String field;

    public InvalidAccreditation(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
