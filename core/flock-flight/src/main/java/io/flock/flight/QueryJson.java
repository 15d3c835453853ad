package io.flock.flight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flock.engine.query.QueryState;
import io.flock.engine.query.QueryStats;
import java.nio.charset.StandardCharsets;

/** The JSON documents Flock's actions return. */
final class QueryJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private QueryJson() {
    }

    static byte[] explainAnalyze(QueryStats stats) {
        ObjectNode node = JSON.createObjectNode();
        node.put("queryId", stats.id().value());
        node.put("user", stats.user());
        node.put("database", stats.database());
        node.put("sql", stats.sql());
        node.put("state", stats.state().name());
        node.put("createdAt", stats.createdAt().toString());
        node.put("endedAt", stats.endedAt() == null ? null : stats.endedAt().toString());
        node.put("queuedMillis", stats.queuedMillis());
        node.put("planningMillis", stats.planningMillis());
        node.put("executionMillis", stats.executionMillis());
        node.put("fetchMillis", stats.fetchMillis());
        node.put("rows", stats.rows());
        node.put("bytes", stats.bytes());
        node.put("errorName", stats.errorCode());
        if (stats.errorCode() == null) {
            node.putNull("errorCode");
        } else {
            node.put("errorCode", io.flock.spi.ErrorCode.valueOf(stats.errorCode()).code());
        }
        node.put("errorMessage", stats.errorMessage());
        node.set("profile", profile(stats.profileJson()));
        return bytes(node);
    }

    static byte[] cancelResult(String queryId, QueryState state) {
        ObjectNode node = JSON.createObjectNode();
        node.put("queryId", queryId);
        node.put("state", state.name());
        return bytes(node);
    }

    private static JsonNode profile(String json) {
        if (json == null || json.isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }
}
