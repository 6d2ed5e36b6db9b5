package eu.microcredentials.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SubscriberOptionsTest {

    @Test
    void only_the_country_is_required_and_the_rest_has_defaults() {
        SubscriberOptions options = SubscriberOptions.parse("--country", "pt");
        assertEquals("PT", options.settings().country());
        assertEquals("127.0.0.1:19092", options.settings().bootstrapServers());
        assertEquals("national-registry-pt", options.settings().groupId());
        assertEquals(StartingPoint.committed(), options.settings().start());
        assertNull(options.maxRecords());
        assertNull(options.maxTime());
        assertFalse(options.untilCaughtUp());
    }

    @Test
    void every_option_in_both_spellings() {
        SubscriberOptions options = SubscriberOptions.parse("--bootstrap-servers=kafka:9092", "--country", "NL",
                "--group", "nl-import", "--max-records=10", "--max-seconds", "30", "--until-caught-up", "--from-beginning");
        assertEquals("kafka:9092", options.settings().bootstrapServers());
        assertEquals("NL", options.settings().country());
        assertEquals("nl-import", options.settings().groupId());
        assertEquals(StartingPoint.beginning(), options.settings().start());
        assertEquals(10L, options.maxRecords());
        assertEquals(Duration.ofSeconds(30), options.maxTime());
        assertTrue(options.untilCaughtUp());
    }

    @Test
    void from_takes_an_rfc_3339_time_or_a_date_at_midnight_utc() {
        assertEquals(StartingPoint.at(Instant.parse("2026-11-01T00:00:00Z")),
                SubscriberOptions.parse("--country", "PT", "--from", "2026-11-01T00:00:00Z").settings().start());
        assertEquals(StartingPoint.at(Instant.parse("2026-10-31T23:00:00Z")),
                SubscriberOptions.parse("--country", "PT", "--from", "2026-11-01T00:00:00+01:00").settings().start());
        assertEquals(StartingPoint.at(Instant.parse("2026-11-01T00:00:00Z")),
                SubscriberOptions.parse("--country", "PT", "--from", "2026-11-01").settings().start());
    }

    @Test
    void every_problem_is_named_at_once() {
        SubscriberOptions.UsageException refused = assertThrows(SubscriberOptions.UsageException.class,
                () -> SubscriberOptions.parse("--from", "yesterday", "--max-records", "0", "--verbose"));
        assertTrue(refused.getMessage().contains("--from needs an RFC 3339 time"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--max-records needs a positive whole number"), refused.getMessage());
        assertTrue(refused.getMessage().contains("unknown option --verbose"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--country is required"), refused.getMessage());
    }

    @Test
    void a_country_is_two_letters_and_the_start_is_one_or_the_other() {
        assertThrows(SubscriberOptions.UsageException.class, () -> SubscriberOptions.parse("--country", "PRT"));
        assertThrows(SubscriberOptions.UsageException.class, () -> SubscriberOptions.parse("--country"));
        assertThrows(SubscriberOptions.UsageException.class,
                () -> SubscriberOptions.parse("--country", "PT", "--from-beginning", "--from", "2026-11-01"));
    }
}
