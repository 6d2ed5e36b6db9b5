package eu.microcredentials.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One service as it runs in production: its Quarkus fast-jar in a JVM of its own (the heap bin/run-local
 * gives it), configured by environment variables, reached only through its port. The fast-jar is
 * copied first, so that a rebuild of the module during a long run cannot pull classes from under it.
 * Its output goes to {@code benchmarks/target/benchmark-results/<mode>/<name>.log}.
 */
final class ServiceJvm implements AutoCloseable {
    private static final Duration READY_DEADLINE = Duration.ofSeconds(120);
    /** The services' production JVM options, as bin/run-local starts them; MC_BENCH_SERVICE_JVM_OPTS replaces them. */
    static final Path JVM_OPTIONS = Infrastructure.repositoryRoot().resolve("bin/service-jvm.options");
    private static final HttpClient HEALTH = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path built;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    ServiceJvm(String module, int port, Map<String, String> environment, Path logDirectory) {
        this.name = module;
        this.built = Infrastructure.repositoryRoot().resolve(module).resolve("target/quarkus-app");
        this.jar = logDirectory.resolve("apps").resolve(module).resolve("quarkus-run.jar");
        this.port = port;
        this.environment = Map.copyOf(environment);
        this.log = logDirectory.resolve(module + ".log");
    }

    /** Starts the JVM and waits until {@code /q/health/ready} answers 200. */
    void start() throws IOException, InterruptedException {
        if (!Files.isRegularFile(built.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(built.resolve("quarkus-run.jar") + " is missing: build the services first "
                    + "(./mvnw -B -q -pl benchmarks -am package -DskipTests, as benchmarks/run does)");
        }
        copy(built, jar.getParent());
        if (portTaken()) {
            throw new IllegalStateException("port " + port + " for " + name + " is taken: stop what listens there, "
                    + "or choose other ports (MC_BENCH_ISSUER_PORT, MC_BENCH_REGISTRY_PORT, MC_BENCH_RECOGNITION_PORT)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options());
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).directory(Infrastructure.repositoryRoot().toFile());
        builder.environment().putAll(environment);
        builder.environment().put("HTTP_PORT", Integer.toString(port));
        builder.environment().put("LOG_JSON", "false");
        // as bin/run-local: two malloc arenas instead of eight per core (threads' native allocations otherwise add tens of MiB)
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        Files.createDirectories(log.getParent());
        long started = System.nanoTime();
        process = builder.start();
        while (System.nanoTime() - started < READY_DEADLINE.toNanos()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready; see " + log);
            }
            try {
                HttpResponse<Void> answer = HEALTH.send(HttpRequest.newBuilder(baseUri().resolve("/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    System.out.printf("[benchmark] %s ready on port %d in %d ms%n", name, port,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException(name + " was not ready within " + READY_DEADLINE.toSeconds() + " s; see " + log);
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    /**
     * Resident set size from /proc (Linux), in MiB. When the JVM tracks its native memory
     * ({@code -XX:NativeMemoryTracking=summary} in MC_BENCH_SERVICE_JVM_OPTS), its summary is written
     * beside the log as {@code <name>-native-memory.txt}: where the resident memory goes.
     */
    double residentMebibytes() {
        if (options().stream().anyMatch(option -> option.startsWith("-XX:NativeMemoryTracking="))) {
            writeNativeMemorySummary();
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the resident memory of " + name, e);
        }
        throw new IllegalStateException("no VmRSS for " + name);
    }

    static List<String> options() {
        String replaced = System.getenv("MC_BENCH_SERVICE_JVM_OPTS");
        if (replaced != null && !replaced.isBlank()) {
            return List.of(replaced.trim().split("\\s+"));
        }
        try {
            return Files.readAllLines(JVM_OPTIONS, StandardCharsets.UTF_8).stream().map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the services' JVM options from " + JVM_OPTIONS, e);
        }
    }

    private void writeNativeMemorySummary() {
        Path summary = log.resolveSibling(name + "-native-memory.txt");
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "VM.native_memory", "summary")
                    .redirectErrorStream(true).redirectOutput(summary.toFile()).start();
            if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot ask " + name + " for its native memory", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, then SIGKILL after a grace period. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> old = Files.walk(to)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private boolean portTaken() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
