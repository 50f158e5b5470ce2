package dev.marcus.cache;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** JSON for what goes into Redis: the core's records round-trip through it. */
final class JsonCodec {
    private static final JsonMapper JSON = JsonMapper.builder()
            // derived accessors such as Project.isComplete() are written but are not constructor parameters
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private JsonCodec() {
    }

    static String write(Object value) {
        return JSON.writeValueAsString(value);
    }

    static <T> T read(String json, Class<T> type) {
        return JSON.readValue(json, type);
    }
}
