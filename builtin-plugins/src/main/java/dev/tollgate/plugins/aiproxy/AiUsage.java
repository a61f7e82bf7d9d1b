package dev.tollgate.plugins.aiproxy;

import java.util.Optional;
import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.RouteType;
import dev.tollgate.commons.llm.TokenCounter;
import dev.tollgate.commons.llm.TokenUsage;
import dev.tollgate.sdk.llm.LlmUsage;

/**
 * What one request's LLM call used and how long it took: the provider's token counts when it
 * gives them, otherwise a count of the prompt and of the answer's text with the tokenizer; time
 * to first token and time per output token from the stream's chunks. Used by one request at a
 * time.
 */
final class AiUsage {
    private final long startNanos;
    private final Optional<String> requestedModel;
    private final RouteType type;
    private final ObjectNode request;
    private String provider = "";
    private String model = "";
    private TokenUsage reported;
    private final StringBuilder answerText = new StringBuilder();
    private long firstTokenNanos;
    private long lastTokenNanos;
    private long endNanos;
    private String responseId;
    private final java.util.List<String> finishReasons = new java.util.ArrayList<>(1);

    AiUsage(long startNanos, Optional<String> requestedModel, RouteType type, ObjectNode request) {
        this.startNanos = startNanos;
        this.requestedModel = requestedModel;
        this.type = type;
        this.request = request;
    }

    /** The target now being tried. */
    void target(String provider, String model) {
        this.provider = provider;
        this.model = model;
    }

    /** The longest model name the proxy takes from a client or a provider. */
    static final int MAX_MODEL_NAME = 256;

    /** True for a name that can label metrics and travel in a header: short, no control characters. */
    static boolean isModelName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_MODEL_NAME) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** The model the provider says answered, when it names one that is a model name (else the one tried stays). */
    void answeredBy(String model) {
        if (model != null && !model.isBlank() && isModelName(model)) {
            this.model = model;
        }
    }

    void reported(Optional<TokenUsage> usage) {
        usage.ifPresent(u -> reported = u);
    }

    /** A streamed chunk went to the client: its text counts, its time marks the tokens' pace. */
    void chunk(ObjectNode chunk) {
        boolean text = false;
        identify(chunk);
        for (JsonNode choice : chunk.path("choices")) {
            finished(choice);
            JsonNode delta = choice.path("delta");
            if (delta.hasNonNull("content") && !delta.get("content").asText().isEmpty()) {
                answerText.append(delta.get("content").asText());
                text = true;
            }
            for (JsonNode call : delta.path("tool_calls")) {
                answerText.append(call.path("function").path("name").asText(""));
                answerText.append(call.path("function").path("arguments").asText(""));
                text = true;
            }
        }
        if (text) {
            long now = System.nanoTime();
            if (firstTokenNanos == 0) {
                firstTokenNanos = now;
            }
            lastTokenNanos = now;
        }
    }

    /** A whole (non-streamed) OpenAI answer arrived. */
    void answer(ObjectNode completion) {
        long now = System.nanoTime();
        firstTokenNanos = now;
        lastTokenNanos = now;
        identify(completion);
        for (JsonNode choice : completion.path("choices")) {
            finished(choice);
            JsonNode message = choice.path("message");
            answerText.append(message.path("content").asText(""));
            for (JsonNode call : message.path("tool_calls")) {
                answerText.append(call.path("function").path("name").asText(""));
                answerText.append(call.path("function").path("arguments").asText(""));
            }
        }
    }

    private void identify(JsonNode answer) {
        if (responseId == null && answer.path("id").isTextual()) {
            responseId = answer.get("id").asText();
        }
    }

    private void finished(JsonNode choice) {
        JsonNode reason = choice.path("finish_reason");
        if (reason.isTextual() && finishReasons.size() < 16) {
            finishReasons.add(reason.asText());
        }
    }

    void end() {
        if (endNanos == 0) {
            endNanos = System.nanoTime();
        }
    }

    /** The counts: the provider's, else the tokenizer's. */
    TokenUsage tokens() {
        if (reported != null) {
            return reported;
        }
        String m = model.isEmpty() ? requestedModel.orElse("") : model;
        long prompt = switch (type) {
            case EMBEDDINGS -> TokenCounter.countInput(m, request.get("input"));
            default -> request.has("messages") ? TokenCounter.countPrompt(m, request) : 0;
        };
        return new TokenUsage(prompt, TokenCounter.count(m, answerText.toString()), 0);
    }

    boolean counted() {
        return reported == null;
    }

    LlmUsage toLlmUsage(int status) {
        end();
        TokenUsage t = tokens();
        long latency = (endNanos - startNanos) / 1_000_000;
        long ttft = firstTokenNanos == 0 ? -1 : (firstTokenNanos - startNanos) / 1_000_000;
        double tpot = firstTokenNanos == 0 || t.completionTokens() < 2 || lastTokenNanos == firstTokenNanos ? -1
                : (lastTokenNanos - firstTokenNanos) / 1e6 / (t.completionTokens() - 1);
        return base(status).promptTokens(t.promptTokens()).completionTokens(t.completionTokens())
                .cachedPromptTokens(t.cachedPromptTokens()).reasoningTokens(t.reasoningTokens()).tokensCounted(counted())
                .latencyMillis(latency).timeToFirstTokenMillis(ttft).timePerOutputTokenMillis(tpot)
                .responseId(responseId).finishReasons(finishReasons).build();
    }

    /** The model tried or answering. */
    String model() {
        return model;
    }

    /** A call that ended in an error: the provider billed nothing. */
    LlmUsage failed(int status) {
        end();
        return base(status).latencyMillis((endNanos - startNanos) / 1_000_000).build();
    }

    private LlmUsage.Builder base(int status) {
        return LlmUsage.builder().provider(provider).requestedModel(requestedModel.orElse(null)).model(model)
                .routeType(type.configName()).status(status);
    }

    /** OpenAI's {@code usage} object for counts. */
    static ObjectNode openAiUsage(TokenUsage u) {
        ObjectNode o = Json.object();
        o.put("prompt_tokens", u.promptTokens());
        o.put("completion_tokens", u.completionTokens());
        o.put("total_tokens", u.totalTokens());
        if (u.cachedPromptTokens() > 0) {
            o.putObject("prompt_tokens_details").put("cached_tokens", u.cachedPromptTokens());
        }
        if (u.reasoningTokens() > 0) {
            o.putObject("completion_tokens_details").put("reasoning_tokens", u.reasoningTokens());
        }
        return o;
    }
}
