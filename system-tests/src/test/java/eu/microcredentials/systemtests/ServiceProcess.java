package eu.microcredentials.systemtests;

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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One service, run as in production: its fast-jar in a JVM of its own, configured by environment
 * variables, reached only through its port. Its output goes to
 * {@code system-tests/target/service-logs/<name>-<n>.log}, one file per start.
 */
public final class ServiceProcess {
    static final Duration READY_DEADLINE = Duration.ofSeconds(Long.getLong("systemtests.ready-deadline-seconds", 90));
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int LOG_TAIL = 50;

    /** Every process started and not yet ended: a test that fails, or a JVM that exits, leaves none behind. */
    private static final Set<ServiceProcess> LIVE = ConcurrentHashMap.newKeySet();
    private static final Map<String, AtomicInteger> STARTS = new ConcurrentHashMap<>();
    private static boolean logsCleared;
    private static final HttpClient HEALTH = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ServiceProcess::kill), "kill-services"));
    }

    private final String name;
    private final String module;
    private final int port;
    private final String database;
    private final Map<String, String> environment;
    private volatile Process process;
    private volatile Path log;
    private volatile long launchedAt;
    private volatile Duration startupTime;

    /**
     * @param name     how this instance is called in logs and messages, e.g. {@code registry-a}
     * @param module   the Maven module whose {@code target/quarkus-app/quarkus-run.jar} is run
     * @param database the PostgreSQL database it uses ({@code PG_DATABASE})
     */
    public ServiceProcess(String name, String module, int port, String database) {
        this(name, module, port, database, Map.of());
    }

    /** @param environment variables of this instance's own, on top of this JVM's environment (e.g. its secrets) */
    public ServiceProcess(String name, String module, int port, String database, Map<String, String> environment) {
        this.name = name;
        this.module = module;
        this.port = port;
        this.database = database;
        this.environment = Map.copyOf(environment);
    }

    /** Starts the process and waits until it is ready. */
    public void start() {
        launch();
        awaitReady();
    }

    /** Starts the process without waiting: several services can then boot side by side. */
    public synchronized void launch() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        Path jar = repositoryRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw package first (./mvnw -B -q -o install -DskipTests)");
        }
        if (portAnswers()) {
            throw new IllegalStateException("port " + port + " for " + name + " is already taken: a service left by an "
                    + "earlier run? Stop it, or choose other ports (-Dsystemtests.<service>.port=...)");
        }
        Path logs = logDirectory();
        int n = STARTS.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
        log = logs.resolve(name + "-" + n + ".log");
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-Xmx384m", "-jar", jar.toString())
                .directory(repositoryRoot().toFile())
                .redirectErrorStream(true);
        // this JVM's environment passes through (KAFKA_BOOTSTRAP_SERVERS, PG_HOST, PG_PORT, ...); these are the instance's own
        builder.environment().put("HTTP_PORT", Integer.toString(port));
        builder.environment().put("PG_DATABASE", database);
        builder.environment().put("LOG_JSON", "false");
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(logs);
            builder.redirectOutput(log.toFile());
            launchedAt = System.nanoTime();
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        LIVE.add(this);
        startupTime = null;
    }

    /** Waits, by polling, until GET /q/health/ready answers 200; fails with the log's tail if the process dies first. */
    public void awaitReady() {
        long deadline = launchedAt + READY_DEADLINE.toNanos();
        String lastAnswer = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                LIVE.remove(this);
                throw new AssertionError(name + " exited with code " + process.exitValue() + " before it was ready; "
                        + "last lines of " + log + ":\n" + logTail(LOG_TAIL));
            }
            try {
                HttpResponse<String> answer = HEALTH.send(HttpRequest.newBuilder(baseUri().resolve("/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    startupTime = Duration.ofNanos(System.nanoTime() - launchedAt);
                    return;
                }
                lastAnswer = answer.statusCode() + " " + answer.body();
            } catch (IOException e) {
                lastAnswer = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + name, e);
            }
            pause(POLL);
        }
        String tailBeforeDump = logTail(LOG_TAIL);
        String mainThread = mainThreadStack();
        kill();
        throw new AssertionError(name + " was not ready within " + READY_DEADLINE.toSeconds() + " s (last answer: "
                + lastAnswer + "); last lines of " + log + ":\n" + tailBeforeDump + "\nits main thread:\n" + mainThread);
    }

    /**
     * Where a process that does not get ready is stuck: asks its JVM for a thread dump (SIGQUIT, which
     * it writes to the log and survives) and returns the main thread's part of it.
     */
    private String mainThreadStack() {
        long logged = log.toFile().length();
        try {
            new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < end) {
                String dump = Files.readString(log, StandardCharsets.UTF_8);
                int main = dump.indexOf("\"main\"", (int) Math.min(logged, dump.length()));
                if (main >= 0) {
                    int endOfThread = dump.indexOf("\n\n", main);
                    if (endOfThread > 0) {
                        return dump.substring(main, endOfThread);
                    }
                }
                pause(POLL);
            }
            return "(no thread dump in " + log + ")";
        } catch (IOException | RuntimeException e) {
            return "(no thread dump: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    /** SIGKILL: the process gets no chance to close anything, as in a crash. */
    public void kill() {
        Process current = process;
        if (current == null) {
            return;
        }
        current.destroyForcibly();
        waitFor(current, Duration.ofSeconds(30));
        LIVE.remove(this);
    }

    /** SIGTERM, then SIGKILL if it has not ended within the grace period. */
    public void stop() {
        Process current = process;
        if (current == null) {
            return;
        }
        current.destroy();
        if (!waitFor(current, STOP_GRACE)) {
            current.destroyForcibly();
            waitFor(current, Duration.ofSeconds(30));
        }
        LIVE.remove(this);
    }

    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A client for this service's HTTP API. */
    public JsonHttp http() {
        return new JsonHttp(baseUri());
    }

    /** How long the last start took, from launch to ready; null while starting. */
    public Duration startupTime() {
        return startupTime;
    }

    public Path log() {
        return log;
    }

    /** The last lines of the current log, for failure messages. */
    public String logTail(int lines) {
        if (log == null || !Files.exists(log)) {
            return "(no log)";
        }
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public String toString() {
        return name + " (" + module + " on port " + port + ")";
    }

    private boolean portAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes the logs of an earlier test run (once per JVM, so a failed start's log stays), leaving this run's only. */
    static synchronized void clearLogsOnce() {
        if (logsCleared) {
            return;
        }
        logsCleared = true;
        try (var logs = Files.exists(logDirectory()) ? Files.list(logDirectory()) : Stream.<Path>empty()) {
            for (Path file : logs.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + logDirectory(), e);
        }
    }

    private static Path logDirectory() {
        return repositoryRoot().resolve("system-tests/target/service-logs");
    }

    /** Surefire runs with system-tests/ as working directory; from the root itself works too. */
    static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path candidate : List.of(here.resolve(".."), here)) {
            if (Files.isRegularFile(candidate.resolve("system-tests/pom.xml"))) {
                return candidate.normalize();
            }
        }
        throw new IllegalStateException("cannot find the repository root from " + here);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
