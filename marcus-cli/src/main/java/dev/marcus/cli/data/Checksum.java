package dev.marcus.cli.data;

import dev.marcus.cli.data.StoreTables.Column;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * An order-independent checksum of a table's rows, computed in Java from rows streamed out of either database, so
 * both sides are hashed by the same code. Each row's canonical text (values by kind, a separator, a marker for null)
 * is hashed to 64 bits; the table's checksum is the sum and the xor of those hashes, plus the row count.
 */
public final class Checksum {
    private long sum;
    private long xor;
    private long rows;

    /** Adds one row. */
    public void add(Object[] values) {
        long h = 0xcbf29ce484222325L;
        for (Object v : values) {
            String s = v == null ? "\u0000" : v instanceof Double d ? Double.toString(d) : v.toString();
            for (int i = 0; i < s.length(); i++) {
                h ^= s.charAt(i);
                h *= 0x100000001b3L;
            }
            h ^= 0x1f;
            h *= 0x100000001b3L;
        }
        h = mix(h);
        sum += h;
        xor ^= mix(h + 0x9e3779b97f4a7c15L);
        rows++;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public long rows() {
        return rows;
    }

    /** The checksum as text, e.g. {@code 100000:1a2b…:3c4d…}. */
    public String value() {
        return rows + ":" + Long.toHexString(sum) + ":" + Long.toHexString(xor);
    }

    /** Streams every row of {@code table} out of {@code c} and checksums it. */
    public static Checksum of(Connection c, StoreTables.Table table, List<Column> columns, boolean postgres) throws SQLException {
        Checksum sum = new Checksum();
        try (Statement s = c.createStatement()) {
            s.setFetchSize(5_000);
            try (ResultSet rs = s.executeQuery(StoreTables.selectAll(table, columns, postgres))) {
                Object[] row = new Object[columns.size()];
                while (rs.next()) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = StoreTables.value(rs, i + 1, columns.get(i).kind());
                    }
                    sum.add(row);
                }
            }
        }
        return sum;
    }
}
