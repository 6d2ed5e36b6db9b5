package eu.microcredentials.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a scenario's CPU goes, part by part, read from Linux's {@code /proc}: each service's JVM, PostgreSQL
 * (its postmaster, every backend, and the backends that ended in between), the Kafka broker, the benchmark's own
 * JVM (its clients), and the whole machine (every core, every process: "other" is what none of the parts
 * accounts for). A part that is not found on this machine (e.g. infrastructure on another host) is left out.
 */
final class CpuTime {
    /** {@code /proc}'s clock ticks a second ({@code getconf CLK_TCK}): 100 on every Linux the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100;
    static final String MACHINE = "machine";
    static final String OTHER = "other";

    private final Map<String, Long> pids;

    /** CPU seconds each part spent between two snapshots, and the whole machine's busy seconds. */
    record Spent(Map<String, Double> seconds) {
        /** The parts, then "other" and "machine": milliseconds of CPU per item done in the window. */
        Map<String, Double> millisecondsPer(long items) {
            Map<String, Double> per = new LinkedHashMap<>();
            seconds.forEach((part, s) -> per.put(part, items == 0 ? Double.NaN : s * 1000 / items));
            return per;
        }
    }

    record Snapshot(Map<String, Long> ticks, long machineBusyTicks) {
    }

    private CpuTime(Map<String, Long> pids) {
        this.pids = pids;
    }

    /** The parts of this run: the platform's services, and the PostgreSQL server and Kafka broker it uses. */
    static CpuTime of(Platform platform, Infrastructure infrastructure) {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (ServiceJvm service : platform.services()) {
            pids.put(service.name(), service.pid());
        }
        postmaster(infrastructure.pgPort()).ifPresent(pid -> pids.put("postgresql", pid));
        kafkaBroker(infrastructure.kafkaBootstrapServers()).ifPresent(pid -> pids.put("kafka", pid));
        pids.put("benchmark", ProcessHandle.current().pid());
        return new CpuTime(pids);
    }

    Snapshot take() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        Map<Long, List<Long>> children = pids.containsKey("postgresql") ? childrenByParent() : Map.of();
        pids.forEach((part, pid) -> {
            long spent = ticks(pid);
            // a PostgreSQL backend is a process of its own: its ticks while it runs, the postmaster's cutime once it ended
            if (part.equals("postgresql")) {
                for (long child : children.getOrDefault(pid, List.of())) {
                    spent += ticks(child);
                }
            }
            ticks.put(part, spent);
        });
        return new Snapshot(ticks, machineBusyTicks());
    }

    static Spent between(Snapshot before, Snapshot after) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        double accounted = 0;
        for (Map.Entry<String, Long> part : after.ticks().entrySet()) {
            double s = Math.max(0, part.getValue() - before.ticks().getOrDefault(part.getKey(), 0L)) / TICKS_PER_SECOND;
            seconds.put(part.getKey(), s);
            accounted += s;
        }
        double machine = (after.machineBusyTicks() - before.machineBusyTicks()) / TICKS_PER_SECOND;
        seconds.put(OTHER, Math.max(0, machine - accounted));
        seconds.put(MACHINE, machine);
        return new Spent(seconds);
    }

    /** utime + stime (+ cutime + cstime: children that ended), field 14-17 of {@code /proc/<pid>/stat}. */
    private static long ticks(long pid) {
        String[] fields = statFields(pid);
        if (fields.length < 15) {
            return 0;
        }
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    /** The fields after the command name (which may hold spaces): fields[0] is the state, fields[1] the parent. */
    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        } catch (IOException | RuntimeException gone) {
            return new String[0];
        }
    }

    /** Every core's time not idle nor waiting for I/O, from the first line of {@code /proc/stat}. */
    private static long machineBusyTicks() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"), StandardCharsets.UTF_8)) {
            String[] cpu = lines.findFirst().orElseThrow().trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                busy += i == 4 || i == 5 ? 0 : Long.parseLong(cpu[i]);
            }
            return busy;
        } catch (IOException e) {
            return 0;
        }
    }

    private static Map<Long, List<Long>> childrenByParent() {
        Map<Long, List<Long>> children = new LinkedHashMap<>();
        for (long pid : allPids()) {
            String[] fields = statFields(pid);
            if (fields.length > 1) {
                children.computeIfAbsent(Long.parseLong(fields[1]), p -> new ArrayList<>()).add(pid);
            }
        }
        return children;
    }

    /** The PostgreSQL server listening on {@code port}: its postmaster was started with {@code -p <port>}. */
    private static OptionalLong postmaster(int port) {
        for (long pid : allPids()) {
            List<String> arguments = commandLine(pid);
            int p = arguments.indexOf("-p");
            if (!arguments.isEmpty() && arguments.get(0).endsWith("/postgres") && p >= 0 && p + 1 < arguments.size()
                    && arguments.get(p + 1).equals(Integer.toString(port))) {
                return OptionalLong.of(pid);
            }
        }
        return OptionalLong.empty();
    }

    /** The Kafka broker ({@code kafka.Kafka <server.properties>}) whose listeners include the bootstrap port. */
    private static OptionalLong kafkaBroker(String bootstrapServers) {
        String first = bootstrapServers.split(",")[0].trim();
        String port = first.substring(first.lastIndexOf(':') + 1);
        for (long pid : allPids()) {
            List<String> arguments = commandLine(pid);
            int main = arguments.indexOf("kafka.Kafka");
            if (main < 0 || main + 1 >= arguments.size()) {
                continue;
            }
            try {
                boolean listens = Files.readAllLines(Path.of(arguments.get(main + 1)), StandardCharsets.UTF_8).stream()
                        .anyMatch(line -> line.startsWith("listeners=") && Pattern.compile(":" + port + "(?!\\d)").matcher(line).find());
                if (listens) {
                    return OptionalLong.of(pid);
                }
            } catch (IOException | RuntimeException unreadable) {
                // not the broker we look for
            }
        }
        return OptionalLong.empty();
    }

    private static List<String> commandLine(long pid) {
        try {
            String raw = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8);
            return raw.isEmpty() ? List.of() : List.of(raw.split("\0"));
        } catch (IOException | RuntimeException gone) {
            return List.of();
        }
    }

    private static List<Long> allPids() {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(p -> p.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
