package dev.marcus.mcp;

import dev.marcus.core.error.BackendUnavailableException;
import dev.marcus.core.error.ConflictException;
import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.error.ValidationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an exception from a tool into the error body {@code {success:false, error, error_code, ...}}: the one place
 * where the core's exceptions meet the MCP error convention. Unexpected exceptions are logged with their stack trace
 * and reported as a generic one-line error.
 */
public final class ToolErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ToolErrors.class);

    private ToolErrors() {
    }

    public static Map<String, Object> body(String tool, Throwable e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", false);
        if (e instanceof ValidationException v) {
            m.put("error", oneLine(v.getMessage()));
            m.put("error_code", v.code());
            m.put("field", v.field());
            if ("progress".equals(v.field())) {
                m.put("reason", "invalid_progress");
            }
        } else if (e instanceof NotFoundException n) {
            m.put("error", oneLine(n.getMessage()));
            m.put("error_code", n.code());
            m.put("field", n.field());
        } else if (e instanceof ConflictException c) {
            m.put("error", oneLine(c.getMessage()));
            m.put("error_code", c.code());
            m.put("reason", c.reason());
        } else if (e instanceof dev.marcus.core.error.AccessDeniedException a) {
            m.put("error", oneLine(a.getMessage()));
            m.put("error_code", a.code());
        } else if (e instanceof BackendUnavailableException b) {
            LOG.warn("{}: backend unavailable: {}", tool, b.getMessage(), b);
            m.put("error", oneLine(b.getMessage()));
            m.put("error_code", b.code());
            m.put("retryable", true);
        } else {
            LOG.error("{} failed unexpectedly", tool, e);
            m.put("error", "internal error in " + tool + " (" + e.getClass().getSimpleName()
                    + "); the server log has the details");
            m.put("error_code", "internal_error");
        }
        return m;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
