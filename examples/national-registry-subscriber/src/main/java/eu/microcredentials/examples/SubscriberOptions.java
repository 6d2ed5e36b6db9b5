package eu.microcredentials.examples;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@link NationalRegistrySubscriber}, read and checked.
 *
 * @param maxRecords    stop after this many events; null: no limit
 * @param maxTime       stop after this long; null: no limit
 * @param untilCaughtUp stop once everything published before the start is read
 */
public record SubscriberOptions(CountrySubscription.Settings settings, Long maxRecords, Duration maxTime,
                                boolean untilCaughtUp) {
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:19092";

    public static final String USAGE = """
            usage: java -jar national-registry-subscriber.jar --country CC [options]
              --country CC                the ISO 3166-1 alpha-2 code of the registry's country (required), e.g. PT
              --bootstrap-servers HOSTS   Kafka (default %s)
              --from-beginning            replay the whole topic, whatever the group has read before
              --from TIME                 start at the first event published at or after TIME
                                          (RFC 3339, e.g. 2026-11-01T00:00:00Z, or a date: 2026-11-01 = midnight UTC)
                                          without either: go on where the group left off (a new group starts at the beginning)
              --group ID                  the consumer group (default national-registry-<country>, e.g. national-registry-pt)
              --max-records N             stop after N events
              --max-seconds S             stop after S seconds
              --until-caught-up           stop once every event published before the start is read
            Prints one JSON line per event of the country on stdout (ce_id, ce_type, ce_subject, ce_time, title,
            learnerId), each event once; runs until a bound is reached or Ctrl-C.""".formatted(DEFAULT_BOOTSTRAP_SERVERS);

    /** Thrown for a command line that cannot be run; its message says why. */
    public static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }

    /** @throws UsageException naming every problem with the command line */
    public static SubscriberOptions parse(String... args) {
        String bootstrapServers = DEFAULT_BOOTSTRAP_SERVERS;
        String country = null;
        String group = null;
        StartingPoint start = StartingPoint.committed();
        boolean fromBeginning = false;
        String from = null;
        Long maxRecords = null;
        Duration maxTime = null;
        boolean untilCaughtUp = false;
        List<String> problems = new ArrayList<>();

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            switch (name) {
                case "--from-beginning" -> fromBeginning = true;
                case "--until-caught-up" -> untilCaughtUp = true;
                case "--bootstrap-servers", "--country", "--from", "--group", "--max-records", "--max-seconds" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            problems.add(name + " needs a value");
                            continue;
                        }
                        value = args[++i];
                    }
                    switch (name) {
                        case "--bootstrap-servers" -> bootstrapServers = value;
                        case "--country" -> country = value;
                        case "--from" -> from = value;
                        case "--group" -> group = value;
                        case "--max-records" -> maxRecords = positive(name, value, problems);
                        default -> {
                            Long seconds = positive(name, value, problems);
                            maxTime = seconds == null ? null : Duration.ofSeconds(seconds);
                        }
                    }
                }
                default -> problems.add("unknown option " + arg);
            }
        }

        if (fromBeginning && from != null) {
            problems.add("--from-beginning and --from exclude each other");
        } else if (fromBeginning) {
            start = StartingPoint.beginning();
        } else if (from != null) {
            Instant time = time(from);
            if (time == null) {
                problems.add("--from needs an RFC 3339 time such as 2026-11-01T00:00:00Z, or a date; was " + from);
            } else {
                start = StartingPoint.at(time);
            }
        }
        if (bootstrapServers.isBlank()) {
            problems.add("--bootstrap-servers must not be blank");
        }
        if (group != null && group.isBlank()) {
            problems.add("--group must not be blank");
        }
        CountrySubscription.Settings settings = null;
        if (country == null) {
            problems.add("--country is required, e.g. --country PT");
        } else if (problems.isEmpty()) {
            try {
                settings = new CountrySubscription.Settings(bootstrapServers, country,
                        group != null ? group : CountrySubscription.Settings.defaultGroup(country), start);
            } catch (IllegalArgumentException e) {
                problems.add("--country: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new UsageException(String.join("; ", problems));
        }
        return new SubscriberOptions(settings, maxRecords, maxTime, untilCaughtUp);
    }

    private static Long positive(String name, String value, List<String> problems) {
        try {
            long number = Long.parseLong(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(name + " needs a positive whole number; was " + value);
        return null;
    }

    private static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
