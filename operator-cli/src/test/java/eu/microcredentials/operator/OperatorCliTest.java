package eu.microcredentials.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line's own behaviour, without services: usage, and a clear error when a service is down. */
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
