package dev.marcus.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;

/** Registers REST routes on Javalin and remembers them, so the OpenAPI description can be checked against them. */
final class Routes {
    /** One declared route, e.g. {@code GET /api/projects/{id}}. */
    record Route(String method, String path) {
    }

    private final RoutesConfig routes;
    private final List<Route> declared = new ArrayList<>();

    Routes(RoutesConfig routes) {
        this.routes = routes;
    }

    void get(String path, Handler h) {
        declared.add(new Route("get", path));
        routes.get(path, h);
    }

    void post(String path, Handler h) {
        declared.add(new Route("post", path));
        routes.post(path, h);
    }

    void patch(String path, Handler h) {
        declared.add(new Route("patch", path));
        routes.patch(path, h);
    }

    void delete(String path, Handler h) {
        declared.add(new Route("delete", path));
        routes.delete(path, h);
    }

    List<Route> declared() {
        return List.copyOf(declared);
    }
}
