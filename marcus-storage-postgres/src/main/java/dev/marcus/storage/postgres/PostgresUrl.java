package dev.marcus.storage.postgres;

import dev.marcus.core.error.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL database is, parsed from either form {@code DATABASE_URL} takes:
 * {@code postgres://user:pass@host:port/db?params} (Heroku style, also {@code postgresql://}) or a pgjdbc
 * {@code jdbc:postgresql://host:port/db?user=…&password=…}. {@link #masked()} is the only form that is ever printed.
 *
 * @param jdbcUrl the pgjdbc URL without user and password when they came from the URL's authority
 * @param user the user, or null when the JDBC URL carries it (or the driver's default applies)
 * @param password the password, or null
 */
public record PostgresUrl(String jdbcUrl, String user, String password) {
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&]*");

    public static PostgresUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new ValidationException("database.url", "is empty; expected postgres://user:pass@host:5432/db or jdbc:postgresql://host:5432/db");
        }
        String u = url.strip();
        if (u.startsWith("jdbc:postgresql:")) {
            return new PostgresUrl(u, null, null);
        }
        if (!u.startsWith("postgres://") && !u.startsWith("postgresql://")) {
            throw new ValidationException("database.url", "'" + maskAny(u) + "' is not a PostgreSQL URL; expected "
                    + "postgres://user:pass@host:5432/db or jdbc:postgresql://host:5432/db");
        }
        URI uri;
        try {
            uri = new URI(u);
        } catch (URISyntaxException e) {
            throw new ValidationException("database.url", "'" + maskAny(u) + "' is not a valid URL: " + e.getReason());
        }
        if (uri.getHost() == null) {
            throw new ValidationException("database.url", "'" + maskAny(u) + "' names no host");
        }
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        String db = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "postgres" : uri.getRawPath().substring(1);
        String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort()) + "/" + db
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new PostgresUrl(jdbc, user, password);
    }

    /** The URL for people: user and host, never the password. */
    public String masked() {
        String base = maskAny(jdbcUrl).replaceFirst("^jdbc:", "");
        if (user == null) {
            return base;
        }
        return base.replaceFirst("^postgresql://", "postgresql://" + user + (password == null ? "" : ":***") + "@");
    }

    /** Any URL with its password (in the authority or a {@code password=} parameter) replaced by {@code ***}. */
    public static String maskAny(String url) {
        String s = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
        return s.replaceFirst("(://[^:/@]+:)[^@/]*@", "$1***@");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return masked();
    }
}
