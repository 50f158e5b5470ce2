package dev.marcus.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Injection stored and shown back inert, cross-site writes refused, viewers refused. */
class SecurityTest {
    static final String SQL = "x'); DROP TABLE tasks; --";
    static final String SCRIPT = "<script>alert(1)</script><img src=x onerror=alert(2)>";

    @Test
    void sqlAndScriptInTextFields_areStoredVerbatimAndServedAsJson() {
        try (WebHarness web = new WebHarness()) {
            var created = web.post("/api/projects", WebJson.write(Map.of("name", SQL, "description", "- " + SCRIPT)));
            assertThat(created.status()).isEqualTo(201);
            String id = (String) ((Map<?, ?>) created.get("project")).get("id");
            var added = web.post("/api/projects/" + id + "/tasks", WebJson.write(Map.of("name", SCRIPT, "description", SQL,
                    "labels", List.of(SQL))));
            assertThat(added.status()).isEqualTo(201);
            var board = web.get("/api/projects/" + id + "/board");
            List<?> tasks = (List<?>) board.get("tasks");
            assertThat(tasks).hasSize(2);
            assertThat(((Map<?, ?>) tasks.get(1)).get("name")).isEqualTo(SCRIPT);
            assertThat(((Map<?, ?>) board.get("project")).get("name")).isEqualTo(SQL);
            var events = web.get("/api/projects/" + id + "/events?q=" + java.net.URLEncoder.encode(SQL, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(events.status()).isEqualTo(200);
            assertThat(web.get("/api/projects").get("projects")).asList().hasSize(1);
        }
    }

    @Test
    void dashboardSendsStrictContentSecurityPolicy() {
        try (WebHarness web = new WebHarness()) {
            var r = web.http.sendAsync(HttpRequest.newBuilder(URI.create(web.base() + "/")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).join();
            assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
        }
    }

    @Test
    void crossSiteWrites_areRefused() {
        try (WebHarness web = new WebHarness()) {
            var foreign = web.send(HttpRequest.newBuilder(URI.create(web.base() + "/api/projects"))
                    .header("Content-Type", "application/json").header("Origin", "http://evil.example")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"description\":\"- a\"}")));
            assertThat(foreign.status()).isEqualTo(403);
            assertThat(foreign.get("error_code")).isEqualTo("csrf");

            var form = web.send(HttpRequest.newBuilder(URI.create(web.base() + "/api/projects"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("name=x&description=-+a")));
            assertThat(form.status()).isEqualTo(415);

            var sameOrigin = web.send(HttpRequest.newBuilder(URI.create(web.base() + "/api/projects"))
                    .header("Content-Type", "application/json").header("Origin", web.base())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"description\":\"- a\"}")));
            assertThat(sameOrigin.status()).isEqualTo(201);
            assertThat(web.core.projects().list()).hasSize(1);
        }
    }

    @Test
    void viewer_canRead_butEveryChangeIs403() {
        try (WebHarness web = new WebHarness(null, true)) {
            String id = web.project("Shop", "- Schema");
            String task = web.core.projects().tasks(id).get(0).id().value();
            assertThat(web.get("/api/session").get("role")).isEqualTo("viewer");
            assertThat(web.get("/api/projects/" + id + "/board").status()).isEqualTo(200);
            assertThat(web.post("/api/projects", "{\"name\":\"x\",\"description\":\"- a\"}").status()).isEqualTo(403);
            assertThat(web.post("/api/projects/" + id + "/tasks", "{\"name\":\"x\"}").status()).isEqualTo(403);
            assertThat(web.post("/api/tasks/" + task + "/unassign", null).status()).isEqualTo(403);
            assertThat(web.post("/api/tasks/" + task + "/resolve-blocker", null).status()).isEqualTo(403);
            assertThat(web.core.projects().tasks(id)).hasSize(1);
        }
    }
}
