package dev.marcus.cli.ops;

import dev.marcus.cli.data.StoreTables;
import dev.marcus.core.error.BackendUnavailableException;
import dev.marcus.core.error.ConflictException;
import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.error.ValidationException;
import dev.marcus.storage.postgres.PostgresUrl;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Backups of the store and their restore. A backup is a directory {@code marcus-<UTC time>} holding the data file
 * (SQLite: {@code VACUUM INTO}, a consistent copy taken while Marcus runs; PostgreSQL: {@code pg_dump} in custom
 * format of the store's schema) and {@code manifest.json} with its SHA-256, size and the row count of every table.
 * It is written under a temporary name and renamed when complete, so a half-made backup never looks like one.
 * A restore checks the checksum first, then restores (moving a SQLite file aside, never deleting it), then counts
 * every table again and fails unless the counts are the manifest's.
 */
public final class Backups {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    static final String MANIFEST = "manifest.json";

    /** Where the store is: a SQLite file, or a PostgreSQL URL and schema. */
    public record Store(Path sqliteFile, String postgresUrl, String schema) {
        public static Store sqlite(Path file) {
            return new Store(file, null, null);
        }

        public static Store postgres(String url, String schema) {
            return new Store(null, url, schema == null ? "public" : schema);
        }

        boolean isPostgres() {
            return postgresUrl != null;
        }
    }

    /** A backup on disk: its directory and what its manifest says. */
    public record Backup(Path dir, String kind, String file, String sha256, long bytes, Instant createdAt,
                         Map<String, Long> rows) {
        public long totalRows() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Store store;

    public Backups(Store store) {
        this.store = store;
    }

    /** Makes a backup in {@code dir}, then keeps only the newest {@code keep} there. */
    public Backup create(Path dir, int keep, String version) {
        Instant now = Instant.now();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempDirectory(dir, ".partial-");
            String file = store.isPostgres() ? "data.pgdump" : "data.sqlite";
            Path data = tmp.resolve(file);
            Map<String, Long> rows;
            if (store.isPostgres()) {
                // the counts and the dump read one exported snapshot, so they agree however busy the store is
                rows = countPostgres(snapshot -> pgDump(data, snapshot));
            } else {
                rows = vacuumInto(data);
            }
            String sha = sha256(data);
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("format", 1);
            manifest.put("marcus_version", version);
            manifest.put("kind", store.isPostgres() ? "postgres" : "sqlite");
            manifest.put("schema", store.schema());
            manifest.put("created_at", now.toString());
            manifest.put("file", file);
            manifest.put("sha256", sha);
            manifest.put("bytes", Files.size(data));
            manifest.put("rows", rows);
            Files.writeString(tmp.resolve(MANIFEST), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
            Path target = dir.resolve("marcus-" + NAME.format(now));
            for (int i = 2; Files.exists(target); i++) {
                target = dir.resolve("marcus-" + NAME.format(now) + "-" + i);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            prune(dir, keep);
            return read(target);
        } catch (IOException e) {
            throw new BackendUnavailableException("backup into " + dir + " failed: " + e.getMessage(), e);
        }
    }

    /** The backups in {@code dir}, newest first (directories with a manifest). */
    public static List<Backup> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Backup> out = new ArrayList<>();
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("marcus-"))
                    .filter(p -> Files.isRegularFile(p.resolve(MANIFEST))).toList()) {
                out.add(read(p));
            }
            out.sort(Comparator.comparing(Backup::createdAt).reversed());
            return out;
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot list backups in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void prune(Path dir, int keep) throws IOException {
        List<Backup> all = list(dir);
        for (Backup old : all.subList(Math.min(keep, all.size()), all.size())) {
            try (Stream<Path> files = Files.walk(old.dir())) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Reads a backup directory's manifest. */
    public static Backup read(Path dir) {
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new NotFoundException("backup", dir + " is not a Marcus backup (no " + MANIFEST + ")");
        }
        try {
            JsonNode m = JSON.readTree(Files.readString(manifest));
            Map<String, Long> rows = new LinkedHashMap<>();
            m.path("rows").properties().forEach(e -> rows.put(e.getKey(), e.getValue().asLong()));
            return new Backup(dir, m.path("kind").asString(), m.path("file").asString(), m.path("sha256").asString(),
                    m.path("bytes").asLong(), Instant.parse(m.path("created_at").asString()), rows);
        } catch (IOException | RuntimeException e) {
            throw new ValidationException("backup", manifest + " cannot be read: " + e.getMessage());
        }
    }

    /** Checks a backup's data file against its manifest's SHA-256 and size. */
    public static void verifyFile(Backup b) {
        Path data = b.dir().resolve(b.file());
        try {
            if (!Files.isRegularFile(data)) {
                throw new ValidationException("backup", data + " is missing");
            }
            String actual = sha256(data);
            if (!actual.equals(b.sha256()) || Files.size(data) != b.bytes()) {
                throw new ValidationException("backup", data + " does not match its manifest (SHA-256 " + actual
                        + ", expected " + b.sha256() + "): the backup is damaged; restore another one");
            }
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot read " + data + ": " + e.getMessage(), e);
        }
    }

    /**
     * Restores {@code b} over the store and verifies it by counting every table.
     *
     * @return where the SQLite file that was replaced was moved ({@code null} for PostgreSQL or when there was none)
     */
    public Path restore(Backup b) {
        verifyFile(b);
        String kind = store.isPostgres() ? "postgres" : "sqlite";
        if (!kind.equals(b.kind())) {
            throw new ValidationException("backup", "is a " + b.kind() + " backup; this installation stores in " + kind);
        }
        Path movedAside = null;
        try {
            if (store.isPostgres()) {
                pgRestore(b.dir().resolve(b.file()));
            } else {
                Path db = store.sqliteFile();
                if (Files.exists(db)) {
                    movedAside = db.resolveSibling(db.getFileName() + ".before-restore-" + NAME.format(Instant.now()));
                    Files.move(db, movedAside);
                    for (String side : List.of("-wal", "-shm")) {
                        Files.deleteIfExists(db.resolveSibling(db.getFileName() + side));
                    }
                }
                Files.createDirectories(db.toAbsolutePath().getParent());
                Files.copy(b.dir().resolve(b.file()), db);
            }
        } catch (IOException e) {
            throw new BackendUnavailableException("restore failed: " + e.getMessage(), e);
        }
        Map<String, Long> now = store.isPostgres() ? countPostgres(snapshot -> { }) : countSqlite(store.sqliteFile());
        for (Map.Entry<String, Long> e : b.rows().entrySet()) {
            Long found = now.get(e.getKey());
            if (!e.getValue().equals(found)) {
                throw new ConflictException("restore_unverified", "the restored table " + e.getKey() + " has " + found
                        + " rows; the backup's manifest says " + e.getValue());
            }
        }
        return movedAside;
    }

    // ---- SQLite

    private Map<String, Long> vacuumInto(Path data) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.sqliteFile());
             Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 15000");
            // VACUUM INTO reads one consistent snapshot; the counts come from the copy, so they match it exactly
            s.execute("VACUUM INTO '" + data.toAbsolutePath().toString().replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new BackendUnavailableException("VACUUM INTO " + data + " failed: " + e.getMessage(), e);
        }
        return countSqlite(data);
    }

    private static Map<String, Long> countSqlite(Path file) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            return count(c);
        } catch (SQLException e) {
            throw new BackendUnavailableException("cannot count the rows of " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Long> count(Connection c) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            for (StoreTables.Table t : StoreTables.ALL) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + t.name())) {
                    rs.next();
                    rows.put(t.name(), rs.getLong(1));
                }
            }
        }
        return rows;
    }

    // ---- PostgreSQL

    private Map<String, Long> countPostgres(java.util.function.Consumer<String> whileSnapshotOpen) {
        PostgresUrl url = PostgresUrl.parse(store.postgresUrl());
        Properties p = new Properties();
        if (url.user() != null) {
            p.setProperty("user", url.user());
        }
        if (url.password() != null) {
            p.setProperty("password", url.password());
        }
        try (Connection c = new org.postgresql.Driver().connect(url.jdbcUrl(), p)) {
            c.setSchema(store.schema());
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            String snapshot;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
                rs.next();
                snapshot = rs.getString(1);
            }
            Map<String, Long> rows = count(c);
            whileSnapshotOpen.accept(snapshot);
            c.commit();
            return rows;
        } catch (SQLException e) {
            throw new BackendUnavailableException(url.masked() + ": cannot count rows: " + e.getMessage(), e);
        }
    }

    private void pgDump(Path out, String snapshot) {
        run(List.of("pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--schema=" + store.schema(),
                "--snapshot=" + snapshot, "--file=" + out.toAbsolutePath()), "pg_dump");
    }

    private void pgRestore(Path dump) {
        run(List.of("pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
                dump.toAbsolutePath().toString()), "pg_restore");
    }

    /** Runs a PostgreSQL client tool with the store's connection in libpq's environment variables (never in argv). */
    private void run(List<String> command, String tool) {
        PostgresUrl url = PostgresUrl.parse(store.postgresUrl());
        URI u = URI.create(url.jdbcUrl().substring("jdbc:".length()));
        List<String> full = new ArrayList<>(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PGHOST", u.getHost());
        env.put("PGPORT", Integer.toString(u.getPort() > 0 ? u.getPort() : 5432));
        env.put("PGDATABASE", u.getPath().replaceFirst("^/", ""));
        if (url.user() != null) {
            env.put("PGUSER", url.user());
        }
        if (url.password() != null) {
            env.put("PGPASSWORD", url.password());
        }
        if (tool.equals("pg_restore")) {
            full.add(1, "--dbname=" + u.getPath().replaceFirst("^/", ""));
            pb.command(full);
        }
        try {
            Process p = pb.start();
            String output;
            try (InputStream in = p.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(6, TimeUnit.HOURS) || p.exitValue() != 0) {
                throw new BackendUnavailableException(tool + " failed (exit " + p.exitValue() + "): "
                        + PostgresUrl.maskAny(output.strip()), null);
            }
        } catch (IOException e) {
            throw new BackendUnavailableException(tool + " could not be started (" + e.getMessage()
                    + "); install the PostgreSQL client tools (Debian: postgresql-client) of the server's version", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException(tool + " was interrupted", e);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
