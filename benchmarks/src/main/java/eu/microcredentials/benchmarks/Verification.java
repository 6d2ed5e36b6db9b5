package eu.microcredentials.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scenario 4: {@code POST /api/v1/verifications} of credentials the issuer signed in scenario 1, at a
 * fixed concurrency. Only an answer that says {@code verified: true} counts: a verification that fails
 * its checks is a failure of the run, not a faster verification.
 */
final class Verification {
    private final Platform platform;
    private final Http http;
    private final CpuTime cpuTime;

    Verification(Platform platform, Http http, CpuTime cpuTime) {
        this.platform = platform;
        this.http = http;
        this.cpuTime = cpuTime;
    }

    ClosedLoop.Outcome run(Settings settings, List<String> credentials) throws InterruptedException {
        if (credentials.isEmpty()) {
            throw new IllegalStateException("no signed credential to verify: the issuance scenario issued none");
        }
        List<String> bodies = credentials.stream()
                .map(jwt -> Http.JSON.createObjectNode().put("credential", jwt).toString()).toList();
        AtomicInteger next = new AtomicInteger();
        return ClosedLoop.run(settings.concurrency(), settings.warmup(), settings.duration(), cpuTime, () -> {
            String body = bodies.get(Math.floorMod(next.getAndIncrement(), bodies.size()));
            JsonNode answer = http.post(platform.verifications(), null, body).expect(200, "verifying").json();
            if (!answer.path("verified").asBoolean()) {
                throw new IllegalStateException("a credential the issuer just signed did not verify: " + answer);
            }
            return 1;
        });
    }
}
