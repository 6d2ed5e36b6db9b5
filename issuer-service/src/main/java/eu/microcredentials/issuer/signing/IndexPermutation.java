package eu.microcredentials.issuer.signing;

import eu.microcredentials.issuer.domain.credential.SignedCredential;
import java.nio.ByteBuffer;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * A secret one-to-one shuffle of one status list's indexes (0 to 131,071): the n-th credential placed in
 * the list gets index {@code indexOf(n)}. Without the key the index of a credential says nothing about
 * when it was issued (the herd privacy the Bitstring Status List spec asks of random indexes), and, being
 * one-to-one, no index is ever given twice.
 *
 * <p>It is FF1 format-preserving encryption (NIST SP 800-38G, AES, Bouncy Castle) over 20 binary digits,
 * the smallest binary domain FF1 allows (at least a million values), walked in cycles until it falls in
 * the list: a permutation of the list's 131,072 indexes. The tweak is the list's number, so every list of
 * an awarding body is shuffled differently under the same key.
 */
public final class IndexPermutation {
    private static final int RADIX = 2;
    private static final int DIGITS = 20;
    private static final int SIZE = SignedCredential.STATUS_LIST_SIZE;

    private final FPEFF1Engine engine = new FPEFF1Engine(AESEngine.newInstance());
    private final byte[] digits = new byte[DIGITS];
    private final byte[] encrypted = new byte[DIGITS];

    /** The shuffle of list {@code list} under a 16, 24 or 32-byte AES key. Not for use by two threads at once. */
    public IndexPermutation(byte[] key, long list) {
        engine.init(true, new FPEParameters(new KeyParameter(key), RADIX,
                ByteBuffer.allocate(Long.BYTES).putLong(list).array()));
    }

    /** The index of the list's {@code position}-th credential (0 to 131,071). */
    public int indexOf(int position) {
        if (position < 0 || position >= SIZE) {
            throw new IllegalArgumentException("position must be 0 to " + (SIZE - 1) + ": " + position);
        }
        int value = position;
        do {
            value = encrypt(value);
        } while (value >= SIZE);
        return value;
    }

    private int encrypt(int value) {
        for (int digit = 0; digit < DIGITS; digit++) {
            digits[DIGITS - 1 - digit] = (byte) ((value >>> digit) & 1);
        }
        engine.processBlock(digits, 0, DIGITS, encrypted, 0);
        int result = 0;
        for (byte digit : encrypted) {
            result = (result << 1) | digit;
        }
        return result;
    }
}
