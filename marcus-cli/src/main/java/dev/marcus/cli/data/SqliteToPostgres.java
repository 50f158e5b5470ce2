package dev.marcus.cli.data;

import dev.marcus.cli.data.StoreTables.Column;
import dev.marcus.cli.data.StoreTables.Table;
import dev.marcus.core.error.BackendUnavailableException;
import dev.marcus.core.error.ConflictException;
import dev.marcus.core.error.NotFoundException;
import dev.marcus.storage.postgres.PostgresStorageBackend;
import dev.marcus.storage.postgres.PostgresUrl;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Copies a solo SQLite database into PostgreSQL and proves the copy equal. The SQLite file is opened read-only.
 * Each table is copied with {@code COPY} in a transaction of its own, so a run killed at any point leaves every
 * table either complete or empty; {@code resume} then copies what is missing (through a staging table and
 * {@code ON CONFLICT DO NOTHING} should a table hold part of its rows) and verification decides.
 */
public final class SqliteToPostgres {
    private static final int FLUSH_CHARS = 1 << 20;

    /** What a run did. */
    public record Summary(Map<String, Long> rows, Map<String, String> checksums, int integrityChecks, long millis,
                          List<String> skipped) {
    }

    private final Path source;
    private final PostgresUrl target;
    private final String schema;
    private final PrintWriter progress;

    /**
     * @param progress where the progress bar goes (stderr), or null for none
     */
    public SqliteToPostgres(Path source, PostgresUrl target, String schema, PrintWriter progress) {
        this.source = source.toAbsolutePath().normalize();
        this.target = target;
        this.schema = schema;
        this.progress = progress;
    }

    /** Opens the SQLite file read-only: the migration never writes to it. */
    public static Connection openReadOnly(Path file) throws SQLException {
        if (!Files.isRegularFile(file)) {
            throw new NotFoundException("from", "no SQLite database at " + file);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
    }

    /** Runs the migration; throws {@link ConflictException} when the target holds data and {@code resume} is off. */
    public Summary run(boolean resume) {
        long start = System.nanoTime();
        try (PostgresStorageBackend pg = PostgresStorageBackend.open(target, schema, 2);
             Connection src = openReadOnly(source);
             Connection dst = pg.dataSource().getConnection()) {
            Map<String, Long> existing = new LinkedHashMap<>();
            long total = 0;
            for (Table t : StoreTables.ALL) {
                long n = StoreTables.count(dst, t.name());
                existing.put(t.name(), n);
                total += n;
            }
            if (total > 0 && !resume) {
                throw new ConflictException("target_not_empty", pg.describe() + " already holds " + total
                        + " rows; migrate into an empty database, or pass --resume to finish an interrupted migration");
            }
            List<String> skipped = new ArrayList<>();
            for (Table t : StoreTables.ALL) {
                long sourceRows = StoreTables.count(src, t.name());
                long have = existing.get(t.name());
                if (have == sourceRows && have > 0 && resume) {
                    skipped.add(t.name());
                    bar(t.name(), sourceRows, sourceRows);
                    endBar();
                    continue;
                }
                copy(src, dst, t, sourceRows, have > 0);
            }
            // the identities of events and the audit trail continue after the copied ids
            StoreTables.continueIdentities(dst);
            try (Statement s = dst.createStatement()) {
                // fresh planner statistics: without them the first claims on the copy walk whole tables (autovacuum,
                // where it runs at all, gets to a new table only after a while)
                s.execute("ANALYZE");
            }
            Map<String, Long> rows = new LinkedHashMap<>();
            Map<String, String> sums = verify(src, dst, rows);
            int checks = checkReferences(dst);
            return new Summary(rows, sums, checks, (System.nanoTime() - start) / 1_000_000, skipped);
        } catch (SQLException e) {
            throw new BackendUnavailableException("migration from " + source + " to " + target.masked() + " failed: "
                    + PostgresUrl.maskAny(String.valueOf(e.getMessage())), e);
        }
    }

    private void copy(Connection src, Connection dst, Table t, long total, boolean partial) throws SQLException {
        List<Column> columns = StoreTables.columns(dst, t.name());
        List<String> names = columns.stream().map(Column::name).toList();
        dst.setAutoCommit(false);
        try {
            try (Statement s = dst.createStatement()) {
                s.execute("SET CONSTRAINTS ALL DEFERRED");
                if (partial) {
                    s.execute("CREATE TEMP TABLE staging (LIKE " + t.name() + ") ON COMMIT DROP");
                }
            }
            String into = partial ? "staging" : t.name();
            CopyIn in = dst.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + into + " (" + String.join(", ", names) + ") FROM STDIN");
            long done = 0;
            try (Statement s = src.createStatement()) {
                s.setFetchSize(5_000);
                try (ResultSet rs = s.executeQuery(StoreTables.selectAll(t, columns, false))) {
                    StringBuilder buf = new StringBuilder(FLUSH_CHARS + 4096);
                    while (rs.next()) {
                        for (int i = 0; i < columns.size(); i++) {
                            if (i > 0) {
                                buf.append('\t');
                            }
                            appendCopyValue(buf, StoreTables.value(rs, i + 1, columns.get(i).kind()));
                        }
                        buf.append('\n');
                        done++;
                        if (buf.length() >= FLUSH_CHARS) {
                            write(in, buf);
                            bar(t.name(), done, total);
                        }
                    }
                    write(in, buf);
                }
                in.endCopy();
            } catch (SQLException | RuntimeException e) {
                if (in.isActive()) {
                    in.cancelCopy();
                }
                throw e;
            }
            if (partial) {
                try (Statement s = dst.createStatement()) {
                    s.execute("INSERT INTO " + t.name() + " SELECT * FROM staging ON CONFLICT DO NOTHING");
                }
            }
            dst.commit();
            bar(t.name(), done, total);
            endBar();
        } catch (SQLException | RuntimeException e) {
            dst.rollback();
            throw e;
        } finally {
            dst.setAutoCommit(true);
        }
    }

    private static void write(CopyIn in, StringBuilder buf) throws SQLException {
        if (buf.length() == 0) {
            return;
        }
        byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        buf.setLength(0);
    }

    /** COPY text format: {@code \N} for null; backslash, tab, newline and carriage return escaped. */
    static void appendCopyValue(StringBuilder buf, Object v) {
        if (v == null) {
            buf.append("\\N");
            return;
        }
        if (v instanceof Double d) {
            buf.append(Double.toString(d));
            return;
        }
        String s = v.toString();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> buf.append("\\\\");
                case '\t' -> buf.append("\\t");
                case '\n' -> buf.append("\\n");
                case '\r' -> buf.append("\\r");
                default -> buf.append(ch);
            }
        }
    }

    /** Row counts and checksums of every table, computed the same way from both sides; throws when any differ. */
    private Map<String, String> verify(Connection src, Connection dst, Map<String, Long> rows) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> differences = new ArrayList<>();
        dst.setAutoCommit(false);
        try {
            for (Table t : StoreTables.ALL) {
                List<Column> columns = StoreTables.columns(dst, t.name());
                Checksum a = Checksum.of(src, t, columns, false);
                Checksum b = Checksum.of(dst, t, columns, true);
                rows.put(t.name(), b.rows());
                out.put(t.name(), b.value());
                if (!a.value().equals(b.value())) {
                    differences.add(t.name() + " (source " + a.value() + ", target " + b.value() + ")");
                }
            }
            dst.commit();
        } finally {
            dst.setAutoCommit(true);
        }
        if (!differences.isEmpty()) {
            throw new ConflictException("migration_mismatch", "the copy differs from " + source + " in: "
                    + String.join("; ", differences) + ". The configuration was not changed; run again with --resume"
                    + " after emptying the target schema.");
        }
        return out;
    }

    /** Rows that point at missing rows, including the references the schema does not enforce: each counts them. */
    static final String[] REFERENCE_CHECKS = {
        "SELECT count(*) FROM tasks t LEFT JOIN projects p ON p.id = t.project_id WHERE p.id IS NULL",
        "SELECT count(*) FROM tasks t LEFT JOIN tasks p ON p.id = t.parent_id WHERE t.parent_id IS NOT NULL AND p.id IS NULL",
        "SELECT count(*) FROM tasks t LEFT JOIN agents a ON a.id = t.assignee WHERE t.assignee IS NOT NULL AND a.id IS NULL",
        "SELECT count(*) FROM task_dependencies d LEFT JOIN tasks t ON t.id = d.task_id LEFT JOIN tasks u ON u.id = d.depends_on "
                + "WHERE t.id IS NULL OR u.id IS NULL",
        "SELECT count(*) FROM agents a LEFT JOIN projects p ON p.id = a.project_id WHERE p.id IS NULL",
        "SELECT count(*) FROM decisions d LEFT JOIN tasks t ON t.id = d.task_id WHERE t.id IS NULL",
        "SELECT count(*) FROM artifacts d LEFT JOIN tasks t ON t.id = d.task_id WHERE t.id IS NULL",
        "SELECT count(*) FROM blockers d LEFT JOIN tasks t ON t.id = d.task_id WHERE t.id IS NULL",
        "SELECT count(*) FROM events e LEFT JOIN projects p ON p.id = e.project_id WHERE e.project_id IS NOT NULL AND p.id IS NULL",
        "SELECT count(*) FROM sessions s LEFT JOIN users u ON u.id = s.user_id WHERE u.id IS NULL",
        "SELECT count(*) FROM api_tokens k LEFT JOIN projects p ON p.id = k.project_id WHERE p.id IS NULL",
    };

    /** Runs {@link #REFERENCE_CHECKS}; throws when any finds a dangling row, else returns how many ran. */
    private static int checkReferences(Connection dst) throws SQLException {
        String[] checks = REFERENCE_CHECKS;
        List<String> broken = new ArrayList<>();
        try (Statement s = dst.createStatement()) {
            for (String sql : checks) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        broken.add(rs.getLong(1) + " rows: " + sql);
                    }
                }
            }
        }
        if (!broken.isEmpty()) {
            throw new ConflictException("migration_integrity", "dangling references after the copy: " + String.join("; ", broken));
        }
        return checks.length;
    }

    private void bar(String table, long done, long total) {
        if (progress == null) {
            return;
        }
        int width = 30;
        int filled = total == 0 ? width : (int) Math.min(width, done * width / total);
        progress.printf("\r  %-18s [%s%s] %,d/%,d", table, "#".repeat(filled), " ".repeat(width - filled), done, total);
        progress.flush();
    }

    private void endBar() {
        if (progress != null) {
            progress.println();
            progress.flush();
        }
    }
}
