package dev.tollgate.commons.llm.call;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.RouteType;
import dev.tollgate.commons.llm.TokenCounter;
import dev.tollgate.commons.llm.TokenUsage;
import dev.tollgate.commons.llm.call.LlmCallException.Reason;
import dev.tollgate.commons.llm.call.ProviderClient.Answer;
import dev.tollgate.commons.llm.call.ProviderClient.AttemptFailed;
import dev.tollgate.commons.llm.provider.Provider;
import dev.tollgate.commons.llm.provider.ProviderRequest;
import dev.tollgate.commons.llm.provider.UnsupportedRequestException;

/**
 * A one-shot, non-streamed chat call to one configured model, through the same translation,
 * credential and pooled client as ai-proxy: for plugins that ask an LLM something on the side
 * of a request (transform a body, judge a prompt). No retries and no failover: the caller
 * decides what a failure means for its request. Thread-safe.
 */
public final class LlmCall {
    private final ModelConfig model;
    private final String modelName;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    /**
     * @param model          a model whose name is configured (there is no client to name one)
     * @param connectTimeout the most to wait for a connection
     * @param readTimeout    the most to wait for each read, the answer's start included
     */
    public LlmCall(ModelConfig model, Duration connectTimeout, Duration readTimeout) {
        this.model = requireNonNull(model, "model");
        this.modelName = model.modelName().orElseThrow(() -> new IllegalArgumentException(
                "config." + model.field() + ".name: required field missing"));
        this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout");
        this.readTimeout = requireNonNull(readTimeout, "readTimeout");
    }

    /**
     * The answer of one chat call.
     *
     * @param answer        the OpenAI {@code chat.completion}
     * @param model         the model that answered (the provider's name for it, else the configured one)
     * @param usage         the provider's token counts, else the tokenizer's
     * @param tokensCounted true when the provider reported no usage and the tokens were counted
     * @param latencyMillis from sending the request to the whole answer
     */
    public record Completion(ObjectNode answer, String model, TokenUsage usage, boolean tokensCounted,
                             long latencyMillis) {

        /** The first choice's text; empty when it has none (a tool call). */
        public String text() {
            return text(answer);
        }

        static String text(ObjectNode answer) {
            JsonNode content = answer.path("choices").path(0).path("message").path("content");
            return content.isTextual() ? content.asText() : "";
        }
    }

    /** The configured model, as logs name it. */
    public String label() {
        return model.provider() + "/" + modelName;
    }

    /** The configured model's name. */
    public String modelName() {
        return modelName;
    }

    /**
     * Sends an OpenAI-format chat request — its {@code model} and the configured defaults are
     * set here — and waits for the whole answer.
     *
     * @throws LlmCallException when no usable answer came, saying why
     */
    public Completion chat(ObjectNode request) {
        ObjectNode body = request.deepCopy(); // a provider's translation may change what it is given
        body.put("model", modelName);
        body.remove("stream");
        model.defaults().applyTo(body);
        Provider provider = model.providerApi();
        ProviderRequest pr;
        try {
            pr = model.request(RouteType.CHAT, body, modelName, false);
        } catch (UnsupportedRequestException e) {
            throw new LlmCallException(Reason.UNSUPPORTED, 0, label() + ": " + e.getMessage(), e);
        }
        long start = System.nanoTime();
        Answer answer;
        try {
            answer = ProviderClient.send(pr, connectTimeout, readTimeout);
        } catch (AttemptFailed f) {
            throw failed(f);
        }
        if (answer.status() < 200 || answer.status() > 299) {
            ObjectNode error = ProviderClient.errorOf(answer, provider);
            throw new LlmCallException(Reason.ERROR_STATUS, answer.status(), label() + " answered " + answer.status()
                    + ": " + error.path("error").path("message").asText(""), null);
        }
        ProviderClient.WholeAnswer whole;
        try {
            whole = ProviderClient.readWhole(answer, provider, RouteType.CHAT, model.target(modelName));
        } catch (IllegalArgumentException | UnsupportedRequestException e) {
            throw new LlmCallException(Reason.BAD_ANSWER, 0, label() + " sent an answer that cannot be read: "
                    + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            answer.close();
            throw failed(ProviderClient.classify(pr, e));
        }
        long latency = (System.nanoTime() - start) / 1_000_000;
        ObjectNode openAi = whole.openAi();
        String answeredBy = Optional.ofNullable(openAi.get("model")).filter(JsonNode::isTextual).map(JsonNode::asText)
                .filter(m -> !m.isBlank()).orElse(modelName);
        Optional<TokenUsage> reported = whole.usage();
        TokenUsage usage = reported.orElseGet(() -> new TokenUsage(TokenCounter.countPrompt(answeredBy, request),
                TokenCounter.count(answeredBy, Completion.text(openAi)), 0));
        return new Completion(openAi, answeredBy, usage, reported.isEmpty(), latency);
    }

    private LlmCallException failed(AttemptFailed f) {
        return new LlmCallException(f.kind == CallFailure.TIMEOUT ? Reason.TIMEOUT : Reason.UNREACHABLE, 0,
                label() + ": " + f.getMessage(), f);
    }
}
