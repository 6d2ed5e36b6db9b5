package eu.microcredentials.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * A national registry's subscriber, from the command line: prints one JSON line per credential event
 * of its country on stdout, each event once; what it is doing goes to stderr. See
 * {@link SubscriberOptions#USAGE}.
 */
public final class NationalRegistrySubscriber {
    private static final String NAME = "[national-registry-subscriber]";
    private static final Duration LONGEST_POLL = Duration.ofSeconds(1);

    private NationalRegistrySubscriber() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return the exit code: 0 when a bound was reached or it was stopped, 1 on failure, 2 for a bad command line */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
            out.println(SubscriberOptions.USAGE);
            return 0;
        }
        SubscriberOptions options;
        try {
            options = SubscriberOptions.parse(args);
        } catch (SubscriberOptions.UsageException e) {
            err.println(NAME + " " + e.getMessage());
            err.println(SubscriberOptions.USAGE);
            return 2;
        }
        CountrySubscription.Settings settings = options.settings();
        err.printf("%s %s events of %s at %s as group %s, starting %s%n", NAME, CountrySubscription.TOPIC,
                settings.country(), settings.bootstrapServers(), settings.groupId(), describe(settings.start()));

        AtomicBoolean finished = new AtomicBoolean();
        CountDownLatch closed = new CountDownLatch(1);
        try (CountrySubscription subscription = new CountrySubscription(settings)) {
            Thread stopper = new Thread(() -> {
                if (!finished.get()) {
                    // Ctrl-C: let the poll loop end and the consumer leave its group cleanly
                    subscription.wakeup();
                    await(closed, Duration.ofSeconds(15));
                }
            }, "stop-subscriber");
            Runtime.getRuntime().addShutdownHook(stopper);
            try {
                consume(subscription, options, out);
            } catch (WakeupException stopped) {
                err.println(NAME + " stopped");
            } finally {
                finished.set(true);
            }
            err.printf("%s %d events of %s (%d redeliveries dropped)%n", NAME, subscription.delivered(),
                    settings.country(), subscription.duplicates());
            return 0;
        } catch (RuntimeException e) {
            err.println(NAME + " failed: " + e);
            return 1;
        } finally {
            closed.countDown();
        }
    }

    private static void consume(CountrySubscription subscription, SubscriberOptions options, PrintStream out) {
        long maxRecords = options.maxRecords() == null ? Long.MAX_VALUE : options.maxRecords();
        Long deadline = options.maxTime() == null ? null : System.nanoTime() + options.maxTime().toNanos();
        Map<TopicPartition, Long> ends = options.untilCaughtUp() ? subscription.endOffsets() : null;
        while (subscription.delivered() < maxRecords) {
            Duration timeout = LONGEST_POLL;
            if (deadline != null) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return;
                }
                timeout = Duration.ofNanos(Math.min(remaining, LONGEST_POLL.toNanos()));
            }
            int limit = (int) Math.min(Integer.MAX_VALUE, maxRecords - subscription.delivered());
            subscription.poll(timeout, limit, event -> print(event, out));
            if (ends != null && subscription.caughtUp(ends)) {
                return;
            }
        }
    }

    private static void print(CredentialEvent event, PrintStream out) {
        try {
            out.println(CredentialEvent.JSON.writeValueAsString(event.summary()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.id(), e);
        }
        out.flush();
    }

    private static String describe(StartingPoint start) {
        if (start instanceof StartingPoint.Beginning) {
            return "from the beginning";
        }
        if (start instanceof StartingPoint.At at) {
            return "from " + at.time();
        }
        return "where the group left off";
    }

    private static void await(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
