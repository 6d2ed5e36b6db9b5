package eu.microcredentials.operator;

/** The platform's services, as the operator names them on the command line. */
public enum Service {
    ISSUER("issuer-service", "MC_OPERATOR_API_KEY"),
    REGISTRY("registry-service", "MC_REGISTRY_OPERATOR_API_KEY"),
    RECOGNITION("recognition-service", "MC_RECOGNITION_OPERATOR_API_KEY");

    private final String serviceName;
    private final String operatorKeyVariable;

    Service(String serviceName, String operatorKeyVariable) {
        this.serviceName = serviceName;
        this.operatorKeyVariable = operatorKeyVariable;
    }

    /** The environment variable that holds the service's operator API key, for the service and for this tool. */
    public String operatorKeyVariable() {
        return operatorKeyVariable;
    }

    public String serviceName() {
        return serviceName;
    }

    /** The CloudEvents source of the events the service records. */
    public String eventSource() {
        return "/" + serviceName;
    }
}
