package dev.marcus.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import dev.marcus.storage.postgres.PostgresStorageBackend;
import dev.marcus.storage.sqlite.SqliteStorageBackend;
import picocli.CommandLine;

/** Reads the version the build stamped into {@code marcus-version.properties}. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    public static String version() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/marcus-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    /**
     * The newest database schema this build knows, from its migration scripts (no database is asked): a store at a
     * newer version is refused, an older one is brought up to this one at start.
     */
    public static String schemaVersion() {
        String sqlite = SqliteStorageBackend.knownSchemaVersion();
        String postgres = PostgresStorageBackend.knownSchemaVersion();
        return sqlite.equals(postgres) ? sqlite : "SQLite " + sqlite + ", PostgreSQL " + postgres;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"marcus " + version(), "schema version " + schemaVersion(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
