package dev.marcus.web;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;

/** Who the caller is, as far as the dashboard needs to know: the role decides which controls it shows. */
final class SessionApi implements ApiRoutes {
    private final Access access;

    SessionApi(Access access) {
        this.access = access;
    }

    @Override
    public void register(Routes r) {
        r.get("/api/session", this::session);
    }

    private void session(Context ctx) {
        ctx.json(Map.of("success", true, "role", access.roleOf(ctx).name().toLowerCase(Locale.ROOT)));
    }
}
