package dev.tollgate.plugins.aisanitizer;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import dev.tollgate.sdk.ContextKey;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.llm.ChatMessage;
import dev.tollgate.sdk.llm.ChatRequest;

/**
 * Anonymizes the chat view's messages in access, so ai-proxy sends the sanitized prompt; in
 * placeholder mode keeps the request's mapping in its context and restores the values in the
 * answer (header_filter picks the answer's format, body_filter rewrites it chunk by chunk).
 */
final class AiSanitizerPlugin implements Plugin {
    static final String BLOCKED = "the request contains sensitive data (%s) and was not sent";
    static final String BLOCKED_CODE = "sensitive_data_detected";
    static final String TOO_SLOW = "ai-sanitizer: the custom pattern '%s' took too long on this request, "
            + "which was not sent";
    static final String TOO_SLOW_CODE = "sanitizer_pattern_too_slow";

    /** The request's placeholders: private to this plugin, never stored or logged. */
    private static final ContextKey<Placeholders> PLACEHOLDERS = ContextKey.of("ai-sanitizer.placeholders", Placeholders.class);
    private static final ContextKey<AnswerFilter> ANSWER = ContextKey.of("ai-sanitizer.answer", AnswerFilter.class);

    private static final TextStream IDENTITY = new TextStream() {
        @Override
        public String feed(String piece) {
            return piece;
        }

        @Override
        public String flush() {
            return "";
        }

        @Override
        public boolean idle() {
            return true;
        }
    };

    private final AiSanitizerConfig config;
    private final PiiScanner scanner;
    private final Anonymizer anonymizer;

    AiSanitizerPlugin(AiSanitizerConfig config) {
        this.config = config;
        this.scanner = config.scanner();
        this.anonymizer = config.anonymizer();
    }

    /** Counts what was found, by kind: numbers only, never the data. */
    private static void countFindings(PluginContext ctx, List<List<Finding>> found) {
        java.util.Map<String, Long> byKind = new java.util.TreeMap<>();
        found.forEach(f -> f.forEach(x -> byKind.merge(x.label().toLowerCase(Locale.ROOT), 1L, Long::sum)));
        byKind.forEach((kind, n) -> dev.tollgate.commons.metrics.PluginEvents.sanitizerFound(ctx.services().metrics(), kind, n));
    }

    /** A text of the request to scan, and how to write it back. */
    private record Target(String text, java.util.function.Consumer<String> write) {
    }

    @Override
    public void access(PluginContext ctx) {
        Optional<ChatRequest> chat = ctx.llm().request();
        if (chat.isEmpty()) {
            return; // not a chat request: nothing of ours to scan
        }
        if (config.scanResponse()) {
            ctx.upstreamRequest().removeHeader("accept-encoding"); // a compressed answer could not be scanned
            ctx.put(dev.tollgate.commons.llm.ContentPolicy.ANSWER_SCANNED, Boolean.TRUE);
        }
        List<Target> targets = targets(chat.get());
        List<List<Finding>> found = new ArrayList<>(targets.size());
        TreeSet<String> kinds = new TreeSet<>();
        ReadBudget budget = ReadBudget.forTexts(targets.stream().map(Target::text).toList());
        try {
            for (Target t : targets) {
                List<Finding> f = scanner.scan(t.text(), budget);
                found.add(f);
                f.forEach(x -> kinds.add(x.label().toLowerCase(Locale.ROOT)));
            }
        } catch (CustomPatternDetector.TooSlow e) {
            ctx.response().exit(500, error(TOO_SLOW.formatted(e.pattern), "server_error", TOO_SLOW_CODE));
            return;
        }
        if (kinds.isEmpty()) {
            return;
        }
        countFindings(ctx, found);
        if (config.blockIfDetected()) {
            ctx.response().exit(400, error(BLOCKED.formatted(String.join(", ", kinds)), "invalid_request_error", BLOCKED_CODE));
            return;
        }
        Placeholders placeholders = config.mode() == Mode.PLACEHOLDER
                ? new Placeholders(targets.stream().map(Target::text).toList()) : null;
        for (int i = 0; i < targets.size(); i++) {
            if (!found.get(i).isEmpty()) {
                Target t = targets.get(i);
                t.write().accept(anonymizer.prompt(t.text(), found.get(i), placeholders));
            }
        }
        ctx.log().log(Level.DEBUG, () -> "anonymized " + kinds + " in " + found.stream().filter(f -> !f.isEmpty()).count()
                + " message(s)");
        if (placeholders != null && config.recoverRedacted()) {
            ctx.put(PLACEHOLDERS, placeholders);
            // A compressed answer could not be restored: ask a proxied upstream for plain text.
            ctx.upstreamRequest().removeHeader("accept-encoding");
        }
    }

    /** The messages of the scanned roles, and Anthropic's top-level system prompt when system is scanned. */
    private List<Target> targets(ChatRequest chat) {
        List<Target> targets = new ArrayList<>();
        for (ChatMessage m : chat.messages()) {
            if (config.scanRoles().contains(m.role())) {
                String text = m.content();
                if (!text.isEmpty()) {
                    targets.add(new Target(text, m::setContent));
                }
            }
        }
        if (config.scanRoles().contains("system")) {
            chat.parameter("system").ifPresent(system -> systemTargets(chat, system, targets));
        }
        return targets;
    }

    @SuppressWarnings("unchecked")
    private static void systemTargets(ChatRequest chat, Object system, List<Target> targets) {
        if (system instanceof String s) {
            targets.add(new Target(s, text -> chat.setParameter("system", text)));
        } else if (system instanceof List<?> blocks) {
            for (int i = 0; i < blocks.size(); i++) {
                if (blocks.get(i) instanceof Map<?, ?> b && b.get("text") instanceof String s) {
                    int at = i;
                    targets.add(new Target(s, text -> {
                        List<Object> copy = new ArrayList<>((List<Object>) chat.parameter("system").orElse(blocks));
                        Map<String, Object> block = new LinkedHashMap<>((Map<String, Object>) copy.get(at));
                        block.put("text", text);
                        copy.set(at, block);
                        chat.setParameter("system", copy);
                    }));
                }
            }
        }
    }

    @Override
    public void headerFilter(PluginContext ctx) {
        if (!config.filtersAnswers()) {
            return;
        }
        Optional<Placeholders> placeholders = ctx.get(PLACEHOLDERS);
        if (placeholders.isEmpty() && !config.scanResponse()) {
            return;
        }
        String encoding = header(ctx, "content-encoding").orElse("identity");
        if (!encoding.equalsIgnoreCase("identity")) {
            ctx.log().log(Level.WARNING, "answer is " + encoding + "-encoded: placeholders stay in it");
            return;
        }
        String type = header(ctx, "content-type").orElse("").toLowerCase(Locale.ROOT);
        AnswerFilter.Streams streams = (prose, jsonEscaped) -> streams(placeholders, prose, jsonEscaped);
        if (type.startsWith("text/event-stream")) {
            ctx.put(ANSWER, new SseAnswerFilter(streams));
        } else if (type.contains("json")) {
            ctx.put(ANSWER, new JsonAnswerFilter(streams, ctx.log()));
        }
    }

    /** A header of the answer as the client will get it, else as the upstream sent it. */
    private static Optional<String> header(PluginContext ctx, String name) {
        return ctx.response().header(name).or(() -> ctx.upstreamResponse().header(name));
    }

    /** One text of the answer: scanned first (scan_response, prose only), then restored. */
    private TextStream streams(Optional<Placeholders> placeholders, boolean prose, boolean jsonEscaped) {
        TextStream restore = placeholders.<TextStream>map(p -> new PlaceholderRestorer(p, jsonEscaped))
                .orElse(IDENTITY);
        return config.scanResponse() && prose
                ? new AnswerRedactor(scanner, anonymizer, jsonEscaped).then(restore) : restore;
    }

    @Override
    public byte[] bodyFilter(PluginContext ctx, byte[] chunk, boolean last) {
        Optional<AnswerFilter> filter = ctx.get(ANSWER);
        return filter.isPresent() ? filter.get().filter(chunk, last) : chunk;
    }

    private static Map<String, Object> error(String message, String type, String code) {
        return Map.of("error", Map.of("message", message, "type", type, "code", code));
    }
}
