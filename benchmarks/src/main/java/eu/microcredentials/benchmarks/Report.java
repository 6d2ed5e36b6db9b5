package eu.microcredentials.benchmarks;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The run's figures as the issue asks for them: each scenario's median with its spread, next to the
 * raw limit of the parts it goes through and the target; the raw limits themselves; where the issuer's
 * and the registry's time goes. Printed, and written under {@code benchmarks/target/benchmark-results/<mode>/}: {@code summary.md}
 * (the tables), {@code results.json} and {@code results.csv} (every run's value of every figure).
 */
final class Report {
    /**
     * A line of the scenario table.
     *
     * @param rawLimit      the raw limit the figure is compared with (NaN: none), from the raw figures' medians
     * @param rawLimitName  which part's limit that is
     * @param higherIsBetter throughput (≥ target) or latency and memory (≤ target)
     * @param failuresKey   the figures (comma-separated) counting failed requests or lost changes, summed over the runs; or null
     */
    record Line(String scenario, String key, double target, boolean higherIsBetter, double rawLimit, String rawLimitName,
                String failuresKey) {
    }

    private final Figures figures;
    private final Settings settings;
    private final Map<String, String> machine;
    private final String loadBefore;
    private final String loadAfter;
    private final List<FlightRecording.Summary> profiles;

    Report(Figures figures, Settings settings, Map<String, String> machine, String loadBefore, String loadAfter,
           List<FlightRecording.Summary> profiles) {
        this.figures = figures;
        this.settings = settings;
        this.machine = machine;
        this.loadBefore = loadBefore;
        this.loadAfter = loadAfter;
        this.profiles = List.copyOf(profiles);
    }

    List<Line> lines() {
        double pgBest = Math.max(figures.median("raw.pg.insert"), figures.median("raw.pg.copy"));
        String pgBestName = figures.median("raw.pg.copy") >= figures.median("raw.pg.insert") ? "PostgreSQL COPY"
                : "PostgreSQL multi-row INSERT";
        Limit issuing = lowest(Map.of(pgBestName, pgBest, "Kafka producer", figures.median("raw.kafka.producer"),
                "ES256 signing", figures.median("raw.es256.sign")));
        Limit replaying = lowest(Map.of(pgBestName, pgBest, "Kafka consumer", figures.median("raw.kafka.consumer")));
        double brokerP99 = figures.median("raw.kafka.rate.p99");
        String broker = "Kafka p99 at " + settings.propagationRate() + "/s";
        double verify = figures.median("raw.es256.verify");
        return List.of(
                new Line("1. issuance, single requests (credentials/s)", "issuance.rate", 1000, true, issuing.value(),
                        issuing.name(), "issuance.failed"),
                new Line("1. issuance, single requests: p50 (ms)", "issuance.p50", Double.NaN, false, Double.NaN, "", null),
                new Line("1. issuance, single requests: p99 (ms)", "issuance.p99", Double.NaN, false, Double.NaN, "", null),
                new Line("2. bulk issuance, " + settings.batchSize() + " a request (credentials/s)", "bulk.rate", 3000, true,
                        issuing.value(), issuing.name(), "bulk.failed"),
                new Line("3. propagation of issuing at " + settings.propagationRate() + "/s: p50 (ms)", "propagation.issue.p50",
                        Double.NaN, false, figures.median("raw.kafka.rate.p50"), "Kafka p50 at " + settings.propagationRate() + "/s",
                        null),
                new Line("3. propagation of issuing at " + settings.propagationRate() + "/s: p99 (ms)", "propagation.issue.p99",
                        500, false, brokerP99, broker, "propagation.issue.lost,propagation.issue.failed"),
                new Line("3. propagation of issuing at " + settings.propagationRate() + "/s: p99 until the issuer answered (ms)",
                        "propagation.issue.answered.p99", Double.NaN, false, Double.NaN, "", null),
                new Line("3. propagation of revocation at " + settings.propagationRate() + "/s: p50 (ms)",
                        "propagation.revoke.p50", Double.NaN, false, figures.median("raw.kafka.rate.p50"),
                        "Kafka p50 at " + settings.propagationRate() + "/s", null),
                new Line("3. propagation of revocation at " + settings.propagationRate() + "/s: p99 (ms)",
                        "propagation.revoke.p99", 500, false, brokerP99, broker, "propagation.revoke.lost,propagation.revoke.failed"),
                new Line("3. propagation of revocation at " + settings.propagationRate() + "/s: p99 until the issuer answered (ms)",
                        "propagation.revoke.answered.p99", Double.NaN, false, Double.NaN, "", null),
                new Line("3b. propagation of issuing at " + settings.gentleRate() + "/s: p50 (ms)",
                        "propagation-gentle.issue.p50", Double.NaN, false, Double.NaN, "", null),
                new Line("3b. propagation of issuing at " + settings.gentleRate() + "/s: p99 (ms)",
                        "propagation-gentle.issue.p99", Double.NaN, false, Double.NaN, "", "propagation-gentle.issue.lost,propagation-gentle.issue.failed"),
                new Line("3b. propagation of revocation at " + settings.gentleRate() + "/s: p50 (ms)",
                        "propagation-gentle.revoke.p50", Double.NaN, false, Double.NaN, "", null),
                new Line("3b. propagation of revocation at " + settings.gentleRate() + "/s: p99 (ms)",
                        "propagation-gentle.revoke.p99", Double.NaN, false, Double.NaN, "", "propagation-gentle.revoke.lost,propagation-gentle.revoke.failed"),
                new Line("4. verification (verifications/s)", "verification.rate", 3000, true, verify, "ES256 checks",
                        "verification.failed"),
                new Line("4. verification: p50 (ms)", "verification.p50", Double.NaN, false, Double.NaN, "", null),
                new Line("4. verification: p99 (ms)", "verification.p99", 20, false, Double.NaN, "", null),
                new Line("5. replay into the registry (events/s)", "replay.rate", 20000, true, replaying.value(),
                        replaying.name(), null),
                new Line("6. resident memory: issuer-service (MiB)", "rss.issuer-service", 300, false, Double.NaN, "", null),
                new Line("6. resident memory: registry-service (MiB)", "rss.registry-service", 300, false, Double.NaN, "", null),
                new Line("6. resident memory: recognition-service (MiB)", "rss.recognition-service", 300, false, Double.NaN, "",
                        null));
    }

    private record Limit(String name, double value) {
    }

    private static Limit lowest(Map<String, Double> limits) {
        return limits.entrySet().stream().filter(e -> !e.getValue().isNaN()).min(Map.Entry.comparingByValue())
                .map(e -> new Limit(e.getKey(), e.getValue())).orElse(new Limit("", Double.NaN));
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("Run: ").append(settings.mode()).append(", ").append(settings.runs()).append(" run(s) of each scenario and raw limit, ")
                .append(settings.replayRuns()).append(" of the replay (").append(String.format(Locale.ROOT, "%,d", settings.replayEvents()))
                .append(" events seeded); ")
                .append(settings.only().isEmpty() ? "" : "only " + String.join(", ", settings.only().stream().sorted().toList()) + "; ")
                .append("load average (1, 5, 15 min) before ").append(loadBefore).append(", after ").append(loadAfter).append("\n\n");
        md.append("Machine: ");
        machine.forEach((name, value) -> md.append(name).append(" ").append(value).append("; "));
        md.append("\n\n| scenario | median | min – max (spread) | raw limit | ratio | target | met | failed or lost |\n");
        md.append("|---|---:|---:|---|---:|---:|---|---:|\n");
        for (Line line : lines()) {
            Figures.Figure figure = figures.get(line.key()).orElse(null);
            if (figure == null && line.key().startsWith("propagation-gentle.") && settings.gentleRate() == 0) {
                continue;
            }
            if (figure == null) {
                md.append("| ").append(line.scenario()).append(" | not measured | | | | | | |\n");
                continue;
            }
            double median = figure.median();
            String ratio = Double.isNaN(line.rawLimit()) ? "" : line.higherIsBetter()
                    ? format(100 * median / line.rawLimit()) + " %" : format(median / line.rawLimit()) + " ×";
            String raw = Double.isNaN(line.rawLimit()) ? "" : line.rawLimitName() + " " + format(line.rawLimit());
            String target = Double.isNaN(line.target()) ? "" : (line.higherIsBetter() ? "≥ " : "≤ ") + format(line.target());
            String met = Double.isNaN(line.target()) ? "" : (line.higherIsBetter() ? median >= line.target()
                    : median <= line.target()) ? "yes" : "**no**";
            String failed = line.failuresKey() == null ? "" : format(Arrays.stream(line.failuresKey().split(","))
                    .flatMap(key -> figures.get(key).stream()).flatMap(f -> f.values().stream())
                    .mapToDouble(Double::doubleValue).sum());
            md.append("| ").append(line.scenario()).append(" | ").append(format(median)).append(" | ")
                    .append(format(figure.min())).append(" – ").append(format(figure.max())).append(" (")
                    .append(format(100 * figure.spread())).append(" %) | ").append(raw).append(" | ").append(ratio)
                    .append(" | ").append(target).append(" | ").append(met).append(" | ").append(failed).append(" |\n");
        }
        md.append("\n| raw limit | unit | median | min – max | runs |\n|---|---|---:|---:|---:|\n");
        for (Figures.Figure figure : figures.all()) {
            if (figure.key().startsWith("raw.")) {
                md.append("| ").append(figure.label()).append(" | ").append(figure.unit()).append(" | ")
                        .append(format(figure.median())).append(" | ").append(format(figure.min())).append(" – ")
                        .append(format(figure.max())).append(" | ").append(figure.values().size()).append(" |\n");
            }
        }
        md.append(cpuTable());
        for (FlightRecording.Summary profile : profiles) {
            md.append("\n").append(profile.service()).append(" during scenario ").append(profile.scenario()).append(" (JFR, ")
                    .append(profile.samples()).append(" execution samples, GC pauses ").append(format(profile.gcPauseMillis()))
                    .append(" ms in all; ").append(profile.recording().getFileName())
                    .append("):\n\n| area of the method on top of the stack | share |\n|---|---:|\n");
            profile.byArea().forEach((area, share) -> md.append("| ").append(area).append(" | ").append(format(share)).append(" % |\n"));
            md.append("\n| method on top of the stack | share |\n|---|---:|\n");
            profile.byTopFrame().forEach((method, share) -> md.append("| `").append(method).append("` | ")
                    .append(format(share)).append(" % |\n"));
            md.append("\n| first platform method on the stack | share |\n|---|---:|\n");
            profile.byPlatformMethod().forEach((method, share) -> md.append("| `").append(method).append("` | ")
                    .append(format(share)).append(" % |\n"));
        }
        return md.toString();
    }

    /**
     * Where each throughput scenario's CPU went: milliseconds of CPU per credential or verification, part by part
     * (medians over the runs), from {@code /proc} at the edges of each measured window ({@link CpuTime}).
     */
    private String cpuTable() {
        Map<String, Map<String, Double>> byScenario = new LinkedHashMap<>();
        Set<String> parts = new LinkedHashSet<>();
        for (Figures.Figure figure : figures.all()) {
            int at = figure.key().indexOf(".cpu.");
            if (at > 0) {
                String part = figure.key().substring(at + ".cpu.".length());
                parts.add(part);
                byScenario.computeIfAbsent(figure.key().substring(0, at), s -> new LinkedHashMap<>()).put(part, figure.median());
            }
        }
        if (byScenario.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\nCPU per credential or verification, in ms (medians; from /proc over each "
                + "measured window; 'machine' is every core's busy time, 'other' what no part accounts for):\n\n| scenario |");
        parts.forEach(part -> md.append(' ').append(part).append(" |"));
        md.append("\n|---|").append("---:|".repeat(parts.size())).append('\n');
        byScenario.forEach((scenario, perPart) -> {
            md.append("| ").append(scenario).append(" |");
            parts.forEach(part -> md.append(' ').append(format(perPart.getOrDefault(part, Double.NaN))).append(" |"));
            md.append('\n');
        });
        return md.toString();
    }

    /** Writes summary.md, results.json and results.csv into {@code directory}; prints the summary. */
    void write(Path directory) throws IOException {
        String md = markdown();
        System.out.println();
        System.out.println(md);
        Files.writeString(directory.resolve("summary.md"), md, StandardCharsets.UTF_8);
        ObjectNode json = Http.JSON.createObjectNode();
        json.put("mode", settings.mode()).put("runs", settings.runs()).put("loadAverageBefore", loadBefore)
                .put("loadAverageAfter", loadAfter);
        json.put("settings", settings.toString());
        json.set("machine", Http.JSON.valueToTree(machine));
        ArrayNode all = json.putArray("figures");
        StringBuilder csv = new StringBuilder("figure,label,unit,run,value\n");
        for (Figures.Figure figure : figures.all()) {
            ObjectNode node = all.addObject().put("key", figure.key()).put("label", figure.label()).put("unit", figure.unit())
                    .put("median", figure.median()).put("min", figure.min()).put("max", figure.max());
            ArrayNode values = node.putArray("values");
            for (int run = 0; run < figure.values().size(); run++) {
                values.add(figure.values().get(run));
                csv.append(figure.key()).append(",\"").append(figure.label().replace("\"", "\"\"")).append("\",")
                        .append(figure.unit()).append(',').append(run + 1).append(',').append(figure.values().get(run)).append('\n');
            }
        }
        ArrayNode recordings = json.putArray("profiles");
        for (FlightRecording.Summary profile : profiles) {
            recordings.add(Http.JSON.valueToTree(Map.of("service", profile.service(), "scenario", profile.scenario(),
                    "samples", profile.samples(), "byArea", profile.byArea(), "byTopFrame", profile.byTopFrame(),
                    "byPlatformMethod", profile.byPlatformMethod(), "gcPauseMillis", profile.gcPauseMillis())));
        }
        Files.writeString(directory.resolve("results.json"),
                Http.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("results.csv"), csv.toString(), StandardCharsets.UTF_8);
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
