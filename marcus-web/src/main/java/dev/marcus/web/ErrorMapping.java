package dev.marcus.web;

import dev.marcus.core.error.AccessDeniedException;
import dev.marcus.core.error.BackendUnavailableException;
import dev.marcus.core.error.ConflictException;
import dev.marcus.core.error.MarcusException;
import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.error.ValidationException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers: validation 400 (naming the field), not found 404, conflict 409
 * (with the stable reason), backend unavailable 503, anything else 500 without internals. Bodies are
 * {@code {success:false, error, error_code, field?, reason?}}.
 */
final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {
    }

    static void install(RoutesConfig routes) {
        routes.exception(ValidationException.class, (e, ctx) -> answer(ctx, 400, e, Map.of("field", e.field())));
        routes.exception(NotFoundException.class, (e, ctx) -> answer(ctx, 404, e, Map.of("field", e.field())));
        routes.exception(ConflictException.class, (e, ctx) -> answer(ctx, 409, e, Map.of("reason", e.reason())));
        routes.exception(AccessDeniedException.class, (e, ctx) -> {
            int status = switch (e.kind()) {
                case UNAUTHENTICATED -> 401;
                case FORBIDDEN -> 403;
                case RATE_LIMITED -> 429;
            };
            if (e.kind() == AccessDeniedException.Kind.RATE_LIMITED) {
                ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            }
            answer(ctx, status, e, Map.of());
        });
        routes.exception(BackendUnavailableException.class, (e, ctx) -> {
            LOG.warn("backend unavailable: {}", e.getMessage());
            answer(ctx, 503, e, Map.of());
        });
        routes.exception(WebException.class, (e, ctx) -> {
            Map<String, Object> body = body(e.getMessage(), e.code());
            ctx.status(e.status()).json(body);
        });
        routes.exception(HttpResponseException.class, (e, ctx) ->
                ctx.status(e.getStatus()).json(body(e.getMessage(), "http_" + e.getStatus())));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            ctx.status(500).json(body("internal error; the server log has the details", "internal_error"));
        });
        routes.error(404, ctx -> {
            if (ctx.path().startsWith("/api/") && ctx.result() == null) {
                ctx.json(body("no such endpoint: " + ctx.method() + " " + ctx.path()
                        + "; /api/openapi.json lists them", "not_found"));
            }
        });
    }

    private static void answer(Context ctx, int status, MarcusException e, Map<String, Object> extra) {
        Map<String, Object> body = body(e.getMessage(), e.code());
        body.putAll(extra);
        ctx.status(status).json(body);
    }

    static Map<String, Object> body(String message, String code) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", false);
        m.put("error", message);
        m.put("error_code", code);
        return m;
    }
}
