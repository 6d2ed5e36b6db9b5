package eu.microcredentials.events;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Tamper evidence for the log: each event's SHA-256 hash covers its CloudEvents attributes, its
 * data and the hash of the event before it in its stream, so changing, removing or reordering a
 * recorded event breaks the chain from there on. The hashes travel as the CloudEvents extension
 * attributes {@code hash} and {@code prevhash} ({@code ce_hash}, {@code ce_prevhash} in Kafka
 * binary mode; {@code prevhash} is absent on a stream's first event), so any subscriber can check a
 * topic with this class alone.
 *
 * <p>What is hashed, in this order, each field as a 4-byte big-endian length and its UTF-8 bytes
 * (an absent field as length -1): the format tag {@code mc-event-hash-v1}, the previous hash (hex),
 * {@code id}, {@code source}, {@code type}, {@code subject}, {@code sequence} (decimal), {@code time}
 * as microseconds since the epoch (decimal), {@code awardingbody}, {@code country}, then the data bytes.
 */
public final class EventHashChain {
    public static final String HASH = "hash";
    public static final String PREVIOUS_HASH = "prevhash";
    private static final String HASH_HEADER = "ce_" + HASH;
    private static final String PREVIOUS_HASH_HEADER = "ce_" + PREVIOUS_HASH;
    private static final String FORMAT = "mc-event-hash-v1";
    private static final HexFormat HEX = HexFormat.of();

    private EventHashChain() {
    }

    /** The link an event carries: its own hash and that of its predecessor (null for a stream's first event). */
    public record Link(String hash, String previousHash) {
    }

    /** The hash of {@code event} chained to {@code previousHash} (null for a stream's first event), lower-case hex. */
    public static String hash(String previousHash, EventEnvelope event) {
        ByteArrayOutputStream canonical = new ByteArrayOutputStream(event.data().length + 256);
        field(canonical, FORMAT);
        field(canonical, previousHash);
        field(canonical, event.id().toString());
        field(canonical, event.source().toString());
        field(canonical, event.type().type());
        field(canonical, event.subject());
        field(canonical, Long.toString(event.sequence()));
        field(canonical, Long.toString(micros(event.time().toInstant())));
        field(canonical, event.awardingBody());
        field(canonical, event.country());
        canonical.writeBytes(event.data());
        return HEX.formatHex(sha256().digest(canonical.toByteArray()));
    }

    /** Writes the link as the {@code ce_hash} and {@code ce_prevhash} headers of a Kafka record. */
    public static void addTo(Headers headers, Link link) {
        headers.add(HASH_HEADER, link.hash().getBytes(StandardCharsets.UTF_8));
        if (link.previousHash() != null) {
            headers.add(PREVIOUS_HASH_HEADER, link.previousHash().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The link a Kafka record carries; empty for a record published before events were chained. */
    public static Optional<Link> readFrom(ConsumerRecord<?, ?> record) {
        String hash = header(record.headers(), HASH_HEADER);
        return hash == null ? Optional.empty() : Optional.of(new Link(hash, header(record.headers(), PREVIOUS_HASH_HEADER)));
    }

    /** A time as the store keeps it and the hash covers it: whole microseconds. */
    public static long micros(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void field(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
