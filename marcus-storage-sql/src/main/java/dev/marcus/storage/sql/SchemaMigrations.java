package dev.marcus.storage.sql;

import dev.marcus.core.error.BackendUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Brings a store's schema up to date with the Flyway scripts of this build, and refuses a schema that a newer Marcus
 * has already upgraded: this build would not know its tables. The one place where both dialects decide that.
 */
public final class SchemaMigrations {
    /** Where the operator's page on upgrading and rolling back lives (named in the refusal). */
    public static final String UPGRADE_GUIDE = "docs/operations/upgrading.md";

    private SchemaMigrations() {
    }

    /**
     * Refuses a newer schema, then applies the pending migrations.
     *
     * @param store how messages name the store
     * @return the schema version the store is at now (the newest migration applied), e.g. {@code "6"}
     * @throws BackendUnavailableException when the schema is newer than this build knows: the message says which
     *     Marcus this is, which schema version the store has, and what to do
     * @throws org.flywaydb.core.api.FlywayException when a migration fails (the dialect decides whether to retry)
     */
    public static String migrate(Flyway flyway, String store) {
        refuseNewer(flyway.info().all(), store);
        flyway.migrate();
        MigrationInfo current = flyway.info().current();
        return current == null || current.getVersion() == null ? "0" : current.getVersion().getVersion();
    }

    /**
     * The newest schema version among this build's scripts in {@code location} (a class-path directory such as
     * {@code db/migration/postgres}), read without a database: what {@code marcus --version} reports.
     */
    public static String newestScript(ClassLoader loader, String location) {
        MigrationVersion newest = MigrationVersion.EMPTY;
        for (String name : scriptNames(loader, location)) {
            Matcher m = SCRIPT.matcher(name);
            if (m.matches()) {
                MigrationVersion v = MigrationVersion.fromVersion(m.group(1).replace('_', '.'));
                if (v.isNewerThan(newest.getVersion())) {
                    newest = v;
                }
            }
        }
        return newest == MigrationVersion.EMPTY ? "0" : newest.getVersion();
    }

    private static final Pattern SCRIPT = Pattern.compile("V([0-9_.]+)__.*\\.sql");

    private static List<String> scriptNames(ClassLoader loader, String location) {
        URL url = loader.getResource(location);
        if (url == null) {
            return List.of();
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return names(Path.of(uri));
            }
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return names(jar.getPath(location));
            } catch (FileSystemAlreadyExistsException open) {
                return names(FileSystems.getFileSystem(uri).getPath(location));
            }
        } catch (IOException | URISyntaxException e) {
            return List.of();
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString().replace("/", "")).toList();
        }
    }

    static void refuseNewer(MigrationInfo[] all, String store) {
        MigrationVersion known = MigrationVersion.EMPTY;
        MigrationVersion newest = null;
        for (MigrationInfo m : all) {
            if (m.getVersion() == null) {
                continue;
            }
            // applied by somebody, unknown to this build: FUTURE_SUCCESS / FUTURE_FAILED
            if (m.getState().name().startsWith("FUTURE")) {
                newest = newest == null || m.getVersion().isNewerThan(newest.getVersion()) ? m.getVersion() : newest;
            } else if (m.getState().isResolved() && m.getVersion().isNewerThan(known.getVersion())) {
                known = m.getVersion();
            }
        }
        if (newest != null) {
            throw new BackendUnavailableException(newerSchema(store, newest.getVersion(),
                    known == MigrationVersion.EMPTY ? "0" : known.getVersion()), null);
        }
    }

    /** The refusal, as a person reads it: who I am, what I found, what to do. */
    static String newerSchema(String store, String found, String known) {
        return store + ": this database's schema is at version " + found + ", newer than " + self()
                + " understands (schema versions up to " + known + "): a newer Marcus has upgraded it. "
                + "Run that newer Marcus here as well (every process on one database must be at least as new as its "
                + "schema); to go back to this version, restore the backup taken before the upgrade. See "
                + UPGRADE_GUIDE + ".";
    }

    /** "Marcus 1.2.0" from the packaged jar's manifest, or "this Marcus" when run from classes. */
    static String self() {
        String v = SchemaMigrations.class.getPackage() == null ? null
                : SchemaMigrations.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "this Marcus" : "this Marcus (" + v + ")";
    }
}
