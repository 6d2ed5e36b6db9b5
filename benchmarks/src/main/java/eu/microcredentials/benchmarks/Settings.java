package eu.microcredentials.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How long and how big each part of a benchmark run is. {@code full} is the measured run recorded in
 * docs/benchmarks.md, {@code quick} a shorter look, {@code smoke} only proves that every part still
 * produces its figures (the test suite runs it; its numbers mean nothing).
 *
 * @param runs              how many times each scenario and raw limit is measured (the report gives the median)
 * @param warmup            load before each measured scenario run, not counted (JIT, pools, caches)
 * @param duration          how long each throughput scenario is measured
 * @param concurrency       requests in flight at once in the issuance and verification scenarios
 * @param bulkConcurrency   batch requests in flight at once in the bulk scenario
 * @param batchSize         credentials per bulk request
 * @param propagationRate   requests per second in the propagation scenario
 * @param gentleRate        a second, lower rate the propagation is also measured at (0: not), to tell the
 *                          pipeline's own latency from the queueing of an issuer that cannot keep up
 * @param propagationTime   how long each propagation phase (issue, then revoke) sends at that rate
 * @param pollInterval      how often the propagation scenario asks the registry whether a change is visible
 * @param replayEvents      credential events seeded on the topic before the replay is measured
 * @param replayRuns        how many times the replay is measured (a million events take minutes each time)
 * @param kafkaRecords      records ProducerPerformance sends (and ConsumerPerformance reads) per run
 * @param pgRows            rows per run of each PostgreSQL insert path
 * @param signingTime       how long the ES256 sign and verify loops run
 * @param platformWarmup    load before anything is measured, not counted: single and bulk issuance and
 *                          verification, so that every service's JIT has compiled its paths (on two
 *                          cores, three services compiling at once take most of the first minutes)
 * @param only              the parts to run ({@link #PARTS}); empty: all of them
 * @param profile           whether the issuer (in the platform warm-up) and the registry (during the replay) are
 *                          recorded with JFR; off by default, because a recording stays in the JVM's memory
 *                          (about 16 MiB of buffers, in native memory tracking's "Tracing") and in the
 *                          registry's CPU while it replays, both of which the run measures
 */
public record Settings(String mode, int runs, Duration warmup, Duration duration, int concurrency, int bulkConcurrency,
                       int batchSize, int propagationRate, int gentleRate, Duration propagationTime, Duration pollInterval,
                       int replayEvents, int replayRuns, int kafkaRecords, int pgRows, Duration signingTime, Duration platformWarmup, Set<String> only,
                       boolean profile) {
    /** The parts of a run, as {@code --only} names them. */
    public static final List<String> PARTS = List.of("raw", "issuance", "bulk", "propagation", "verification", "replay");

    public Settings {
        only = Set.copyOf(only);
    }

    /** Whether this run measures that part ({@link #PARTS}). */
    public boolean runs(String part) {
        if (!PARTS.contains(part)) {
            throw new IllegalArgumentException("no part " + part);
        }
        return only.isEmpty() || only.contains(part);
    }

    public static Settings full() {
        return new Settings("full", 3, Duration.ofSeconds(5), Duration.ofSeconds(30), 16, 2, 1000, 200, 20,
                Duration.ofSeconds(15), Duration.ofMillis(20), 1_000_000, 1, 100_000, 100_000, Duration.ofSeconds(5), Duration.ofSeconds(120), Set.of(), false);
    }

    public static Settings quick() {
        return new Settings("quick", 1, Duration.ofSeconds(3), Duration.ofSeconds(10), 16, 2, 1000, 200, 20,
                Duration.ofSeconds(8), Duration.ofMillis(20), 100_000, 1, 50_000, 50_000, Duration.ofSeconds(2), Duration.ofSeconds(60), Set.of(), false);
    }

    public static Settings smoke() {
        // a low propagation rate: on a busy CI machine the point is that every figure comes out, not its value;
        // the recordings too
        return new Settings("smoke", 1, Duration.ofMillis(500), Duration.ofSeconds(2), 8, 1, 1000, 20, 0,
                Duration.ofSeconds(1), Duration.ofMillis(20), 1_000, 1, 2_000, 2_000, Duration.ofMillis(300), Duration.ofSeconds(2), Set.of(), true);
    }

    /**
     * {@code --quick}, {@code --smoke}, {@code --runs N}, {@code --replay-events N}, {@code --replay-runs N},
     * {@code --warmup S}, {@code --duration S}, {@code --platform-warmup S}, {@code --batch-size N},
     * {@code --only raw,issuance,…}, {@code --profile}; nothing: the full run.
     */
    public static Settings fromArguments(List<String> arguments) {
        Settings settings = arguments.contains("--smoke") ? smoke() : arguments.contains("--quick") ? quick() : full();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            switch (argument) {
                case "--smoke", "--quick" -> { }
                case "--profile" -> settings = settings.withProfile();
                case "--runs" -> settings = settings.withRuns(Integer.parseInt(value(arguments, ++i, argument)));
                case "--replay-events" -> settings = settings.withReplay(Integer.parseInt(value(arguments, ++i, argument)),
                        settings.replayRuns());
                case "--replay-runs" -> settings = settings.withReplay(settings.replayEvents(),
                        Integer.parseInt(value(arguments, ++i, argument)));
                case "--warmup" -> settings = settings.withTimes(seconds(arguments, ++i, argument), settings.duration(),
                        settings.platformWarmup());
                case "--duration" -> settings = settings.withTimes(settings.warmup(), seconds(arguments, ++i, argument),
                        settings.platformWarmup());
                case "--platform-warmup" -> settings = settings.withTimes(settings.warmup(), settings.duration(),
                        seconds(arguments, ++i, argument));
                case "--batch-size" -> settings = settings.withBatchSize(Integer.parseInt(value(arguments, ++i, argument)));
                case "--only" -> settings = settings.withOnly(Set.of(value(arguments, ++i, argument).split(",")));
                default -> throw new IllegalArgumentException("unknown argument " + argument
                        + " (known: --quick, --smoke, --runs N, --replay-events N, --replay-runs N, --warmup S, --duration S, --platform-warmup S, --batch-size N, --only PART,…, --profile)");
            }
        }
        return settings;
    }

    public Settings withRuns(int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        return new Settings(mode, runs, warmup, duration, concurrency, bulkConcurrency, batchSize, propagationRate,
                gentleRate, propagationTime, pollInterval, replayEvents, replayRuns, kafkaRecords, pgRows, signingTime, platformWarmup, only, profile);
    }

    public Settings withReplay(int events, int times) {
        if (events < 1 || times < 1) {
            throw new IllegalArgumentException("--replay-events and --replay-runs must be at least 1");
        }
        return new Settings(mode, runs, warmup, duration, concurrency, bulkConcurrency, batchSize, propagationRate,
                gentleRate, propagationTime, pollInterval, events, times, kafkaRecords, pgRows, signingTime, platformWarmup, only, profile);
    }

    /** Another warm-up and measured time for each throughput scenario, and another warm-up of the whole platform. */
    public Settings withTimes(Duration warmup, Duration duration, Duration platformWarmup) {
        if (warmup.isNegative() || platformWarmup.isNegative() || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("--warmup and --platform-warmup must be at least 0 s, --duration at least 1 s");
        }
        return new Settings(mode, runs, warmup, duration, concurrency, bulkConcurrency, batchSize, propagationRate,
                gentleRate, propagationTime, pollInterval, replayEvents, replayRuns, kafkaRecords, pgRows, signingTime, platformWarmup, only, profile);
    }

    /** Another number of credentials per bulk request (the issuer takes at most 10,000). */
    public Settings withBatchSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1");
        }
        return new Settings(mode, runs, warmup, duration, concurrency, bulkConcurrency, size, propagationRate,
                gentleRate, propagationTime, pollInterval, replayEvents, replayRuns, kafkaRecords, pgRows, signingTime,
                platformWarmup, only, profile);
    }

    /** With the JFR recordings ({@code --profile}). */
    public Settings withProfile() {
        return new Settings(mode, runs, warmup, duration, concurrency, bulkConcurrency, batchSize, propagationRate,
                gentleRate, propagationTime, pollInterval, replayEvents, replayRuns, kafkaRecords, pgRows, signingTime,
                platformWarmup, only, true);
    }

    /** Only these parts ({@link #PARTS}); a run of some parts is a look, not the recorded figures. */
    public Settings withOnly(Set<String> parts) {
        List<String> unknown = parts.stream().filter(part -> !PARTS.contains(part)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("--only: no part " + String.join(", ", unknown) + " (known: "
                    + String.join(", ", PARTS) + ")");
        }
        return new Settings(mode, runs, warmup, duration, concurrency, bulkConcurrency, batchSize, propagationRate,
                gentleRate, propagationTime, pollInterval, replayEvents, replayRuns, kafkaRecords, pgRows, signingTime, platformWarmup, parts, profile);
    }

    private static Duration seconds(List<String> arguments, int index, String name) {
        return Duration.ofSeconds(Long.parseLong(value(arguments, index, name)));
    }

    private static String value(List<String> arguments, int index, String name) {
        if (index >= arguments.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return arguments.get(index);
    }
}
