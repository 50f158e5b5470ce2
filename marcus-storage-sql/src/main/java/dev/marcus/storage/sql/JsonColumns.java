package dev.marcus.storage.sql;

import dev.marcus.core.error.BackendUnavailableException;
import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.RecoveryInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes the JSON columns (labels, skills, criteria, recovery notes, event data) with a stable layout. */
final class JsonColumns {
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final JsonMapper mapper;
    private final ObjectReader listReader;
    private final ObjectReader mapReader;
    private final ObjectReader objectReader;
    private final String store;

    JsonColumns(JsonMapper mapper, String store) {
        this.mapper = mapper;
        this.listReader = mapper.readerFor(STRING_LIST);
        this.mapReader = mapper.readerFor(STRING_MAP);
        this.objectReader = mapper.readerFor(OBJECT);
        this.store = store;
    }

    String list(List<String> values) {
        return write(values, "list");
    }

    List<String> list(String column, String json) {
        // most label and criteria columns are empty: skip the parser for them (task lists are read on every claim)
        if (json == null || json.isEmpty() || "[]".equals(json)) {
            return List.of();
        }
        return read(column, json, listReader);
    }

    String map(Map<String, String> values) {
        return write(new java.util.TreeMap<>(values), "map");
    }

    Map<String, String> map(String column, String json) {
        if (json == null || json.isEmpty() || "{}".equals(json)) {
            return Map.of();
        }
        return read(column, json, mapReader);
    }

    String recovery(RecoveryInfo info) {
        if (info == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("previous_agent", info.previousAgent().value());
        m.put("previous_progress", info.previousProgress());
        m.put("last_message", info.lastMessage());
        m.put("time_spent_seconds", info.timeSpentSeconds());
        m.put("recovered_at", info.recoveredAt().toString());
        m.put("reason", info.reason());
        return write(m, "recovery_info");
    }

    RecoveryInfo recovery(String column, String json) {
        if (json == null || json.isEmpty()) {
            return null;
        }
        Map<String, Object> m = read(column, json, objectReader);
        try {
            return new RecoveryInfo(
                    new AgentId((String) m.get("previous_agent")),
                    ((Number) m.get("previous_progress")).intValue(),
                    (String) m.getOrDefault("last_message", ""),
                    ((Number) m.get("time_spent_seconds")).longValue(),
                    Instant.parse((String) m.get("recovered_at")),
                    (String) m.get("reason"));
        } catch (RuntimeException e) {
            throw new BackendUnavailableException(store + ": column " + column + " holds a malformed recovery note: " + json, e);
        }
    }

    private String write(Object value, String what) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new BackendUnavailableException(store + ": cannot write " + what + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private <T> T read(String column, String json, ObjectReader reader) {
        try {
            return reader.readValue(json);
        } catch (JacksonException e) {
            throw new BackendUnavailableException(store + ": column " + column + " holds malformed JSON: " + e.getOriginalMessage(), e);
        }
    }
}
