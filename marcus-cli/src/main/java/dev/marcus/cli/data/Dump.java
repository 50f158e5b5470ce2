package dev.marcus.cli.data;

import dev.marcus.cli.data.StoreTables.Column;
import dev.marcus.cli.data.StoreTables.Table;
import dev.marcus.core.error.ConflictException;
import dev.marcus.core.error.ValidationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The portable dump: JSON Lines, a header line then one line per row, in {@link StoreTables#ALL} order and each
 * table in its stable row order, so that dumps of equal stores are equal byte for byte on either database.
 *
 * <pre>
 * {"format":"marcus-export","version":1,"tables":["projects",…]}
 * {"table":"projects","row":{"workspace_id":"default","id":"shop",…}}
 * </pre>
 */
public final class Dump {
    public static final String FORMAT = "marcus-export";
    public static final int VERSION = 1;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Dump() {
    }

    /** Writes every row of the store behind {@code c}; returns rows per table. */
    public static Map<String, Long> export(Connection c, boolean postgres, Writer out) throws SQLException, IOException {
        ObjectNode header = JSON.createObjectNode();
        header.put("format", FORMAT);
        header.put("version", VERSION);
        var tables = header.putArray("tables");
        StoreTables.ALL.forEach(t -> tables.add(t.name()));
        out.write(JSON.writeValueAsString(header));
        out.write('\n');
        Map<String, Long> counts = new LinkedHashMap<>();
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (Table t : StoreTables.ALL) {
                List<Column> columns = StoreTables.columns(c, t.name());
                long n = 0;
                try (Statement s = c.createStatement()) {
                    s.setFetchSize(5_000);
                    try (ResultSet rs = s.executeQuery(StoreTables.selectAll(t, columns, postgres))) {
                        while (rs.next()) {
                            ObjectNode line = JSON.createObjectNode();
                            line.put("table", t.name());
                            ObjectNode row = line.putObject("row");
                            for (int i = 0; i < columns.size(); i++) {
                                Object v = StoreTables.value(rs, i + 1, columns.get(i).kind());
                                String name = columns.get(i).name();
                                if (v == null) {
                                    row.putNull(name);
                                } else if (v instanceof Long l) {
                                    row.put(name, l);
                                } else if (v instanceof Double d) {
                                    row.put(name, d);
                                } else {
                                    row.put(name, (String) v);
                                }
                            }
                            out.write(JSON.writeValueAsString(line));
                            out.write('\n');
                            n++;
                        }
                    }
                }
                counts.put(t.name(), n);
            }
            c.commit();
        } finally {
            c.setAutoCommit(auto);
        }
        out.flush();
        return counts;
    }

    /** Loads a dump into the empty store behind {@code c}, in one transaction; returns rows per table. */
    public static Map<String, Long> load(Connection c, boolean postgres, BufferedReader in) throws SQLException, IOException {
        String first = in.readLine();
        JsonNode header = first == null ? null : JSON.readTree(first);
        if (header == null || !FORMAT.equals(header.path("format").asString(""))) {
            throw new ValidationException("in", "not a Marcus export (the first line must be a marcus-export header)");
        }
        if (header.path("version").asInt(-1) != VERSION) {
            throw new ValidationException("in", "export format version " + header.path("version") + " is not supported"
                    + " (this Marcus reads version " + VERSION + ")");
        }
        long existing = 0;
        for (Table t : StoreTables.ALL) {
            existing += StoreTables.count(c, t.name());
        }
        if (existing > 0) {
            throw new ConflictException("target_not_empty", "the store already holds " + existing + " rows; import into an empty store");
        }
        Map<String, List<Column>> columns = new LinkedHashMap<>();
        for (Table t : StoreTables.ALL) {
            columns.put(t.name(), StoreTables.columns(c, t.name()));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            if (postgres) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET CONSTRAINTS ALL DEFERRED");
                }
            }
            String current = null;
            PreparedStatement ps = null;
            int batched = 0;
            try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode node = JSON.readTree(line);
                    String table = node.path("table").asString("");
                    List<Column> cols = columns.get(table);
                    if (cols == null) {
                        throw new ValidationException("in", "unknown table '" + table + "' in the export");
                    }
                    if (!table.equals(current)) {
                        if (ps != null) {
                            ps.executeBatch();
                            ps.close();
                        }
                        List<String> names = cols.stream().map(Column::name).toList();
                        ps = c.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                                + String.join(", ", java.util.Collections.nCopies(names.size(), "?")) + ")");
                        current = table;
                        batched = 0;
                    }
                    JsonNode row = node.path("row");
                    for (int i = 0; i < cols.size(); i++) {
                        JsonNode v = row.get(cols.get(i).name());
                        switch (cols.get(i).kind()) {
                            case LONG -> {
                                if (v == null || v.isNull()) {
                                    ps.setNull(i + 1, Types.BIGINT);
                                } else {
                                    ps.setLong(i + 1, v.asLong());
                                }
                            }
                            case DOUBLE -> {
                                if (v == null || v.isNull()) {
                                    ps.setNull(i + 1, Types.DOUBLE);
                                } else {
                                    ps.setDouble(i + 1, v.asDouble());
                                }
                            }
                            default -> ps.setString(i + 1, v == null || v.isNull() ? null : v.asString());
                        }
                    }
                    ps.addBatch();
                    counts.merge(table, 1L, Long::sum);
                    if (++batched % 1_000 == 0) {
                        ps.executeBatch();
                    }
                }
                if (ps != null) {
                    ps.executeBatch();
                }
            } finally {
                if (ps != null) {
                    ps.close();
                }
            }
            if (postgres) {
                StoreTables.continueIdentities(c);
            }
            c.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        List<String> order = new ArrayList<>();
        StoreTables.ALL.forEach(t -> order.add(t.name()));
        Map<String, Long> ordered = new LinkedHashMap<>();
        order.forEach(t -> ordered.put(t, counts.getOrDefault(t, 0L)));
        return ordered;
    }
}
