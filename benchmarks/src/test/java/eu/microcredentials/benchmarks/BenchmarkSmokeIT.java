package eu.microcredentials.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The benchmark still works: a smoke run (a few seconds a scenario, a small replay) against the built
 * services on the real Kafka and PostgreSQL produces every figure of the report, and writes them.
 * No figure is compared with a target here: performance is measured by the benchmark run itself.
 */
class BenchmarkSmokeIT {
    /** Every figure the report needs, measured once in a smoke run. */
    private static final List<String> FIGURES = List.of(
            "raw.kafka.producer", "raw.kafka.consumer", "raw.kafka.rate.p50", "raw.kafka.rate.p99", "raw.pg.insert",
            "raw.pg.copy", "raw.es256.sign", "raw.es256.verify",
            "issuance.rate", "issuance.p50", "issuance.p99", "bulk.rate",
            "propagation.issue.p50", "propagation.issue.p99", "propagation.revoke.p50", "propagation.revoke.p99",
            "propagation.issue.answered.p99", "propagation.revoke.answered.p99",
            "verification.rate", "verification.p50", "verification.p99", "replay.rate",
            "rss.issuer-service", "rss.registry-service", "rss.recognition-service",
            // where the CPU went: each part found by its process, each busy in the scenario that passes through it
            "issuance.cpu.issuer-service", "issuance.cpu.postgresql", "issuance.cpu.kafka", "issuance.cpu.benchmark",
            "issuance.cpu.machine", "bulk.cpu.issuer-service", "verification.cpu.registry-service");
    private static final List<String> NO_FAILURES = List.of(
            "issuance.failed", "bulk.failed", "propagation.issue.failed", "propagation.revoke.failed", "verification.failed",
            "replay.dead-lettered");

    @Test
    void aSmokeRunProducesEveryFigure() throws Exception {
        Benchmark.Result result = Benchmark.run(Settings.smoke());

        for (String key : FIGURES) {
            Figures.Figure figure = result.figures().get(key).orElse(null);
            assertNotNull(figure, key + " was not measured");
            assertEquals(1, figure.values().size(), key + ": one value per run");
            double value = figure.median();
            assertTrue(value > 0 && Double.isFinite(value), key + " is " + value);
        }
        for (String key : NO_FAILURES) {
            assertEquals(0.0, result.figures().median(key), key);
        }
        assertEquals(List.of("issuer-service", "registry-service"),
                result.profiles().stream().map(FlightRecording.Summary::service).toList(), "the recordings made");
        FlightRecording.Summary issuer = result.profiles().get(0);
        assertTrue(issuer.samples() > 0, "the issuer's recording has execution samples");
        assertFalse(issuer.byArea().isEmpty(), "the profile names where the issuer's time goes");

        Path directory = result.directory();
        JsonNode written = Http.JSON.readTree(Files.readString(directory.resolve("results.json"), StandardCharsets.UTF_8));
        List<String> writtenKeys = written.path("figures").findValuesAsText("key");
        assertTrue(writtenKeys.containsAll(FIGURES), "results.json holds every figure: " + writtenKeys);
        String csv = Files.readString(directory.resolve("results.csv"), StandardCharsets.UTF_8);
        String summary = Files.readString(directory.resolve("summary.md"), StandardCharsets.UTF_8);
        for (String key : FIGURES) {
            assertTrue(csv.contains("\n" + key + ","), "results.csv has " + key);
        }
        assertFalse(summary.contains("not measured"), summary);
        assertTrue(summary.contains("5. replay into the registry"), summary);
        assertTrue(summary.contains("registry-service during scenario 5. replay"), summary);
        assertTrue(summary.contains("| issuance | "), "the CPU table has a line for issuance: " + summary);
        double parts = Stream.of("issuer-service", "registry-service", "recognition-service", "postgresql", "kafka", "benchmark")
                .mapToDouble(part -> result.figures().median("issuance.cpu." + part)).sum();
        double machine = result.figures().median("issuance.cpu.machine");
        assertTrue(parts <= 1.05 * machine, "no CPU counted twice: the parts' " + parts + " ms within the machine's " + machine);
    }
}
