package eu.microcredentials.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Scenarios 1 and 2: issuing through {@code POST …/credentials} at a fixed concurrency (signed and
 * durable: a 201 means the event and its outbox row are committed) and through
 * {@code POST …/credentials/batch} with 1,000 credentials a request.
 */
final class Issuance {
    /** Signed credentials kept from the single-request scenario, for the verification scenario. */
    static final int KEPT = 500;

    private final Platform platform;
    private final Http http;
    private final CpuTime cpuTime;
    private final List<String> issuedCredentials = new CopyOnWriteArrayList<>();

    Issuance(Platform platform, Http http, CpuTime cpuTime) {
        this.platform = platform;
        this.http = http;
        this.cpuTime = cpuTime;
    }

    /** Issues one credential and answers it as issued (id, verifiableCredential, credential). */
    JsonNode issueOne() {
        return http.post(platform.credentials(), platform.awardingBodyKey(), CredentialRequests.one())
                .expect(201, "issuing a credential").json();
    }

    ClosedLoop.Outcome single(Settings settings) throws InterruptedException {
        return ClosedLoop.run(settings.concurrency(), settings.warmup(), settings.duration(), cpuTime, () -> {
            Http.Answer answer = http.post(platform.credentials(), platform.awardingBodyKey(), CredentialRequests.one());
            answer.expect(201, "issuing a credential");
            if (issuedCredentials.size() < KEPT) {
                issuedCredentials.add(answer.json().path("verifiableCredential").asText());
            }
            return 1;
        });
    }

    /** Issues, not measured, until the verification scenario has its {@link #KEPT} credentials to check. */
    void issueUnmeasured() {
        while (issuedCredentials.size() < KEPT) {
            issuedCredentials.add(issueOne().path("verifiableCredential").asText());
        }
    }

    ClosedLoop.Outcome bulk(Settings settings) throws InterruptedException {
        return ClosedLoop.run(settings.bulkConcurrency(), settings.warmup(), settings.duration(), cpuTime, () -> {
            JsonNode result = http.post(platform.batch(), platform.awardingBodyKey(), CredentialRequests.batch(settings.batchSize()))
                    .expect(200, "a batch of " + settings.batchSize()).json();
            int issued = result.path("issued").asInt();
            if (issued != settings.batchSize()) {
                throw new IllegalStateException("the batch issued " + issued + " of " + settings.batchSize() + ": "
                        + result.path("errors"));
            }
            return issued;
        });
    }

    /** The VC-JWTs the single-request scenario issued (at most {@link #KEPT}). */
    List<String> issuedCredentials() {
        return List.copyOf(issuedCredentials);
    }
}
