package eu.microcredentials.eventsourcing;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A checksum of a read model's content that does not depend on row order or physical layout: the
 * MD5 of the sorted MD5s of each row's text. Two copies with the same rows have the same checksum.
 */
public final class ReadModelChecksum {
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    /**
     * How long one table's checksum (or a comparison row by row) may take: it reads every row, so it grows with
     * the model (a registry of 1.1 million credentials took over a minute, and a rebuild then failed at its swap
     * when this was the one-minute limit of other statements).
     */
    static final Duration TIMEOUT = Duration.ofMinutes(30);

    private ReadModelChecksum() {
    }

    /** One table's row count and checksum. */
    public record TableChecksum(String table, long rows, String checksum) {
    }

    /** Each of {@code tables} in {@code schema}, in order. */
    public static List<TableChecksum> of(SqlClient client, String schema, List<String> tables) {
        List<TableChecksum> checksums = new ArrayList<>(tables.size());
        for (String table : tables) {
            Row row = client.query("SELECT count(*) AS rows, coalesce(md5(string_agg(r.h, '' ORDER BY r.h)), md5('')) AS checksum "
                    + "FROM (SELECT md5(t::text) AS h FROM " + qualified(schema, table) + " t) r")
                    .execute().await().atMost(TIMEOUT).iterator().next();
            checksums.add(new TableChecksum(table, row.getLong("rows"), row.getString("checksum")));
        }
        return checksums;
    }

    /** The checksum of a whole read model: of its tables' checksums, in order. */
    public static String combined(List<TableChecksum> tables) {
        StringBuilder all = new StringBuilder();
        tables.forEach(t -> all.append(t.table()).append(':').append(t.checksum()).append(';'));
        return md5Hex(all.toString());
    }

    static String qualified(String schema, String table) {
        return name(schema) + "." + name(table);
    }

    static String name(String identifier) {
        if (!NAME.matcher(identifier).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + identifier);
        }
        return identifier;
    }

    /** The MD5 of a text, lower-case hex: how read models and digests fold many checksums into one. */
    static String md5Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }
}
