package eu.microcredentials.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The benchmark's command line: which parts run, for how long, and what it refuses. */
class SettingsTest {
    @Test
    void withoutOnlyEveryPartRuns() {
        Settings settings = Settings.fromArguments(List.of("--quick"));

        assertEquals("quick", settings.mode());
        assertTrue(Settings.PARTS.stream().allMatch(settings::runs), "every part of " + Settings.PARTS);
    }

    @Test
    void onlyRunsTheNamedParts() {
        Settings settings = Settings.fromArguments(List.of("--quick", "--only", "issuance,replay"));

        assertEquals(Set.of("issuance", "replay"), settings.only());
        assertTrue(settings.runs("issuance"));
        assertTrue(settings.runs("replay"));
        assertFalse(settings.runs("raw"));
        assertFalse(settings.runs("verification"));
    }

    @Test
    void theRecordingsAreMadeOnlyWhenAskedForExceptInTheSmokeRun() {
        assertFalse(Settings.fromArguments(List.of()).profile(), "the full run measures services without a recording");
        assertFalse(Settings.fromArguments(List.of("--quick", "--only", "replay")).profile());
        assertTrue(Settings.fromArguments(List.of("--quick", "--profile", "--runs", "2")).withOnly(Set.of("replay")).profile(),
                "kept through the other options");
        assertTrue(Settings.fromArguments(List.of("--smoke")).profile(), "the smoke run proves the recordings still work");
    }

    @Test
    void anUnknownPartIsRefusedNamingTheKnownOnes() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Settings.fromArguments(List.of("--only", "issuance,speed")));

        assertTrue(refused.getMessage().contains("speed"), refused.getMessage());
        assertTrue(refused.getMessage().contains("verification"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Settings.fromArguments(List.of("--quick")).runs("speed"));
    }

    @Test
    void timesAndBatchSizeCanBeGiven() {
        Settings settings = Settings.fromArguments(List.of("--warmup", "7", "--duration", "11", "--platform-warmup", "90",
                "--batch-size", "10000"));

        assertEquals("full", settings.mode());
        assertEquals(Duration.ofSeconds(7), settings.warmup());
        assertEquals(Duration.ofSeconds(11), settings.duration());
        assertEquals(Duration.ofSeconds(90), settings.platformWarmup());
        assertEquals(10_000, settings.batchSize());
    }

    @Test
    void impossibleValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Settings.fromArguments(List.of("--duration", "0")));
        assertThrows(IllegalArgumentException.class, () -> Settings.fromArguments(List.of("--platform-warmup", "-1")));
        assertThrows(IllegalArgumentException.class, () -> Settings.fromArguments(List.of("--batch-size", "0")));
        assertThrows(IllegalArgumentException.class, () -> Settings.fromArguments(List.of("--only")));
    }

    @Test
    void theFullRunWarmsThePlatformUpLongerThanTheQuickOne() {
        assertTrue(Settings.full().platformWarmup().compareTo(Settings.quick().platformWarmup()) > 0);
        assertTrue(Settings.smoke().platformWarmup().compareTo(Duration.ZERO) > 0, "the smoke run passes through the warm-up");
    }
}
