package dev.marcus.cli.data;

import dev.marcus.cli.config.ConfigException;
import dev.marcus.cli.config.ConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rewrites keys of {@code $MARCUS_HOME/config.properties} in place, keeping every other line, atomically. */
public final class ConfigFile {
    private ConfigFile() {
    }

    /**
     * Sets {@code values} (a null value removes the key) and returns the backup of the previous file, or null when
     * there was none. The file is replaced by a rename, so a crash leaves the old or the new file, never half of one.
     */
    public static Path update(Path home, Map<String, String> values) {
        Path file = home.resolve(ConfigLoader.FILE_NAME);
        try {
            Files.createDirectories(home);
            List<String> lines = Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
            Map<String, String> pending = new LinkedHashMap<>(values);
            List<String> out = new ArrayList<>();
            for (String line : lines) {
                String key = line.strip().startsWith("#") || !line.contains("=") ? null : line.substring(0, line.indexOf('=')).strip();
                if (key != null && pending.containsKey(key)) {
                    String v = pending.remove(key);
                    if (v != null) {
                        out.add(key + "=" + escape(v));
                    }
                } else {
                    out.add(line);
                }
            }
            pending.forEach((k, v) -> {
                if (v != null) {
                    out.add(k + "=" + escape(v));
                }
            });
            Path backup = null;
            if (Files.isRegularFile(file)) {
                backup = home.resolve(ConfigLoader.FILE_NAME + ".before-team");
                if (!Files.exists(backup)) {
                    Files.copy(file, backup);
                }
            }
            Path tmp = home.resolve(ConfigLoader.FILE_NAME + ".tmp");
            Files.write(tmp, out, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the file keeps the default permissions
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return backup;
        } catch (IOException e) {
            throw new ConfigException("cannot write " + file + ": " + e.getMessage());
        }
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
    }
}
