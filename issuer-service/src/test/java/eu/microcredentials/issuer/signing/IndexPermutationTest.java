package eu.microcredentials.issuer.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The secret shuffle of a status list's indexes: one-to-one over the whole list, and another one for every key and list. */
class IndexPermutationTest {
    private static final int SIZE = 131_072;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static byte[] newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    private static List<Integer> first(IndexPermutation permutation, int count) {
        List<Integer> indexes = new ArrayList<>();
        for (int position = 0; position < count; position++) {
            indexes.add(permutation.indexOf(position));
        }
        return indexes;
    }

    @Test
    void every_position_of_a_list_gets_an_index_of_its_own_and_every_index_is_given() {
        IndexPermutation permutation = new IndexPermutation(newKey(), 3);
        BitSet given = new BitSet(SIZE);
        for (int position = 0; position < SIZE; position++) {
            int index = permutation.indexOf(position);
            assertTrue(index >= 0 && index < SIZE, "index " + index);
            assertTrue(!given.get(index), "index " + index + " given twice, again at position " + position);
            given.set(index);
        }
        assertEquals(SIZE, given.cardinality());
    }

    @Test
    void the_same_key_and_list_give_the_same_shuffle_and_another_key_or_list_another() {
        byte[] key = newKey();
        List<Integer> shuffle = first(new IndexPermutation(key, 0), 50);

        assertEquals(shuffle, first(new IndexPermutation(key.clone(), 0), 50), "the body's places are stable");
        assertNotEquals(shuffle, first(new IndexPermutation(key, 1), 50), "its next list is shuffled otherwise");
        assertNotEquals(shuffle, first(new IndexPermutation(newKey(), 0), 50), "another body's list too");
    }

    @Test
    void the_order_of_issuance_does_not_show_in_the_indexes() {
        List<Integer> indexes = first(new IndexPermutation(newKey(), 0), 1_000);
        int rising = 0;
        for (int i = 1; i < indexes.size(); i++) {
            rising += indexes.get(i) > indexes.get(i - 1) ? 1 : 0;
        }
        // a random order rises about half the time (999 pairs: 500 ± 16); issuance order would rise every time
        assertTrue(rising > 400 && rising < 600, "rising pairs: " + rising);
        long inFirstTenth = indexes.stream().filter(index -> index < SIZE / 10).count();
        assertTrue(inFirstTenth > 50 && inFirstTenth < 150, "spread over the list: " + inFirstTenth + " in its first tenth");
    }

    @Test
    void a_position_outside_the_list_is_refused() {
        IndexPermutation permutation = new IndexPermutation(newKey(), 0);
        assertThrows(IllegalArgumentException.class, () -> permutation.indexOf(SIZE));
        assertThrows(IllegalArgumentException.class, () -> permutation.indexOf(-1));
    }
}
