package eu.microcredentials.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A Java Flight Recording of one service while one scenario runs (started and stopped with
 * {@code jcmd}, settings {@code profile}), summarised from its execution samples: where the service's
 * CPU time goes, by the method on top of the stack, by the library that method belongs to, and by the
 * first platform method below it (which part of the platform asked for the work).
 */
final class FlightRecording {
    private static final int TOP = 15;

    private final ServiceJvm service;
    private final String scenario;
    private final String name;
    private final Path file;

    FlightRecording(ServiceJvm service, String scenario, Path directory) {
        this.service = service;
        this.scenario = scenario;
        this.name = service.name() + "-" + scenario.replaceAll("[^a-z0-9]+", "-");
        this.file = directory.resolve(name + ".jfr");
    }

    void start() throws IOException, InterruptedException {
        Files.deleteIfExists(file);
        jcmd("JFR.start", "name=" + name, "settings=profile", "filename=" + file);
    }

    Summary stop() throws IOException, InterruptedException {
        jcmd("JFR.stop", "name=" + name);
        return summarise(service.name(), scenario, file);
    }

    /** Share of the samples, in percent, by name. */
    record Summary(String service, String scenario, Path recording, long samples, Map<String, Double> byArea,
                   Map<String, Double> byTopFrame, Map<String, Double> byPlatformMethod, double gcPauseMillis) {
    }

    static Summary summarise(String service, String scenario, Path recording) throws IOException {
        Map<String, Long> areas = new HashMap<>();
        Map<String, Long> topFrames = new HashMap<>();
        Map<String, Long> platformMethods = new HashMap<>();
        long samples = 0;
        double gcPause = 0;
        try (RecordingFile events = new RecordingFile(recording)) {
            while (events.hasMoreEvents()) {
                RecordedEvent event = events.readEvent();
                String type = event.getEventType().getName();
                if ("jdk.GarbageCollection".equals(type)) {
                    // the pauses only: a concurrent G1 cycle lasts long but stops the application briefly
                    gcPause += event.getDuration("sumOfPauses").toNanos() / 1e6;
                }
                if (!"jdk.ExecutionSample".equals(type)) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                RecordedFrame top = stack.getFrames().get(0);
                String topName = name(top);
                topFrames.merge(topName, 1L, Long::sum);
                areas.merge(area(top.getMethod().getType().getName()), 1L, Long::sum);
                String platform = "(no platform method on the stack)";
                for (RecordedFrame frame : stack.getFrames()) {
                    if (frame.isJavaFrame() && frame.getMethod().getType().getName().startsWith("eu.microcredentials.")) {
                        platform = name(frame);
                        break;
                    }
                }
                platformMethods.merge(platform, 1L, Long::sum);
            }
        }
        return new Summary(service, scenario, recording, samples, shares(areas, samples, Integer.MAX_VALUE), shares(topFrames, samples, TOP),
                shares(platformMethods, samples, TOP), gcPause);
    }

    /** The library or part of the JDK a class belongs to, in the words the report uses. */
    static String area(String className) {
        Map<String, String> areas = new LinkedHashMap<>();
        areas.put("sun.security.ec", "ES256 signing (JDK EC)");
        areas.put("sun.security.util.math", "ES256 signing (JDK EC)");
        areas.put("sun.security", "JDK security (other)");
        areas.put("java.math", "big-integer arithmetic");
        areas.put("com.nimbusds", "JOSE (Nimbus)");
        areas.put("com.fasterxml.jackson", "JSON (Jackson)");
        areas.put("com.networknt", "JSON Schema validation");
        areas.put("com.ethlo", "JSON Schema validation");
        areas.put("io.vertx.pgclient", "PostgreSQL client (Vert.x)");
        areas.put("io.vertx.sqlclient", "PostgreSQL client (Vert.x)");
        areas.put("io.netty", "network I/O (Netty)");
        areas.put("io.vertx", "Vert.x (other)");
        areas.put("org.apache.kafka", "Kafka client");
        areas.put("io.cloudevents", "CloudEvents");
        areas.put("org.jboss.resteasy", "REST (RESTEasy Reactive)");
        areas.put("io.quarkus", "Quarkus");
        areas.put("io.smallrye", "Mutiny / SmallRye");
        areas.put("io.micrometer", "metrics (Micrometer)");
        areas.put("org.jboss.logmanager", "logging");
        areas.put("eu.microcredentials", "platform code");
        areas.put("java.util.zip", "compression (zip)");
        areas.put("java.util.regex", "regular expressions");
        areas.put("java.lang.invoke", "JDK method handles");
        areas.put("java.", "JDK (other)");
        areas.put("jdk.", "JDK (other)");
        areas.put("sun.", "JDK (other)");
        for (Map.Entry<String, String> area : areas.entrySet()) {
            if (className.startsWith(area.getKey())) {
                return area.getValue();
            }
        }
        return "other";
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName() + " (" + type + ")";
    }

    private static Map<String, Double> shares(Map<String, Long> counts, long total, int limit) {
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
        Map<String, Double> shares = new LinkedHashMap<>();
        for (Map.Entry<String, Long> entry : sorted.subList(0, Math.min(limit, sorted.size()))) {
            shares.put(entry.getKey(), total == 0 ? 0 : 100.0 * entry.getValue() / total);
        }
        return shares;
    }

    private void jcmd(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(service.pid())));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || output.contains("Could not")) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
        }
    }
}
