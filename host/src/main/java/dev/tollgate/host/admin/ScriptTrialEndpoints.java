package dev.tollgate.host.admin;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.db.EntityJson;
import dev.tollgate.host.plugins.StoredScripts;
import dev.tollgate.sdk.spi.PluginLoadException;
import dev.tollgate.trial.TrialReport;
import dev.tollgate.trial.TrialRequest;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code POST /script-plugins/test-run}: compiles a script without storing or deploying it and
 * runs its phases on a sample request, in memory (the request, and the upstream's answer, are
 * made up: nothing is sent anywhere). Answers what the script would send upstream, what the
 * client would get, its log lines and each phase's time. A script that does not compile is a
 * {@code 400} on {@code source}, as when saving it.
 */
final class ScriptTrialEndpoints {
    private final StoredScripts scripts;

    ScriptTrialEndpoints(StoredScripts scripts) {
        this.scripts = scripts;
    }

    void register(HttpRules r) {
        r.post("/script-plugins/test-run", this::run);
        r.any("/script-plugins/test-run", AdminRoutes::methodNotAllowed);
    }

    private void run(ServerRequest req, ServerResponse res) {
        RequestBodies.Body body = RequestBodies.read(req);
        FieldReader f = new FieldReader(body.node(), body.form());
        JsonNode in = body.node();
        String source = in.path("source").isTextual() ? in.get("source").asText() : null;
        if (source == null) {
            f.error("source", in.has("source") ? "expected a string (the ES module)" : "required field missing");
        } else if (source.length() > ScriptPluginCodec.MAX_SOURCE) {
            f.error("source", "length " + source.length() + " is too long (expected: <= " + ScriptPluginCodec.MAX_SOURCE + ")");
        }
        JsonNode config = in.path("config");
        if (!config.isMissingNode() && !config.isNull() && !config.isObject()) {
            f.error("config", "expected an object: the plugin's config fields");
        }
        TrialRequest request = TrialRequest.sample();
        JsonNode sample = in.path("request");
        if (!sample.isMissingNode() && !sample.isNull()) {
            try {
                request = TrialRequest.parse(sample.toString());
            } catch (IllegalArgumentException e) {
                f.error("request", e.getMessage());
            }
        }
        f.throwIfInvalid();
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = config.isObject() ? EntityJson.mapper().convertValue(config, Map.class) : Map.of();
        TrialReport report;
        try {
            report = scripts.trial(ScriptPluginCodec.exportedName(source), source, settings, request);
        } catch (PluginLoadException e) {
            throw AdminException.schema("source", e.getMessage());
        } catch (IllegalStateException e) {
            throw AdminException.of(503, e.getMessage());
        }
        AdminRoutes.send(res, 200, json(report));
    }

    private static ObjectNode json(TrialReport r) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode phases = out.putArray("phases");
        r.phases().forEach(p -> phases.addObject().put("phase", p.phase()).put("ms", Math.round(p.millis() * 1000) / 1000.0));
        out.put("exited_in", r.exitedIn());
        if (r.status() != 0 && r.exitedIn() == null) {
            ObjectNode up = out.putObject("upstream_request");
            up.put("method", r.upstreamMethod()).put("path", r.upstreamPath()).put("query", r.upstreamQuery());
            up.set("headers", headers(r.upstreamHeaders()));
            up.put("body", text(r.upstreamBody()));
        } else {
            out.putNull("upstream_request");
        }
        if (r.status() != 0) {
            ObjectNode resp = out.putObject("response");
            resp.put("status", r.status());
            resp.set("headers", headers(r.responseHeaders()));
            resp.put("body", text(r.responseBody()));
        } else {
            out.putNull("response");
        }
        out.set("log", lines(r.log()));
        out.set("console", lines(r.console()));
        out.put("error", r.error());
        return out;
    }

    /** At most {@value #MAX_LINES} lines and {@value #MAX_LINE_BYTES} characters of them; a last line says what was left out. */
    private static ArrayNode lines(List<String> all) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        long chars = 0;
        int shown = 0;
        for (String line : all) {
            if (shown == MAX_LINES || chars + line.length() > MAX_LINE_BYTES) {
                break;
            }
            out.add(line);
            chars += line.length();
            shown++;
        }
        if (shown < all.size()) {
            out.add("… " + (all.size() - shown) + " more lines not shown");
        }
        return out;
    }

    static final int MAX_LINES = 1_000;
    static final int MAX_LINE_BYTES = 256 * 1024;

    private static ObjectNode headers(Map<String, List<String>> headers) {
        ObjectNode h = JsonNodeFactory.instance.objectNode();
        headers.forEach((k, v) -> h.set(k, EntityJson.mapper().valueToTree(v)));
        return h;
    }

    private static String text(byte[] b) {
        return b == null ? "" : new String(b, StandardCharsets.UTF_8);
    }
}
