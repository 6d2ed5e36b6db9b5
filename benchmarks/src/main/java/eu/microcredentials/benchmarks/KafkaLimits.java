package eu.microcredentials.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The broker's raw limits on this machine, measured with Kafka's own tools, each in a JVM of its own
 * as {@code kafka-producer-perf-test.sh} and {@code kafka-consumer-perf-test.sh} run them: records of
 * the size of our events, {@code acks=all}, on a topic with as many partitions as the contract's.
 */
final class KafkaLimits {
    private static final Pattern PRODUCER_SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, "
                    + "(\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99.9th");
    private static final int PARTITIONS = 6;

    private final Infrastructure infrastructure;
    private final Path logs;

    KafkaLimits(Infrastructure infrastructure, Path logs) {
        this.infrastructure = infrastructure;
        this.logs = logs;
    }

    /** ProducerPerformance as fast as it goes, then ConsumerPerformance reading the same records back. */
    void throughput(int records, int recordSize, int run, Figures figures) throws Exception {
        String topic = "bench.raw-limit." + run + "." + System.currentTimeMillis();
        createTopic(topic);
        try {
            Matcher produced = produce(topic, records, recordSize, -1, "producer-" + run);
            figures.add("raw.kafka.producer", "Kafka ProducerPerformance, acks=all", "records/s", Double.parseDouble(produced.group(2)));
            figures.add("raw.kafka.producer.mb", "Kafka ProducerPerformance, acks=all", "MB/s", Double.parseDouble(produced.group(3)));
            Map<String, String> consumed = consume(topic, records, "consumer-" + run);
            figures.add("raw.kafka.consumer", "Kafka ConsumerPerformance (fetch rate)", "records/s",
                    Double.parseDouble(consumed.get("fetch.nMsg.sec")));
            figures.add("raw.kafka.consumer.with-join", "Kafka ConsumerPerformance (incl. group join)", "records/s",
                    Double.parseDouble(consumed.get("nMsg.sec")));
        } finally {
            deleteTopic(topic);
        }
    }

    /** ProducerPerformance at a fixed rate: the broker's own latency at the propagation scenario's rate. */
    void latencyAtRate(int rate, int seconds, int recordSize, int run, Figures figures) throws Exception {
        String topic = "bench.raw-latency." + run + "." + System.currentTimeMillis();
        createTopic(topic);
        try {
            Matcher produced = produce(topic, rate * seconds, recordSize, rate, "producer-at-rate-" + run);
            figures.add("raw.kafka.rate.p50", "Kafka ProducerPerformance at " + rate + "/s, acks=all: p50", "ms",
                    Double.parseDouble(produced.group(7)));
            figures.add("raw.kafka.rate.p99", "Kafka ProducerPerformance at " + rate + "/s, acks=all: p99", "ms",
                    Double.parseDouble(produced.group(9)));
        } finally {
            deleteTopic(topic);
        }
    }

    private Matcher produce(String topic, int records, int recordSize, int throughput, String name) throws Exception {
        List<String> output = tool(name, "org.apache.kafka.tools.ProducerPerformance", "--topic", topic,
                "--num-records", Integer.toString(records), "--record-size", Integer.toString(recordSize),
                "--throughput", Integer.toString(throughput), "--producer-props",
                "bootstrap.servers=" + infrastructure.kafkaBootstrapServers(), "acks=all");
        for (int i = output.size() - 1; i >= 0; i--) {
            Matcher matcher = PRODUCER_SUMMARY.matcher(output.get(i));
            if (matcher.find()) {
                return matcher;
            }
        }
        throw new IllegalStateException("ProducerPerformance printed no summary; see " + logs.resolve(name + ".log"));
    }

    private Map<String, String> consume(String topic, int records, String name) throws Exception {
        List<String> output = tool(name, "org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server",
                infrastructure.kafkaBootstrapServers(), "--topic", topic, "--messages", Integer.toString(records),
                "--timeout", "60000");
        for (int i = 0; i + 1 < output.size(); i++) {
            if (output.get(i).startsWith("start.time")) {
                String[] names = output.get(i).split(",\\s*");
                String[] values = output.get(i + 1).split(",\\s*");
                Map<String, String> row = new java.util.HashMap<>();
                for (int c = 0; c < Math.min(names.length, values.length); c++) {
                    row.put(names[c].trim(), values[c].trim());
                }
                return row;
            }
        }
        throw new IllegalStateException("ConsumerPerformance printed no summary; see " + logs.resolve(name + ".log"));
    }

    /** Runs one of Kafka's tools in a JVM of its own, with this JVM's classpath; answers what it printed. */
    private List<String> tool(String name, String mainClass, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(arguments));
        Path log = logs.resolve(name + ".log");
        Files.createDirectories(logs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(mainClass + " did not finish within 10 minutes; see " + log);
        }
        List<String> output = Files.readAllLines(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(mainClass + " exited with " + process.exitValue() + "; see " + log);
        }
        return output;
    }

    private void createTopic(String topic) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private void deleteTopic(String topic) throws Exception {
        try (Admin admin = admin()) {
            admin.deleteTopics(Set.of(topic)).all().get(30, TimeUnit.SECONDS);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()));
    }
}
