package dev.tollgate.commons.llm.transform;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.call.LlmCall;
import dev.tollgate.commons.llm.call.LlmCallException;
import dev.tollgate.commons.llm.call.ModelConfig;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * One configured transformation: sends {@code {system: prompt, user: text}} to the configured
 * LLM and returns its answer's text, cut by the extract pattern. Logs what each call used (model,
 * tokens, latency) with the plugin's logger; the client gets no detail of the LLM's failures
 * beyond their kind, the log gets all of it. Thread-safe.
 */
public final class LlmTransformation {
    static final String TIMED_OUT = "the transformer LLM did not answer in time";
    static final String FAILED = "the transformer LLM failed";
    static final String NO_TEXT = "the transformer LLM's answer has no text";
    static final String NO_MATCH = "the transformer LLM's answer does not match transformation_extract_pattern";
    static final String PATTERN_TOO_SLOW = "transformation_extract_pattern took too long on the transformer LLM's answer";
    /** How long the extract pattern may run on one answer: a pattern that backtracks badly is stopped. */
    private static final Duration PATTERN_BUDGET = Duration.ofSeconds(1);
    private static final int MAX_LOGGED_CHARS = 64 * 1024;

    private final String prompt;
    private final Optional<Pattern> extract;
    private final LlmCall call;
    private final boolean logStatistics;
    private final boolean logPayloads;

    LlmTransformation(String prompt, Optional<Pattern> extract, LlmCall call, boolean logStatistics, boolean logPayloads) {
        this.prompt = prompt;
        this.extract = extract;
        this.call = call;
        this.logStatistics = logStatistics;
        this.logPayloads = logPayloads;
    }

    /** Reads the fields {@link TransformerSchemas#common} declares; vault references resolve from {@code env}. */
    public static LlmTransformation from(PluginConfig config, Function<String, String> env) {
        PluginConfig llm = config.record("llm");
        ModelConfig model = ModelConfig.from(llm.record("model"), llm.record("auth"), "llm.model", "llm.auth", env);
        Duration timeout = Duration.ofMillis(config.integer("http_timeout").orElse(60_000L));
        return new LlmTransformation(config.string("prompt").orElseThrow(),
                config.string("transformation_extract_pattern").map(p -> Pattern.compile(p, TransformerSchemas.PATTERN_FLAGS)),
                new LlmCall(model, timeout, timeout),
                llm.record("logging").bool("log_statistics"), llm.record("logging").bool("log_payloads"));
    }

    /** The model that transforms, as logs name it: provider/model. */
    public String label() {
        return call.label();
    }

    /**
     * Asks the LLM to transform {@code text}.
     *
     * @return the answer's text, or the extract pattern's part of it
     * @throws TransformationException when the LLM failed or its answer cannot be used
     */
    public String apply(String text, System.Logger log) {
        ObjectNode request = Json.object();
        var messages = request.putArray("messages");
        messages.addObject().put("role", "system").put("content", prompt);
        messages.addObject().put("role", "user").put("content", text);
        if (logPayloads) {
            log.log(Level.INFO, "sent to " + call.label() + ": " + brief(text));
        }
        LlmCall.Completion answer;
        try {
            answer = call.chat(request);
        } catch (LlmCallException e) {
            log.log(Level.WARNING, "transformation failed: " + e.getMessage());
            if (e.reason() == LlmCallException.Reason.TIMEOUT) {
                throw new TransformationException(504, TransformationException.TIMEOUT, TIMED_OUT);
            }
            throw new TransformationException(502, TransformationException.LLM_FAILED, FAILED
                    + (e.providerStatus() != 0 ? " (it answered " + e.providerStatus() + ")" : ""));
        }
        if (logStatistics) {
            log.log(Level.INFO, usageLine(answer));
        }
        String out = answer.text();
        if (logPayloads) {
            log.log(Level.INFO, "answer of " + call.label() + ": " + brief(out));
        }
        if (out.isEmpty()) {
            throw TransformationException.unusable(NO_TEXT);
        }
        return extract.isEmpty() ? out : extract(extract.get(), out);
    }

    /** The first capture group of the first match, or the whole match when the pattern has no group. */
    static String extract(Pattern pattern, String answer) {
        Matcher m = pattern.matcher(new Deadline(answer, System.nanoTime() + PATTERN_BUDGET.toNanos()));
        try {
            if (!m.find()) {
                throw TransformationException.unusable(NO_MATCH);
            }
        } catch (Deadline.Exceeded | StackOverflowError e) {
            // java.util.regex recurses once per repetition of some groups: a long answer can overflow
            throw TransformationException.unusable(PATTERN_TOO_SLOW);
        }
        String group = m.groupCount() >= 1 ? m.group(1) : null;
        return group != null ? group : m.group();
    }

    /** One JSON line: what the transformation used, for operators to count and price. */
    private String usageLine(LlmCall.Completion c) {
        ObjectNode line = Json.object();
        ObjectNode u = line.putObject("ai_transformation");
        u.put("provider", label().substring(0, label().indexOf('/')));
        u.put("model", c.model());
        u.put("prompt_tokens", c.usage().promptTokens());
        u.put("completion_tokens", c.usage().completionTokens());
        u.put("total_tokens", c.usage().totalTokens());
        u.put("tokens_counted", c.tokensCounted());
        u.put("latency_ms", c.latencyMillis());
        return Json.string(line);
    }

    private static String brief(String text) {
        return text.length() <= MAX_LOGGED_CHARS ? text : text.substring(0, MAX_LOGGED_CHARS) + "…";
    }

    /**
     * The answer as the matcher reads it, checking the clock every few thousand reads: Java's
     * regex engine cannot be interrupted, and an LLM's answer is text a client may have steered
     * into a pattern's worst case. One matcher's use, not thread-safe.
     */
    private static final class Deadline implements CharSequence {
        static final class Exceeded extends RuntimeException {
            Exceeded() {
                super(null, null, false, false);
            }
        }

        private final String text;
        private final long deadlineNanos;
        private int reads;

        Deadline(String text, long deadlineNanos) {
            this.text = text;
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0xFFF) == 0 && System.nanoTime() > deadlineNanos) {
                throw new Exceeded();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end); // groups are read after matching: no budget needed
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
