package dev.tollgate.plugins.aipromptguard;

import static java.util.Objects.requireNonNull;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.metrics.PluginEvents;
import dev.tollgate.commons.aiprompt.PromptRequests;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.llm.ChatMessage;
import dev.tollgate.sdk.llm.ChatRequest;

/**
 * Checks the prompt against the allow and deny patterns before ai-proxy sends it. It reads the
 * shared chat view, so it checks the request as the template and decorator left it. Refusals
 * say "bad request", as Kong's do, so that clients do not learn the patterns; the log says which
 * pattern refused (never the prompt).
 */
final class AiPromptGuardPlugin implements Plugin {
    // Kong's wording: clients are not told what the guard looks for.
    static final String BAD_REQUEST = "bad request";
    static final String TOO_LONG = "bad request: a message is longer than the %d characters the prompt guard checks";
    static final String TOO_COSTLY = "bad request: checking the prompt against the guard's patterns took too many "
            + "steps (a pattern that backtracks); it was refused unchecked";
    static final String CODE = "prompt_guard";

    private final AiPromptGuardConfig config;

    AiPromptGuardPlugin(AiPromptGuardConfig config) {
        this.config = requireNonNull(config, "config");
    }

    @Override
    public void access(PluginContext ctx) {
        byte[] body = PromptRequests.bodyWithin(ctx, config.maxRequestBodySize(), AiPromptGuardPluginFactory.NAME);
        if (body == null || body.length == 0) {
            return; // refused, or no prompt to check (GET …/models)
        }
        Optional<ChatRequest> chat = ctx.llm().request();
        List<String> prompts;
        if (chat.isPresent()) {
            prompts = prompts(chat.get());
        } else {
            ObjectNode request = parse(body);
            if (request == null || !(request.get("prompt") instanceof JsonNode p && p.isTextual())) {
                // Fail closed: what the guard cannot read, it does not let through.
                PromptRequests.refuse(ctx, 400, request == null ? PromptRequests.NOT_JSON : BAD_REQUEST, CODE);
                PluginEvents.promptBlocked(ctx, "unreadable");
                return;
            }
            prompts = List.of(p.asText()); // a completions request: its one prompt
        }
        for (String p : prompts) {
            if (p.length() > config.maxMessageLength()) {
                PromptRequests.refuse(ctx, 400, String.format(TOO_LONG, config.maxMessageLength()), CODE);
                PluginEvents.promptBlocked(ctx, "too_long");
                return;
            }
        }
        GuardPatterns.Verdict verdict = config.patterns().check(prompts, config.maxRegexSteps());
        switch (verdict.outcome()) {
            case ALLOWED -> { }
            case DENIED -> {
                ctx.log().log(Level.DEBUG, "prompt refused: it matches " + verdict.guard());
                PromptRequests.refuse(ctx, 400, BAD_REQUEST, CODE);
                PluginEvents.promptBlocked(ctx, "denied");
            }
            case NOT_ALLOWED -> {
                ctx.log().log(Level.DEBUG, "prompt refused: it matches none of the allow_patterns");
                PromptRequests.refuse(ctx, 400, BAD_REQUEST, CODE);
                PluginEvents.promptBlocked(ctx, "not_allowed");
            }
            case TOO_COSTLY -> {
                ctx.log().log(Level.WARNING, "prompt refused unchecked: " + verdict.guard() + " needed more than "
                        + config.maxRegexSteps() + " steps (max_regex_steps); a pattern that backtracks should be "
                        + "rewritten");
                PromptRequests.refuse(ctx, 400, TOO_COSTLY, CODE);
                PluginEvents.promptBlocked(ctx, "too_costly");
            }
        }
    }

    /** The texts to check: every user message, or only the latest, or every message of any role. */
    private List<String> prompts(ChatRequest chat) {
        List<ChatMessage> messages = chat.messages();
        List<String> out = new ArrayList<>();
        if (config.latestOnly()) {
            for (int i = messages.size() - 1; i >= 0; i--) {
                if (messages.get(i).role().equals("user")) {
                    out.add(messages.get(i).content());
                    break;
                }
            }
            return out;
        }
        if (config.matchAllRoles()) {
            // An Anthropic request carries its system prompt beside the messages.
            chat.parameter("system").ifPresent(s -> out.add(systemText(s)));
        }
        for (ChatMessage m : messages) {
            if (config.matchAllRoles() || m.role().equals("user")) {
                out.add(m.content());
            }
        }
        return out;
    }

    /** Anthropic's system prompt: a string, or text blocks. */
    private static String systemText(Object system) {
        if (system instanceof List<?> blocks) {
            StringBuilder sb = new StringBuilder();
            for (Object b : blocks) {
                if (b instanceof java.util.Map<?, ?> block && block.get("text") instanceof String text) {
                    sb.append(sb.isEmpty() ? "" : "\n").append(text);
                }
            }
            return sb.toString();
        }
        return String.valueOf(system);
    }

    private static ObjectNode parse(byte[] body) {
        try {
            return Json.parseObject(body);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return AiPromptGuardPluginFactory.NAME + "{allow_patterns=" + config.allowPatterns().size() + ", deny_patterns="
                + config.denyPatterns().size() + ", allow_all_conversation_history=" + config.latestOnly()
                + ", match_all_roles=" + config.matchAllRoles() + "}";
    }
}
