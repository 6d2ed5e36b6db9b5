package eu.microcredentials.issuer.issuing;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.credential.SignedCredential;
import eu.microcredentials.issuer.signing.IndexPermutation;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;

/**
 * Where new credentials of an awarding body go in its status lists. The body's credentials are counted
 * (0, 1, 2, ...): the n-th goes in list {@code n / 131,072}, at the index its position in that list has
 * under the body's secret {@link IndexPermutation}. When a list is full the next one begins, so a body
 * can issue any number of credentials, and no list and index is ever given twice.
 */
@ApplicationScoped
public class StatusListEntries {
    private static final int KEY_BYTES = 32;
    /**
     * Takes the next $2 places of awarding body $1, answering the first; a body's first call stores its
     * permutation key $3. In a statement of its own: the row is locked only while it runs, and a place whose
     * issuance then fails stays spent (it was never published, so nobody can tell). Its pool commits without
     * waiting for the WAL flush ({@code synchronous_commit=off}): a place is used only by a later transaction
     * whose commit waits for the WAL to be flushed up to it, which includes this take, so no credential is
     * ever stored with a place a crash could hand out again.
     */
    static final String TAKE_PLACES = """
            INSERT INTO status_list_allocation AS allocation (awarding_body_id, next_position, permutation_key)
            VALUES ($1, $2, $3)
            ON CONFLICT (awarding_body_id) DO UPDATE SET next_position = allocation.next_position + EXCLUDED.next_position
            RETURNING allocation.next_position - $2 AS first_position, allocation.permutation_key""";

    private final Pool pool;
    private final SecureRandom random = new SecureRandom();

    /** @param pool the status lists' own pool: a caller may hold a connection of the main pool meanwhile */
    public StatusListEntries(@ReactiveDataSource("status-lists") Pool pool) {
        this.pool = pool;
    }

    /** A credential's list (0, 1, ...) and index in it, the same in the body's revocation and suspension lists. */
    public record Entry(long list, int index) {
    }

    /**
     * {@code count} consecutive places of an awarding body from position {@code first}. Each entry is
     * worked out when asked for (about 50 µs of AES), so that signing threads can share the work.
     */
    public record Places(long first, int count, byte[] key) {
        public Entry entry(int place) {
            if (place < 0 || place >= count) {
                throw new IndexOutOfBoundsException(place);
            }
            long position = first + place;
            long list = position / SignedCredential.STATUS_LIST_SIZE;
            return new Entry(list, new IndexPermutation(key, list)
                    .indexOf((int) (position % SignedCredential.STATUS_LIST_SIZE)));
        }
    }

    /** The next {@code count} places of the awarding body, for its new credentials. */
    public Uni<Places> take(AwardingBodyId awardingBody, int count) {
        byte[] newKey = new byte[KEY_BYTES];
        random.nextBytes(newKey);
        return pool.preparedQuery(TAKE_PLACES).execute(Tuple.of(awardingBody.toString(), (long) count,
                Buffer.buffer(newKey))).map(rows -> {
            Row row = rows.iterator().next();
            return new Places(row.getLong("first_position"), count, row.getBuffer("permutation_key").getBytes());
        });
    }
}
