package eu.microcredentials.issuer.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The bitstring and its encodedList, decoded as any verifier would: base64url, gunzip, bit test. */
class BitstringStatusListTest {

    /** base64url without the multibase prefix, gunzip: the raw bitstring, with nothing of the class under test. */
    private static byte[] bitsOf(String encodedList) throws IOException {
        assertTrue(encodedList.startsWith("u"), "multibase base64url: " + encodedList);
        assertFalse(encodedList.contains("="), "no padding: " + encodedList);
        byte[] gzip = Base64.getUrlDecoder().decode(encodedList.substring(1));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    private static Set<Integer> setBits(byte[] bits) {
        Set<Integer> set = new TreeSet<>();
        for (int i = 0; i < bits.length * 8; i++) {
            if ((bits[i / 8] >> (7 - i % 8) & 1) == 1) {
                set.add(i);
            }
        }
        return set;
    }

    @Test
    void the_list_of_an_awarding_body_with_no_revocations_is_16_kib_of_zeros() throws IOException {
        byte[] bits = bitsOf(BitstringStatusList.encode(List.of()));

        assertEquals(16_384, bits.length);
        assertArrayEquals(new byte[16_384], bits);
    }

    @Test
    void decoding_gives_back_exactly_the_indexes_set() throws IOException {
        Set<Integer> indexes = new TreeSet<>(List.of(0, 1, 7, 8, 4711, 65_535, 131_070, 131_071));
        Random random = new Random(42);
        while (indexes.size() < 500) {
            indexes.add(random.nextInt(131_072));
        }

        String encoded = BitstringStatusList.encode(indexes);

        byte[] bits = bitsOf(encoded);
        assertEquals(131_072 / 8, bits.length);
        assertEquals(indexes, setBits(bits));
        assertEquals(indexes, BitstringStatusList.decode(encoded));
    }

    @Test
    void index_0_is_the_left_most_bit_of_the_first_byte() {
        assertArrayEquals(new byte[] {(byte) 0b1000_0000, 0}, Arrays.copyOf(BitstringStatusList.bitstring(List.of(0)), 2));
        assertArrayEquals(new byte[] {0b0000_0001, 0b0100_0000},
                Arrays.copyOf(BitstringStatusList.bitstring(List.of(7, 9)), 2));
        assertEquals(1, BitstringStatusList.bitstring(List.of(131_071))[16_383]);
    }

    @Test
    void the_same_indexes_always_encode_to_the_same_text_whatever_their_order() {
        String once = BitstringStatusList.encode(List.of(3, 99_999, 12));
        String again = BitstringStatusList.encode(List.of(12, 3, 99_999, 3));

        assertEquals(once, again);
    }

    @Test
    void the_gzip_header_is_fixed_with_no_modification_time() {
        byte[] gzip = Base64.getUrlDecoder().decode(BitstringStatusList.encode(List.of(5)).substring(1));

        assertArrayEquals(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0},
                Arrays.copyOf(gzip, 8), "magic, deflate, no flags, MTIME 0");
    }

    @Test
    void an_index_outside_the_list_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> BitstringStatusList.bitstring(List.of(131_072)));
        assertThrows(IllegalArgumentException.class, () -> BitstringStatusList.bitstring(List.of(-1)));
    }
}
