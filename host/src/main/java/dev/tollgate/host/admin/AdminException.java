package dev.tollgate.host.admin;

import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An Admin API answer other than success, in Kong's error shape. */
public final class AdminException extends RuntimeException {
    private final int status;
    private final transient ObjectNode body;

    private AdminException(int status, ObjectNode body) {
        super(body.path("message").asText(), null, false, false);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public ObjectNode body() {
        return body;
    }

    /** 400 with one message per field: {"code":2,"name":"schema violation","fields":{...}}. */
    public static AdminException schema(Map<String, String> fields) {
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        StringBuilder summary = new StringBuilder();
        ObjectNode f = b.objectNode();
        fields.forEach((k, v) -> {
            f.put(k, v);
            summary.append(summary.isEmpty() ? "" : ", ").append(k).append(": ").append(v);
        });
        b.put("code", 2).put("name", "schema violation")
                .put("message", (fields.size() == 1 ? "schema violation (" : fields.size() + " schema violations (") + summary + ")");
        b.set("fields", f);
        return new AdminException(400, b);
    }

    public static AdminException schema(String field, String message) {
        return schema(Map.of(field, message));
    }

    /** 400 for a body that is not what the API reads at all (bad JSON, wrong content type). */
    public static AdminException badRequest(String message) {
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        b.put("code", 1).put("name", "bad request").put("message", message);
        return new AdminException(400, b);
    }

    public static AdminException notFound() {
        return new AdminException(404, JsonNodeFactory.instance.objectNode().put("message", "Not found"));
    }

    public static AdminException conflict(String message, Map<String, Object> fields) {
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        b.put("code", 5).put("name", "unique constraint violation").put("message", message);
        ObjectNode f = b.putObject("fields");
        fields.forEach((k, v) -> f.putPOJO(k, v));
        return new AdminException(409, b);
    }

    public static AdminException foreignKey(String field, String message) {
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        b.put("code", 4).put("name", "foreign key violation").put("message", message);
        if (field != null) {
            b.putObject("fields").put(field, message);
        }
        return new AdminException(400, b);
    }

    public static AdminException of(int status, String message) {
        return new AdminException(status, JsonNodeFactory.instance.objectNode().put("message", message));
    }
}
