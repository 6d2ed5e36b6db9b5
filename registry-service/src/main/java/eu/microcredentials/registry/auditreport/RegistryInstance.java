package eu.microcredentials.registry.auditreport;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This registry instance as a report names it: {@code mc.instance-id} when configured, else its service, host
 * and HTTP port (instances of one registry share a database; the report says which one answered).
 */
@ApplicationScoped
public class RegistryInstance {
    private final String service;
    private final String instance;

    public RegistryInstance(@ConfigProperty(name = "mc.service-name") String service,
                            @ConfigProperty(name = "mc.instance-id") Optional<String> instanceId,
                            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int httpPort) {
        this.service = service;
        this.instance = instanceId.filter(id -> !id.isBlank()).orElseGet(() -> service + "@" + hostName() + ":" + httpPort);
    }

    public ReportGeneration generation(Instant at) {
        return new ReportGeneration(at, service, instance);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
