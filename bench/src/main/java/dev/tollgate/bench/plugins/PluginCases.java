package dev.tollgate.bench.plugins;

import java.util.List;

import dev.tollgate.sdk.Phase;

/**
 * The plugins {@code ./tollgate bench plugins} measures, one line each. To add a plugin:
 * {@code PluginCase.of("my-plugin", "{...config as for the Admin API...}")}, with the phases it
 * implements when it has more than access ({@code Phase.ACCESS, Phase.HEADER_FILTER, Phase.LOG}),
 * and {@code .withBody(json)} when it works on something other than the 2 KB chat prompt. The
 * bench refuses to time a case whose plugin does not let the request through (or, with
 * {@code .refusing(status)}, does not refuse it with that status).
 */
final class PluginCases {
    /** Kong's "allow and deny" example configuration. */
    private static final String KONG_GUARD = """
            {"allow_patterns": ["(?i).*what is .*", "(?i).*how do i .*", "(?i).*install .*", "(?i).*configure .*",
                                "(?i).*reset .*", "(?i).*troubleshoot .*"],
             "deny_patterns": ["(?i).*bypass.*(login|password|auth).*", "(?i).*hack.*", "(?i).*phish.*",
                               "(?i).*malware.*", "(?i).*cve.*", "(?i).*exploit.*", "(?i).*social engineering.*",
                               "(?i).*pentest.*", "(?i).*impersonate.*", "(?i).*dating.*"]}""";

    private static final String HELP_DESK_TEMPLATE = """
            {"templates": [{"name": "help-desk", "template": "{\\"messages\\": [{\\"role\\": \\"system\\", \\"content\\": \\"You are the help-desk assistant of Acme Cloud. Answer questions about {{product}} in plain English, in at most three short paragraphs.\\"}, {\\"role\\": \\"user\\", \\"content\\": \\"{{question}}\\"}]}"}]}""";

    /** Stands for the base URL of the mock LLM the bench starts for plugins that call an LLM. */
    static final String MOCK = "{{mock}}";
    /** Stands for the OTLP endpoint of the stand-in collector the bench starts for opentelemetry. */
    static final String OTLP = "{{otlp}}";

    private static final String MOCK_LLM = "\"llm\": {\"model\": {\"provider\": \"openai\", \"name\": \"gpt-4o-mini\", "
            + "\"options\": {\"upstream_url\": \"{{mock}}/v1/chat/completions\"}}}";

    static final List<PluginCase> ALL = List.of(
            PluginCase.of("ai-prompt-template", HELP_DESK_TEMPLATE).withBody(templateRequest()),
            PluginCase.of("ai-prompt-decorator", """
                    {"prompts": {"prepend": [{"role": "system", "content": "Answer as Acme Cloud's help desk."}],
                                 "append": [{"role": "user", "content": "Reply in at most 120 words."}]}}"""),
            PluginCase.of("ai-prompt-guard", KONG_GUARD).labelled("ai-prompt-guard (Kong's 16 patterns, all messages)"),
            PluginCase.of("ai-prompt-guard", KONG_GUARD.replaceFirst("\\{", "{\"allow_all_conversation_history\": true, "))
                    .labelled("ai-prompt-guard (Kong's 16 patterns, latest message)"),
            PluginCase.of("ai-rate-limiting", """
                    {"limits": [{"window": "minute", "limit": 1e12, "type": "tokens"},
                                {"window": "month", "limit": 1e9, "type": "cost"}]}""", Phase.ACCESS, Phase.LOG)
                    .labelled("ai-rate-limiting (tokens per minute + monthly budget, local)"),
            PluginCase.of("ai-response-cache", "{\"strategy\": \"memory\"}")
                    .labelled("ai-response-cache (hit, memory; key, lookup and replay)"),
            PluginCase.of("ai-sanitizer", "{}", Phase.ACCESS, Phase.HEADER_FILTER, Phase.BODY_FILTER)
                    .labelled("ai-sanitizer (every detector, user messages)"),
            PluginCase.of("ai-sanitizer", """
                    {"scan_roles": ["system", "user", "assistant"]}""", Phase.ACCESS, Phase.HEADER_FILTER,
                    Phase.BODY_FILTER).labelled("ai-sanitizer (every detector, every message)"),
            // The mock answers "Mock response to: " and the first 12 words of what it was sent; a
            // body without spaces is one word, so the answer holds the whole body, and the pattern
            // takes it back out: the plugin's own work plus one LLM call over loopback.
            PluginCase.of("ai-request-transformer", "{\"prompt\": \"Rewrite the request.\", "
                    + "\"transformation_extract_pattern\": \"(\\\\{.*\\\\})\", \"max_request_body_size\": 65536, " + MOCK_LLM + "}")
                    .withBody(ChatPrompt.json().replace(' ', '_'))
                    .labelled("ai-request-transformer (one call to the mock LLM on loopback)"),
            PluginCase.of("ai-response-transformer", "{\"prompt\": \"Summarize the answer.\", " + MOCK_LLM + "}",
                    Phase.RESPONSE).labelled("ai-response-transformer (one call to the mock LLM on loopback)"),
            PluginCase.of("prometheus", """
                    {"per_consumer": true, "status_code_metrics": true, "latency_metrics": true,
                     "bandwidth_metrics": true, "ai_metrics": true}""", Phase.LOG)
                    .labelled("prometheus (every family, into the node's registry)"),
            PluginCase.of("opentelemetry", "{\"traces_endpoint\": \"" + OTLP + "\", \"sampling_rate\": 1.0}",
                    Phase.ACCESS, Phase.HEADER_FILTER, Phase.LOG)
                    .labelled("opentelemetry (sampling 1.0: 8 spans built and queued; exported to a loopback sink)"));

    private PluginCases() {
    }

    /** The 2 KB question as a template reference: the template plugin's request. */
    private static String templateRequest() {
        var body = ChatPrompt.JSON.createObjectNode().put("model", ChatPrompt.MODEL).put("messages", "{template://help-desk}");
        body.putObject("properties").put("product", "the managed PostgreSQL add-on").put("question", ChatPrompt.QUESTION);
        return body.toString();
    }
}
