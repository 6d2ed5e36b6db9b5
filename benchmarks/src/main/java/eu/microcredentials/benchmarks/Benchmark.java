package eu.microcredentials.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import eu.microcredentials.events.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmark of issue #7 in one run: the raw limits of Kafka, PostgreSQL and ES256 on this machine,
 * then the six scenarios against the three services started from their production jars, each
 * measured {@link Settings#runs()} times; prints the table and writes the raw results under
 * {@code benchmarks/target/benchmark-results/<mode>/}. Run it with {@code benchmarks/run [--quick]}, which
 * builds the jars and starts the infrastructure first. With {@code --profile} the issuer is recorded with JFR
 * while it issues in the platform's warm-up (unmeasured), the registry during scenario 5.
 */
public final class Benchmark {
    /** How long a scenario waits for the backlog of the one before it to be consumed. */
    private static final Duration QUIET = Duration.ofMinutes(15);

    /** What a run produced: every figure, and the files it wrote. */
    public record Result(Figures figures, List<FlightRecording.Summary> profiles, Path directory) {
    }

    private Benchmark() {
    }

    public static void main(String[] arguments) throws Exception {
        Result result = run(Settings.fromArguments(Arrays.asList(arguments)));
        System.out.println("[benchmark] results in " + result.directory());
    }

    public static Result run(Settings settings) throws Exception {
        Path out = Infrastructure.repositoryRoot().resolve("benchmarks/target/benchmark-results").resolve(settings.mode());
        Files.createDirectories(out);
        Infrastructure infrastructure = Infrastructure.fromEnvironment();
        infrastructure.requireReachable();
        Map<String, String> machine = Machine.describe();
        String loadBefore = Machine.loadAverage();
        say("%s run on %s; load average %s", settings.mode(), machine, loadBefore);
        Figures figures = new Figures();
        List<FlightRecording.Summary> profiles = new ArrayList<>();
        infrastructure.recreateDatabases(Platform.DATABASES);
        try (Http http = new Http(); Platform platform = new Platform(infrastructure, out)) {
            platform.start(http);
            CpuTime cpuTime = CpuTime.of(platform, infrastructure);
            Issuance issuance = new Issuance(platform, http, cpuTime);
            JsonNode sample = issuance.issueOne();
            String signed = sample.path("verifiableCredential").asText();
            String keyId = JWSObject.parse(signed).getHeader().getKeyID();
            EventEnvelope event = Replay.seedEvent(platform.sampleAwardingBodyId(), signed, keyId);
            int eventSize = Replay.eventSize(event);
            say("one credential event is %d bytes: the record size of the raw limits", eventSize);

            if (settings.runs("raw")) {
                rawLimits(settings, infrastructure, out, eventSize, new String(event.data(), StandardCharsets.UTF_8), signed, figures);
            }

            Verification verification = new Verification(platform, http, cpuTime);
            warmUp(settings, issuance, verification, recording(settings, platform.issuer, "1. issuance, in the warm-up", out))
                    .ifPresent(profiles::add);

            platform.awaitQuiet(http, QUIET);
            for (int run = 1; settings.runs("issuance") && run <= settings.runs(); run++) {
                if (run > 1) {
                    platform.awaitQuiet(http, QUIET);
                }
                platform.newAwardingBody(http);
                ClosedLoop.Outcome outcome = issuance.single(settings);
                throughput(figures, "issuance", "issuance, single requests", "credentials/s", outcome, true);
                say("1. issuance run %d: %.0f credentials/s, p50 %.1f ms, p99 %.1f ms, %d failed%s", run, outcome.perSecond(),
                        outcome.latencies().millis(50), outcome.latencies().millis(99), outcome.failures(), failure(outcome.firstFailure()));
            }

            for (int run = 1; settings.runs("bulk") && run <= settings.runs(); run++) {
                platform.awaitQuiet(http, QUIET);
                platform.newAwardingBody(http);
                ClosedLoop.Outcome outcome = issuance.bulk(settings);
                throughput(figures, "bulk", "bulk issuance", "credentials/s", outcome, false);
                say("2. bulk run %d: %.0f credentials/s (%d batches), %d failed%s%s", run, outcome.perSecond(),
                        outcome.latencies().count(), outcome.failures(), outcome.windowExtended() ? " (window extended)" : "",
                        failure(outcome.firstFailure()));
            }

            Propagation propagation = new Propagation(platform, http, infrastructure);
            for (int run = 1; settings.runs("propagation") && run <= settings.runs(); run++) {
                propagate(platform, http, propagation, settings, settings.propagationRate(), "propagation", run, figures);
            }
            for (int run = 1; settings.runs("propagation") && settings.gentleRate() > 0 && run <= settings.runs(); run++) {
                propagate(platform, http, propagation, settings, settings.gentleRate(), "propagation-gentle", run, figures);
            }

            if (settings.runs("verification")) {
                issuance.issueUnmeasured();
            }
            for (int run = 1; settings.runs("verification") && run <= settings.runs(); run++) {
                platform.awaitQuiet(http, QUIET);
                ClosedLoop.Outcome outcome = verification.run(settings, issuance.issuedCredentials());
                throughput(figures, "verification", "verification", "verifications/s", outcome, true);
                say("4. verification run %d: %.0f/s, p50 %.1f ms, p99 %.1f ms, %d failed%s", run, outcome.perSecond(),
                        outcome.latencies().millis(50), outcome.latencies().millis(99), outcome.failures(),
                        failure(outcome.firstFailure()));
            }

            // at the end of their load; recognition then stops, so the replay has the cores to itself and the registry
            for (ServiceJvm service : List.of(platform.issuer, platform.recognition)) {
                figures.add("rss." + service.name(), "resident memory of " + service.name(), "MiB", service.residentMebibytes());
            }
            platform.recognition.close();
            if (!settings.runs("replay")) {
                figures.add("rss." + platform.registry.name(), "resident memory of " + platform.registry.name(), "MiB",
                        platform.registry.residentMebibytes());
                return report(settings, figures, machine, loadBefore, profiles, out);
            }

            platform.awaitQuiet(http, QUIET);
            Replay replay = new Replay(platform, http, infrastructure);
            replay.seed(settings.replayEvents(), signed, keyId);
            Duration giveUp = Duration.ofSeconds(120 + settings.replayEvents() / 200);
            // the live model applies the seeded events first, so that the rebuild beside it is measured alone
            platform.awaitQuiet(http, giveUp);
            Optional<FlightRecording> replaying = recording(settings, platform.registry, "5. replay", out);
            if (replaying.isPresent()) {
                replaying.get().start();
            }
            for (int run = 1; run <= settings.replayRuns(); run++) {
                Replay.Outcome outcome = replay.rebuild(giveUp);
                figures.add("replay.rate", "replay into the registry", "events/s", outcome.perSecond());
                figures.add("replay.dead-lettered", "replay: records dead-lettered", "records", outcome.deadLettered());
                say("5. replay run %d: %,d records in %.1f s = %.0f events/s (%d dead-lettered)", run, outcome.records(),
                        outcome.seconds(), outcome.perSecond(), outcome.deadLettered());
            }
            if (replaying.isPresent()) {
                profiles.add(replaying.get().stop());
            }
            figures.add("rss." + platform.registry.name(), "resident memory of " + platform.registry.name(), "MiB",
                    platform.registry.residentMebibytes());
        }
        return report(settings, figures, machine, loadBefore, profiles, out);
    }

    /** A recording of the service under this name, when the run makes them ({@code --profile}). */
    private static Optional<FlightRecording> recording(Settings settings, ServiceJvm service, String name, Path out) {
        return settings.profile() ? Optional.of(new FlightRecording(service, name, out)) : Optional.empty();
    }

    private static Result report(Settings settings, Figures figures, Map<String, String> machine, String loadBefore,
                                 List<FlightRecording.Summary> profiles, Path out) throws Exception {
        String loadAfter = Machine.loadAverage();
        new Report(figures, settings, machine, loadBefore, loadAfter, profiles).write(out);
        return new Result(figures, profiles, out);
    }

    /**
     * Load that is not measured, before anything that is: half the time single issuance, a quarter bulk
     * issuance, a quarter verification, so that the JIT of each service has compiled the paths the
     * scenarios take (a service is measured as it runs in production, warm). The issuer is recorded
     * (JFR) through the second half of the single issuance, warm by then, so that the recording's own
     * cost (about a tenth of the issuer's CPU with the {@code profile} settings) is not in any measured
     * figure (its memory stays, which is why it is made only with {@code --profile}). Answers that recording's
     * summary; none without a warm-up or a recording.
     */
    private static Optional<FlightRecording.Summary> warmUp(Settings settings, Issuance issuance, Verification verification,
                                                            Optional<FlightRecording> issuing) throws Exception {
        Duration time = settings.platformWarmup();
        if (time.isZero()) {
            return Optional.empty();
        }
        say("warming up the platform for %d s (not measured)", time.toSeconds());
        Settings quarter = settings.withTimes(Duration.ZERO, time.dividedBy(4), Duration.ZERO);
        issuance.single(quarter);
        if (issuing.isPresent()) {
            issuing.get().start();
        }
        issuance.single(quarter);
        Optional<FlightRecording.Summary> profile = issuing.isPresent() ? Optional.of(issuing.get().stop()) : Optional.empty();
        issuance.bulk(quarter);
        issuance.issueUnmeasured();
        verification.run(quarter, issuance.issuedCredentials());
        return profile;
    }

    private static void rawLimits(Settings settings, Infrastructure infrastructure, Path out, int eventSize, String eventJson,
                                  String signed, Figures figures) throws Exception {
        KafkaLimits kafka = new KafkaLimits(infrastructure, out);
        PostgresLimits postgres = new PostgresLimits(infrastructure);
        for (int run = 1; run <= settings.runs(); run++) {
            kafka.throughput(settings.kafkaRecords(), eventSize, run, figures);
            kafka.latencyAtRate(settings.propagationRate(), (int) settings.propagationTime().toSeconds(), eventSize, run, figures);
            postgres.measure(settings.pgRows(), eventJson, figures);
            SigningLimits.measure(settings.signingTime(), signed, figures);
            say("raw limits run %d: Kafka producer %.0f records/s, consumer %.0f records/s, p99 at %d/s %.0f ms; "
                            + "PostgreSQL INSERT %.0f rows/s, COPY %.0f rows/s; ES256 %.0f signatures/s, %.0f checks/s", run,
                    last(figures, "raw.kafka.producer"), last(figures, "raw.kafka.consumer"), settings.propagationRate(),
                    last(figures, "raw.kafka.rate.p99"), last(figures, "raw.pg.insert"), last(figures, "raw.pg.copy"),
                    last(figures, "raw.es256.sign"), last(figures, "raw.es256.verify"));
        }
    }

    private static void propagate(Platform platform, Http http, Propagation propagation, Settings settings, int rate,
                                  String key, int run, Figures figures) throws InterruptedException, SQLException {
        platform.awaitQuiet(http, QUIET);
        platform.newAwardingBody(http);
        Propagation.Outcome issued = propagation.issue(settings, rate);
        latency(figures, key + ".issue", "propagation of issuing at " + rate + "/s", issued);
        platform.awaitQuiet(http, QUIET);
        Propagation.Outcome revoked = propagation.revoke(settings, rate, issued.ids());
        latency(figures, key + ".revoke", "propagation of revocation at " + rate + "/s", revoked);
        say("3. propagation at %d/s, run %d: issuing p50 %.0f ms p99 %.0f ms (the issuer's answer p99 %.0f ms; %d lost, "
                        + "%d failed); revoking p50 %.0f ms p99 %.0f ms (answer p99 %.0f ms; %d lost, %d failed)%s", rate,
                run, issued.latencies().millis(50), issued.latencies().millis(99), issued.answered().millis(99),
                issued.lost(), issued.failures(), revoked.latencies().millis(50), revoked.latencies().millis(99),
                revoked.answered().millis(99), revoked.lost(), revoked.failures(),
                failure(issued.firstFailure() != null ? issued.firstFailure() : revoked.firstFailure()));
        for (Propagation.Outcome outcome : List.of(issued, revoked)) {
            if (outcome.lastSeen() != null) {
                say("   first change not visible in time: %s", outcome.lastSeen());
            }
        }
    }

    private static void throughput(Figures figures, String key, String label, String unit, ClosedLoop.Outcome outcome,
                                   boolean latency) {
        figures.add(key + ".rate", label, unit, outcome.perSecond());
        if (latency) {
            figures.add(key + ".p50", label + ": p50", "ms", outcome.latencies().millis(50));
            figures.add(key + ".p99", label + ": p99", "ms", outcome.latencies().millis(99));
        }
        figures.add(key + ".failed", label + ": failed requests", "requests", outcome.failures());
        outcome.cpu().millisecondsPer(outcome.items()).forEach((part, millis) -> figures.add(key + ".cpu." + part,
                label + ": CPU of " + part + " per " + unit.substring(0, unit.indexOf('/') - 1), "ms", millis));
    }

    private static void latency(Figures figures, String key, String label, Propagation.Outcome outcome) {
        figures.add(key + ".p50", label + ": p50", "ms", outcome.latencies().millis(50));
        figures.add(key + ".p99", label + ": p99", "ms", outcome.latencies().millis(99));
        figures.add(key + ".answered.p99", label + ": p99 until the issuer answered", "ms",
                outcome.answered().millis(99));
        figures.add(key + ".lost", label + ": not visible within " + Propagation.GIVE_UP.toSeconds() + " s", "changes",
                outcome.lost());
        figures.add(key + ".failed", label + ": failed requests", "requests", outcome.failures());
    }

    private static double last(Figures figures, String key) {
        return figures.get(key).map(f -> f.values().get(f.values().size() - 1)).orElse(Double.NaN);
    }

    private static String failure(String first) {
        return first == null ? "" : " (first failure: " + first + ")";
    }

    private static void say(String format, Object... arguments) {
        System.out.printf("[benchmark] " + format + "%n", arguments);
    }
}
