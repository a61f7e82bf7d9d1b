package dev.tollgate.trial;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.SchemaViolationException;
import dev.tollgate.sdk.llm.ChatMessage;
import dev.tollgate.sdk.llm.ChatRequest;
import dev.tollgate.sdk.testkit.FakePluginContext;
import dev.tollgate.sdk.testkit.SimpleChatRequest;

/**
 * Runs a plugin's phases on one made-up request, as the gateway would run them: its config
 * validated by its schema, then rewrite and access; when it answers the request itself,
 * header_filter and log; else response, header_filter, body_filter (the upstream's body as one
 * chunk) and log. The context is the SDK test kit's, in memory: nothing leaves the machine, no
 * counter or cache of a gateway is touched. Behind {@code ./tollgate plugin test} and the Admin
 * API's {@code POST /script-plugins/test-run}.
 */
public final class PluginTrial {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PluginTrial() {
    }

    /** Creates the plugin from {@code factory} with {@code config} (its config fields) and runs it on {@code request}. */
    public static TrialReport run(PluginFactory factory, TrialRequest request, Map<String, Object> config) {
        List<TrialReport.PhaseTime> times = new ArrayList<>();
        Plugin plugin;
        try {
            plugin = factory.create(factory.configSchema().validate(config));
        } catch (SchemaViolationException e) {
            return TrialReport.failed("config: " + e.errors());
        } catch (RuntimeException e) {
            return TrialReport.failed("create: " + e.getMessage());
        }
        return run(factory.phases(), plugin, request, times);
    }

    private static TrialReport run(Set<Phase> declared, Plugin plugin, TrialRequest r, List<TrialReport.PhaseTime> times) {
        SimpleChatRequest chat = chatOf(r.body());
        FakePluginContext.Builder b = FakePluginContext.builder().method(r.method()).path(r.path()).rawQuery(r.query())
                .body(r.body()).upstreamBody(r.upstreamBody()).chat(chat);
        r.headers().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        Map<String, String> upstreamHeaders = new LinkedHashMap<>();
        r.upstreamHeaders().forEach((name, values) -> upstreamHeaders.put(name, String.join(", ", values)));
        b.upstreamResponse(r.upstreamStatus(), upstreamHeaders);
        ConsumerInfo consumer = r.consumer() == null ? null : ConsumerInfo.builder("consumer-trial").username(r.consumer()).build();
        if (consumer != null) {
            b.consumer(consumer);
        }
        FakePluginContext ctx = b.build();
        if (consumer != null) {
            ctx.in(Phase.ACCESS).identity().authenticate(consumer, null);
        }
        String error = null;
        String exitedIn = null;
        byte[] body = null;
        try {
            for (Phase p : List.of(Phase.REWRITE, Phase.ACCESS)) {
                call(declared, p, times, () -> phase(plugin, ctx.in(p)));
                if (ctx.exitStatus() != 0) {
                    exitedIn = name(p);
                    break;
                }
            }
            if (exitedIn == null) {
                call(declared, Phase.RESPONSE, times, () -> plugin.response(ctx.in(Phase.RESPONSE)));
            }
            call(declared, Phase.HEADER_FILTER, times, () -> plugin.headerFilter(ctx.in(Phase.HEADER_FILTER)));
            if (exitedIn == null) {
                byte[] whole = ctx.responseBody() != null ? ctx.responseBody() : r.upstreamBody().getBytes(StandardCharsets.UTF_8);
                byte[][] filtered = {whole};
                call(declared, Phase.BODY_FILTER, times, () -> filtered[0] = plugin.bodyFilter(ctx.in(Phase.BODY_FILTER), whole, true));
                body = filtered[0];
            }
        } catch (PhaseFailed e) {
            error = e.getMessage();
        }
        String logError = null;
        try {
            // As in the gateway: the log phase runs whatever happened before, once the client has its answer.
            call(declared, Phase.LOG, times, () -> plugin.log(ctx.in(Phase.LOG)));
        } catch (PhaseFailed e) {
            logError = e.getMessage().replace("(the client would get a 500)", "(the client already has its answer; the gateway logs this)");
        }
        Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
        int status;
        if (error != null) {
            status = 500;
            body = "{\"message\":\"An unexpected error occurred\"}".getBytes(StandardCharsets.UTF_8);
        } else if (exitedIn != null) {
            status = ctx.exitStatus();
            body = exitBody(ctx.exitBody());
        } else {
            status = ctx.responseStatus() != 0 ? ctx.responseStatus() : r.upstreamStatus();
            responseHeaders.putAll(r.upstreamHeaders());
        }
        if (error == null) {
            responseHeaders.putAll(ctx.responseHeaders());
        }
        ctx.in(Phase.ACCESS); // the upstream request is readable in the request phases only
        byte[] upstreamBody = chat != null && chat.changed() ? chatBody(r.body(), chat) : ctx.upstreamBody();
        return new TrialReport(times, exitedIn, ctx.upstreamMethod(), ctx.upstreamRequest().path(), ctx.upstreamRequest().rawQuery(),
                ctx.upstreamHeaders(), upstreamBody, status, responseHeaders, body, List.of(), ctx.logLines(),
                error != null && logError != null ? error + "\n" + logError : error != null ? error : logError);
    }

    private static void phase(Plugin plugin, FakePluginContext ctx) {
        if (ctx.phase() == Phase.REWRITE) {
            plugin.rewrite(ctx);
        } else {
            plugin.access(ctx);
        }
    }

    /** Runs one phase if the plugin declares it, timing it; a throw ends the trial as the gateway's 500. */
    private static void call(Set<Phase> declared, Phase p, List<TrialReport.PhaseTime> times, Runnable call) {
        if (!declared.contains(p)) {
            return;
        }
        long start = System.nanoTime();
        try {
            call.run();
        } catch (RuntimeException e) {
            times.add(new TrialReport.PhaseTime(name(p), (System.nanoTime() - start) / 1e6));
            throw new PhaseFailed(name(p) + " failed (the client would get a 500): " + e.getMessage());
        }
        times.add(new TrialReport.PhaseTime(name(p), (System.nanoTime() - start) / 1e6));
    }

    private static String name(Phase p) {
        return p.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static final class PhaseFailed extends RuntimeException {
        PhaseFailed(String message) {
            super(message, null, false, false);
        }
    }

    /** The body's chat view, as the gateway parses it: a JSON object with a {@code messages} array; else null. */
    private static SimpleChatRequest chatOf(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (Exception notJson) {
            return null;
        }
        if (root == null || !root.isObject() || !root.path("messages").isArray()) {
            return null;
        }
        SimpleChatRequest chat = new SimpleChatRequest(root.hasNonNull("model") ? root.get("model").asText() : null);
        for (JsonNode m : root.get("messages")) {
            chat.message(m.path("role").asText("user"), m.path("content").asText(""));
        }
        root.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("model") && !e.getKey().equals("messages")) {
                chat.with(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
            }
        });
        return chat;
    }

    /** The chat request as the gateway would write it again after a plugin changed it. */
    private static byte[] chatBody(String original, ChatRequest chat) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(original);
            chat.model().ifPresentOrElse(m -> root.put("model", m), () -> root.remove("model"));
            var messages = root.putArray("messages");
            for (ChatMessage m : chat.messages()) {
                messages.addObject().put("role", m.role()).put("content", m.content());
            }
            return JSON.writeValueAsBytes(root); // compact, as the gateway writes it
        } catch (Exception e) {
            return original.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static byte[] exitBody(Object body) {
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        if (body instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (Exception e) {
            return String.valueOf(body).getBytes(StandardCharsets.UTF_8);
        }
    }
}
