package eu.microcredentials.eventsourcing.quarkus;

/**
 * Whether a key presented to the admin endpoints ({@code /admin/*}) is this service's operators' key. A service whose
 * key comes from somewhere other than {@code mc.access.operator-api-key} (a generated file, a vault) provides a bean of
 * this type; otherwise {@link ConfiguredOperatorKey} reads the property.
 */
public interface OperatorKeys {
    /** The OpenAPI security scheme the admin resources require: {@code Authorization: Bearer <operator API key>}. */
    String SECURITY_SCHEME = "operatorKey";

    /** Whether the presented bearer token is the operators' key; false whenever no key is configured. */
    boolean isOperatorKey(String presented);
}
