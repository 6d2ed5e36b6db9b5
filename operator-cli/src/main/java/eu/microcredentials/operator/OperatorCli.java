package eu.microcredentials.operator;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** mc-operator: operates the platform through its services' admin and registry APIs. */
@Command(name = "mc-operator", mixinStandardHelpOptions = true, version = "mc-operator 0.1.0",
        description = "Operates the micro-credentials platform through its services' HTTP APIs.",
        subcommands = {ProjectionsCommand.class, RebuildCommand.class, VerifyChainsCommand.class,
                CompareDigestsCommand.class, HistoryCommand.class, ExportLogCommand.class})
public final class OperatorCli implements Runnable {
    /** Exit code when a service does not answer or answers with an error. */
    static final int SERVICE_PROBLEM = 2;
    /** Exit code when the check ran and found something wrong (a broken chain, a disagreement, a differing rebuild). */
    static final int FOUND_A_PROBLEM = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--issuer-url", defaultValue = "${env:MC_ISSUER_URL:-http://127.0.0.1:8081}",
            description = "issuer-service (default: $MC_ISSUER_URL or ${DEFAULT-VALUE})")
    URI issuerUrl;

    @Option(names = "--registry-url", defaultValue = "${env:MC_REGISTRY_URL:-http://127.0.0.1:8082}",
            description = "registry-service (default: $MC_REGISTRY_URL or ${DEFAULT-VALUE})")
    URI registryUrl;

    @Option(names = "--recognition-url", defaultValue = "${env:MC_RECOGNITION_URL:-http://127.0.0.1:8083}",
            description = "recognition-service (default: $MC_RECOGNITION_URL or ${DEFAULT-VALUE})")
    URI recognitionUrl;

    @Option(names = "--issuer-key", defaultValue = "${env:MC_OPERATOR_API_KEY}",
            description = "the issuer operators' API key (default: $MC_OPERATOR_API_KEY, else the key the issuer generated "
                    + "into ~/.microcredentials/operator-api-key)")
    String issuerKey;

    @Option(names = {"--registry-key", "--registry-operator-key"}, defaultValue = "${env:MC_REGISTRY_OPERATOR_API_KEY}",
            description = "the registry operators' API key (default: $MC_REGISTRY_OPERATOR_API_KEY)")
    String registryKey;

    @Option(names = "--recognition-key", defaultValue = "${env:MC_RECOGNITION_OPERATOR_API_KEY}",
            description = "the recognition operators' API key (default: $MC_RECOGNITION_OPERATOR_API_KEY)")
    String recognitionKey;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The APIs of the three services, as the options name them. */
    Map<Service, ServiceApi> services() {
        Map<Service, ServiceApi> apis = new EnumMap<>(Service.class);
        apis.put(Service.ISSUER, new ServiceApi(Service.ISSUER, issuerUrl, http,
                issuerKey != null && !issuerKey.isBlank() ? issuerKey : generatedIssuerKey()));
        apis.put(Service.REGISTRY, new ServiceApi(Service.REGISTRY, registryUrl, http, registryKey));
        apis.put(Service.RECOGNITION, new ServiceApi(Service.RECOGNITION, recognitionUrl, http, recognitionKey));
        return apis;
    }

    /** The key an issuer started without MC_OPERATOR_API_KEY generated for its operators on this machine, if any. */
    private static String generatedIssuerKey() {
        Path file = Path.of(System.getProperty("user.home"), ".microcredentials", "operator-api-key");
        try {
            return Files.isReadable(file) ? Files.readString(file).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    ServiceApi service(Service service) {
        return services().get(service);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** The command line, with a service that is down or refusing reported in one clear line. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new OperatorCli());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof ServiceApi.ServiceProblem problem) {
                line.getErr().println("mc-operator: " + problem.getMessage());
                line.getErr().flush();
                return SERVICE_PROBLEM;
            }
            throw e;
        });
        return commandLine;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
