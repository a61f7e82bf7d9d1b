package dev.tollgate.host.proxy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tollgate.db.EntityJson;
import dev.tollgate.host.plugins.ClientResponseState;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Writes what plugins decided about the client's response: exits and header changes. */
final class ExitResponses {
    private ExitResponses() {
    }

    /** Applies the plugins' header changes, in order, on top of what {@code res} carries. */
    static void applyHeaderChanges(ServerResponse res, ClientResponseState state) {
        for (ClientResponseState.HeaderChange c : state.changes()) {
            if (c.value() == null) {
                res.headers().remove(HeaderNames.create(c.name()));
            } else if (c.add()) {
                res.headers().add(HeaderValues.create(HeaderNames.create(c.name()), c.value()));
            } else {
                res.headers().set(HeaderValues.create(HeaderNames.create(c.name()), c.value()));
            }
        }
    }

    /** Sends a plugin's exit: a String body as text, anything else as JSON. */
    static void send(ServerResponse res, ClientResponseState state) {
        Object body = state.exitBody();
        byte[] bytes;
        String type;
        if (body == null) {
            bytes = new byte[0];
            type = null;
        } else if (body instanceof String s) {
            bytes = s.getBytes(StandardCharsets.UTF_8);
            type = "text/plain; charset=utf-8";
        } else if (body instanceof byte[] b) {
            bytes = b;
            type = "application/octet-stream";
        } else {
            bytes = json(body);
            type = "application/json; charset=utf-8";
        }
        res.status(Status.create(state.exitStatus()));
        if (type != null) {
            res.header(HeaderNames.CONTENT_TYPE, type);
        }
        applyHeaderChanges(res, state);
        res.send(bytes);
    }

    private static byte[] json(Object body) {
        if (!(body instanceof Map || body instanceof List || body instanceof Number || body instanceof Boolean)) {
            throw new IllegalArgumentException("exit body: " + body.getClass().getName()
                    + " (expected: String, byte[], Map, List, number or boolean)");
        }
        try {
            return EntityJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("exit body: cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
