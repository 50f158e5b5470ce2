package dev.marcus.cli.data;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tables of the Marcus storage schema as plain rows, the same on SQLite and PostgreSQL: which tables, in an order
 * where every referenced row comes first, how to order each one's rows identically on both databases, and each
 * column's value kind. Migration, verification and export/import all read and write through it.
 */
public final class StoreTables {
    /** Tables in foreign-key order, each with its row order (unique, collation-free on PostgreSQL). */
    public static final List<Table> ALL = List.of(
            new Table("projects", "seq"),
            new Table("tasks", "seq"),
            new Table("task_dependencies", "task_id, depends_on"),
            new Table("agents", "seq"),
            new Table("decisions", "seq"),
            new Table("artifacts", "seq"),
            new Table("blockers", "seq"),
            new Table("experiments", "seq"),
            new Table("events", "id"),
            new Table("settings", "workspace_id, name"));

    private StoreTables() {
    }

    /** A table and the columns that order its rows. */
    public record Table(String name, String orderBy) {
        /** The ORDER BY clause; text keys compare bytewise ({@code COLLATE "C"}) on PostgreSQL, as SQLite does. */
        public String orderClause(boolean postgres) {
            if (!postgres || orderBy.equals("seq") || orderBy.equals("id")) {
                return orderBy;
            }
            List<String> keys = new ArrayList<>();
            for (String k : orderBy.split(",\\s*")) {
                keys.add(k + " COLLATE \"C\"");
            }
            return String.join(", ", keys);
        }
    }

    /** How a value is read, written and printed. */
    public enum Kind {
        LONG, DOUBLE, TEXT;

        static Kind of(String typeName) {
            String t = typeName == null ? "" : typeName.toUpperCase(Locale.ROOT);
            if (t.contains("INT") || t.equals("SERIAL") || t.equals("BIGSERIAL")) {
                return LONG;
            }
            if (t.contains("REAL") || t.contains("DOUBLE") || t.contains("FLOAT") || t.contains("NUMERIC")) {
                return DOUBLE;
            }
            return TEXT;
        }
    }

    /** A column: its name and kind. */
    public record Column(String name, Kind kind) {
    }

    /** The columns of {@code table} in declaration order, kinds from the database's declared types. */
    public static List<Column> columns(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            List<Column> out = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                out.add(new Column(md.getColumnName(i).toLowerCase(Locale.ROOT), Kind.of(md.getColumnTypeName(i))));
            }
            return out;
        }
    }

    /** Reads value {@code i} (1-based) of the current row as its kind: Long, Double, String or null. */
    public static Object value(ResultSet rs, int i, Kind kind) throws SQLException {
        switch (kind) {
            case LONG -> {
                long v = rs.getLong(i);
                return rs.wasNull() ? null : v;
            }
            case DOUBLE -> {
                double v = rs.getDouble(i);
                return rs.wasNull() ? null : v;
            }
            default -> {
                return rs.getString(i);
            }
        }
    }

    /** {@code SELECT col, … FROM table ORDER BY …}: the same columns, in the same order, on both databases. */
    public static String selectAll(Table table, List<Column> columns, boolean postgres) {
        List<String> names = new ArrayList<>();
        for (Column col : columns) {
            names.add(col.name());
        }
        return "SELECT " + String.join(", ", names) + " FROM " + table.name() + " ORDER BY " + table.orderClause(postgres);
    }

    /** Row count of a table. */
    public static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
