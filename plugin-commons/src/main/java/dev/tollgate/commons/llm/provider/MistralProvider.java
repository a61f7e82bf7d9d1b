package dev.tollgate.commons.llm.provider;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.RouteType;

/**
 * Mistral's API (https://api.mistral.ai/v1): OpenAI's format, with a stricter request schema.
 * Mistral answers 422 {@code extra_forbidden} to any field it does not know, so OpenAI-only
 * fields are dropped or renamed ({@code seed} is {@code random_seed}, {@code dimensions} is
 * {@code output_dimension}). A stream reports usage in its last chunk without being asked, and
 * {@code stream_options} is one of the fields Mistral refuses.
 */
public final class MistralProvider extends OpenAiProvider {
    private static final String BASE = "https://api.mistral.ai/v1";
    /** OpenAI request fields with no Mistral counterpart. */
    private static final List<String> OPENAI_ONLY = List.of("stream_options", "user", "store", "metadata",
            "logit_bias", "logprobs", "top_logprobs", "service_tier", "modalities", "audio", "prompt_cache_key",
            "safety_identifier", "web_search_options", "verbosity", "functions", "function_call");
    /** Fields of assistant messages that OpenAI answers carry and Mistral refuses when they come back. */
    private static final List<String> ANSWER_ONLY = List.of("refusal", "audio", "annotations", "reasoning_content");

    @Override
    public String name() {
        return "mistral";
    }

    @Override
    protected String defaultBase(ModelTarget target) {
        return BASE;
    }

    @Override
    protected void adapt(RouteType type, ObjectNode body, boolean stream) {
        body.remove(OPENAI_ONLY);
        if (type == RouteType.EMBEDDINGS) {
            rename(body, "dimensions", "output_dimension");
            return;
        }
        rename(body, "seed", "random_seed");
        rename(body, "max_completion_tokens", "max_tokens");
        for (JsonNode message : body.path("messages")) {
            if (message instanceof ObjectNode m && !"tool".equals(m.path("role").asText())) {
                m.remove("name"); // Mistral takes a name on tool results only
                m.remove(ANSWER_ONLY);
            }
        }
    }

    private static void rename(ObjectNode body, String from, String to) {
        JsonNode value = body.remove(from);
        if (value != null && !body.has(to)) {
            body.set(to, value);
        }
    }

    @Override
    public ObjectNode response(RouteType type, ObjectNode body, ModelTarget target) {
        if (type == RouteType.CHAT) {
            normalize(body, "message");
        }
        return body;
    }

    @Override
    public Optional<ProviderRequest> requestAsIs(RouteType type, byte[] json, ModelTarget target, boolean stream) {
        return Optional.empty(); // every request is adapted
    }

    @Override
    public boolean answersAsIs(RouteType type) {
        return type != RouteType.CHAT; // chat answers are normalized
    }

    @Override
    public StreamTranslator stream(ModelTarget target) {
        return new Passthrough(chunk -> normalize(chunk, "delta"));
    }

    /**
     * Mistral's own finish reason {@code model_length} is OpenAI's {@code length}; reasoning
     * models answer with content parts ({@code thinking}, {@code text}), of which the text is
     * the answer an OpenAI client expects.
     */
    private static void normalize(ObjectNode answer, String messageField) {
        for (JsonNode choice : answer.path("choices")) {
            if (!(choice instanceof ObjectNode c)) {
                continue;
            }
            if ("model_length".equals(c.path("finish_reason").asText())) {
                c.put("finish_reason", "length");
            }
            if (c.get(messageField) instanceof ObjectNode message && message.path("content").isArray()) {
                message.put("content", OpenAiRequests.text(message.get("content")));
            }
        }
    }
}
