package eu.microcredentials.issuer.signing;

import eu.microcredentials.issuer.domain.credential.SignedCredential;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;

/**
 * The bitstring of a W3C Bitstring Status List v1.0 and its {@code encodedList}: 131,072 bits (16 KiB),
 * index i is bit {@code 7 - i % 8} of byte {@code i / 8} (index 0 is the left-most bit of the first
 * byte); the encoding is multibase base64url without padding (prefix {@code u}) of the GZIP of the
 * bitstring. Pure and deterministic: the same indexes always give the same {@code encodedList}, so a
 * list rebuilt from the event log is byte-identical to the one published before.
 */
public final class BitstringStatusList {
    public static final int SIZE = SignedCredential.STATUS_LIST_SIZE;
    private static final String MULTIBASE_BASE64URL = "u";
    /**
     * GZIP header (RFC 1952) written here rather than by {@code GZIPOutputStream}, so that it is fixed
     * whatever the JDK: deflate, no flags, MTIME 0, no extra flags, OS unknown.
     */
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private BitstringStatusList() {
    }

    /** The bitstring in which exactly {@code indexes} are 1. */
    public static byte[] bitstring(Collection<Integer> indexes) {
        byte[] bits = new byte[SIZE / 8];
        for (int index : indexes) {
            if (index < 0 || index >= SIZE) {
                throw new IllegalArgumentException("a status list index is 0 to " + (SIZE - 1) + "; was " + index);
            }
            bits[index / 8] |= (byte) (1 << (7 - index % 8));
        }
        return bits;
    }

    public static boolean isSet(byte[] bitstring, int index) {
        return (bitstring[index / 8] & (1 << (7 - index % 8))) != 0;
    }

    /** The {@code encodedList} of the list in which exactly {@code indexes} are 1. */
    public static String encode(Collection<Integer> indexes) {
        return MULTIBASE_BASE64URL + Base64.getUrlEncoder().withoutPadding().encodeToString(gzip(bitstring(indexes)));
    }

    /** The indexes that are 1 in an {@code encodedList}, as a verifier reads it. */
    public static Set<Integer> decode(String encodedList) {
        if (encodedList == null || !encodedList.startsWith(MULTIBASE_BASE64URL)) {
            throw new IllegalArgumentException("an encodedList is multibase base64url, starting with u");
        }
        byte[] bits = gunzip(Base64.getUrlDecoder().decode(encodedList.substring(1)));
        if (bits.length != SIZE / 8) {
            throw new IllegalArgumentException("the bitstring has " + bits.length + " bytes, not " + SIZE / 8);
        }
        Set<Integer> set = new TreeSet<>();
        for (int index = 0; index < SIZE; index++) {
            if (isSet(bits, index)) {
                set.add(index);
            }
        }
        return set;
    }

    static byte[] gzip(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(GZIP_HEADER);
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            CRC32 crc = new CRC32();
            crc.update(data);
            writeIntLittleEndian(out, (int) crc.getValue());
            writeIntLittleEndian(out, data.length);
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void writeIntLittleEndian(ByteArrayOutputStream out, int value) {
        out.write(value);
        out.write(value >>> 8);
        out.write(value >>> 16);
        out.write(value >>> 24);
    }

    private static byte[] gunzip(byte[] gzip) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("not a GZIP stream", e);
        }
    }
}
