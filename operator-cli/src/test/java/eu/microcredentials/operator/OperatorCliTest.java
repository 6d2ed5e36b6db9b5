package eu.microcredentials.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command line's own behaviour, without the services: usage, a clear error when a service is down or refuses the
 * operator key (a plain JDK HTTP server stands in for a service's admin endpoint).
 */
class OperatorCliTest {
    // nothing listens on port 1 of the loopback: the connection is refused at once
    private static final String NOBODY = "http://127.0.0.1:1";

    @Test
    void aServiceThatIsDownIsNamedWithItsAddressAndWhatToDoAndExitsWith2() {
        Run run = run("--registry-url", NOBODY, "verify-chains", "registry");

        assertEquals(2, run.exit());
        assertTrue(run.out().contains("registry-service is not answering at " + NOBODY), run.out());
        assertTrue(run.out().contains("bin/run-local"), run.out());
    }

    @Test
    void aCommandThatNeedsTheDownServiceStopsWithOneLineOnStandardError() {
        Run run = run("--issuer-url", NOBODY, "rebuild", "issuer", "status-lists");

        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("mc-operator: issuer-service is not answering at " + NOBODY), run.err());
    }

    @Test
    void withoutACommandItPrintsTheCommands() {
        Run run = run();

        assertEquals(0, run.exit());
        for (String command : new String[] {"projections", "rebuild", "verify-chains", "compare-digests", "history", "export-log"}) {
            assertTrue(run.out().contains(command), command + " in " + run.out());
        }
    }

    @Test
    void anUnknownServiceIsRefusedByTheParser() {
        Run run = run("projections", "payroll");

        assertEquals(CommandLine.ExitCode.USAGE, run.exit());
        assertTrue(run.err().contains("payroll"), run.err());
    }

    @Test
    void eachServiceGetsItsOwnOperatorKeyAndARefusedKeyIsNamedWithWhatToDo() throws IOException {
        HttpServer registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext("/admin/projections", exchange -> {
            boolean operator = "Bearer registry-key".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (operator ? "[{\"name\":\"registry\",\"state\":\"RUNNING\"}]"
                    : "{\"title\":\"Unauthenticated\",\"status\":401}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type",
                    operator ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(operator ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        registry.start();
        try {
            String url = "http://127.0.0.1:" + registry.getAddress().getPort();

            Run withoutKey = run("--registry-url", url, "--registry-key", "", "projections", "registry");
            assertEquals(2, withoutKey.exit());
            assertTrue(withoutKey.out().contains("registry-service refused /admin/projections (401): no operator API key "
                    + "was given. Pass --registry-key or set MC_REGISTRY_OPERATOR_API_KEY."), withoutKey.out());

            Run anotherServicesKey = run("--registry-url", url, "--issuer-key", "registry-key", "--recognition-key",
                    "registry-key", "--registry-key", "issuer-key", "projections", "registry");
            assertEquals(2, anotherServicesKey.exit());
            assertTrue(anotherServicesKey.out().contains("(401): that is not its operator API key"), anotherServicesKey.out());

            Run withKey = run("--registry-url", url, "--registry-key", "registry-key", "projections", "registry");
            assertEquals(0, withKey.exit(), withKey.out() + withKey.err());
            assertTrue(withKey.out().contains("registry-service     registry"), withKey.out());
        } finally {
            registry.stop(0);
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = OperatorCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
