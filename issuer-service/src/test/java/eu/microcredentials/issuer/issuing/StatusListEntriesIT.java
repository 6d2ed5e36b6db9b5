package eu.microcredentials.issuer.issuing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.credential.SignedCredential;
import eu.microcredentials.issuer.support.StatusListPlaces;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Places in the status lists taken on real PostgreSQL, many at once: none given twice, none skipped, lists filled in turn. */
@QuarkusTest
class StatusListEntriesIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Inject
    StatusListEntries entries;

    @Inject
    Pool pool;

    @Inject
    @ReactiveDataSource("status-lists")
    Pool statusListPool;

    @Test
    void twenty_batches_of_one_body_taking_places_at_once_get_consecutive_places_and_distinct_entries() {
        AwardingBodyId body = new AwardingBodyId(UUID.randomUUID());
        List<Uni<StatusListEntries.Places>> takes = new ArrayList<>();
        long expected = 0;
        for (int i = 0; i < 20; i++) {
            takes.add(entries.take(body, 1 + i % 7));
            expected += 1 + i % 7;
        }
        List<StatusListEntries.Places> taken = Uni.join().all(takes).andFailFast().await().atMost(DEADLINE);

        Set<Long> positions = new HashSet<>();
        Set<StatusListEntries.Entry> given = new HashSet<>();
        byte[] key = taken.get(0).key();
        for (StatusListEntries.Places places : taken) {
            assertTrue(Arrays.equals(key, places.key()), "one key for the body");
            for (int place = 0; place < places.count(); place++) {
                assertTrue(positions.add(places.first() + place), "position given twice: " + (places.first() + place));
                assertTrue(given.add(places.entry(place)), "entry given twice: " + places.entry(place));
            }
        }
        assertEquals(expected, positions.size());
        assertEquals(expected - 1, positions.stream().mapToLong(Long::longValue).max().orElseThrow(), "none skipped");
        assertEquals(expected, StatusListPlaces.taken(pool, body.toString()));
    }

    @Test
    void a_full_list_is_followed_by_the_next_one_within_one_batch() {
        AwardingBodyId body = new AwardingBodyId(UUID.randomUUID());
        entries.take(body, 1).await().atMost(DEADLINE);
        StatusListPlaces.moveTo(pool, body.toString(), 2L * SignedCredential.STATUS_LIST_SIZE - 2);

        StatusListEntries.Places places = entries.take(body, 4).await().atMost(DEADLINE);

        List<Long> lists = new ArrayList<>();
        for (int place = 0; place < 4; place++) {
            lists.add(places.entry(place).list());
        }
        assertEquals(List.of(1L, 1L, 2L, 2L), lists);
        assertEquals(2L * SignedCredential.STATUS_LIST_SIZE + 2, StatusListPlaces.taken(pool, body.toString()));
    }

    @Test
    void only_the_takes_of_places_commit_without_waiting_for_the_disk() {
        assertEquals("off", setting(statusListPool, "synchronous_commit"), "a take's commit");
        assertEquals("on", setting(pool, "synchronous_commit"), "an issuance's commit, which makes its take durable too");
    }

    private static String setting(Pool pool, String name) {
        return pool.query("SHOW " + name).execute().await().atMost(DEADLINE).iterator().next().getString(0);
    }
}
