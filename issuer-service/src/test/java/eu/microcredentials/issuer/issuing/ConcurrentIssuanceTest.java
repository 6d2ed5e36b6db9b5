package eu.microcredentials.issuer.issuing;

import static eu.microcredentials.issuer.support.IssuerApi.fullCredential;
import static eu.microcredentials.issuer.support.IssuerApi.issue;
import static eu.microcredentials.issuer.support.IssuerApi.newLearner;
import static eu.microcredentials.issuer.support.IssuerApi.registerAwardingBody;
import static org.junit.jupiter.api.Assertions.assertEquals;

import eu.microcredentials.issuer.support.IssuerApi.AwardingBody;
import eu.microcredentials.issuer.support.StatusListPlaces;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Many more issuances at once than the database pool has connections. Each holds a connection for its
 * transaction while it takes its status-list places on another: from one pool, enough requests at once would
 * each hold one connection and wait for a second that never comes free, until the pool's wait times out.
 */
@QuarkusTest
class ConcurrentIssuanceTest {
    @Inject
    Pool pool;

    @ConfigProperty(name = "quarkus.datasource.reactive.max-size")
    int poolSize;

    @Test
    void three_times_as_many_issuances_at_once_as_the_pool_has_connections_all_succeed() throws Exception {
        AwardingBody body = registerAwardingBody("PT");
        int requests = 3 * poolSize;
        ExecutorService clients = Executors.newFixedThreadPool(requests);
        Map<Integer, Integer> answered = new TreeMap<>();
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                statuses.add(clients.submit(() -> issue(body, fullCredential(newLearner())).statusCode()));
            }
            for (Future<Integer> status : statuses) {
                answered.merge(status.get(), 1, Integer::sum);
            }
        } finally {
            clients.shutdownNow();
        }

        assertEquals(Map.of(201, requests), answered, "statuses answered, by count");
        assertEquals(requests, StatusListPlaces.taken(pool, body.id()), "one place taken per credential");
    }
}
