package dev.marcus.web;

import io.javalin.json.JavalinJackson3;
import tools.jackson.databind.json.JsonMapper;

/** The one Jackson 3 mapper of the web adapter (the MCP SDK brings Jackson 3; Javalin speaks it through JavalinJackson3). */
final class WebJson {
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private WebJson() {
    }

    static JavalinJackson3 javalin() {
        return new JavalinJackson3(MAPPER, false);
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
