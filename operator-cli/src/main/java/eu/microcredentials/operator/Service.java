package eu.microcredentials.operator;

/** The platform's services, as the operator names them on the command line. */
public enum Service {
    ISSUER("issuer-service"), REGISTRY("registry-service"), RECOGNITION("recognition-service");

    private final String serviceName;

    Service(String serviceName) {
        this.serviceName = serviceName;
    }

    public String serviceName() {
        return serviceName;
    }

    /** The CloudEvents source of the events the service records. */
    public String eventSource() {
        return "/" + serviceName;
    }
}
