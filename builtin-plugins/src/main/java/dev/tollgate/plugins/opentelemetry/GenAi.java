package dev.tollgate.plugins.opentelemetry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.sdk.llm.ChatMessage;
import dev.tollgate.sdk.llm.ChatRequest;

/**
 * The OpenTelemetry GenAI semantic conventions' names for what Tollgate knows of an LLM call:
 * the operation, the provider's registry name, and the messages in the conventions' JSON shape
 * ({@code [{"role":…,"parts":[{"type":"text","content":…}]}]}).
 */
final class GenAi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> PROVIDERS = Map.of(
            "openai", "openai", "anthropic", "anthropic", "azure", "azure.ai.openai", "gemini", "gcp.gemini",
            "vertex", "gcp.vertex_ai", "mistral", "mistral_ai", "bedrock", "aws.bedrock", "cohere", "cohere",
            "ollama", "ollama", "huggingface", "huggingface");

    private GenAi() {
    }

    /** {@code chat}, {@code embeddings} or {@code text_completion}, from Tollgate's route type. */
    static String operation(String routeType) {
        return switch (routeType) {
            case "llm/v1/embeddings" -> "embeddings";
            case "llm/v1/completions" -> "text_completion";
            default -> "chat";
        };
    }

    /** The provider's name in the conventions' registry; others as configured. */
    static String provider(String configured) {
        return PROVIDERS.getOrDefault(configured, configured);
    }

    /** The request's messages, as sent upstream; their text cut at {@link RequestTrace#MAX_CAPTURE} characters in all. */
    static String inputMessages(ChatRequest chat) {
        ArrayNode out = JSON.createArrayNode();
        int room = RequestTrace.MAX_CAPTURE;
        for (ChatMessage m : chat.messages()) {
            String content = m.content() == null ? "" : m.content();
            if (content.length() > room) {
                content = content.substring(0, Math.max(0, room)) + "…";
            }
            room -= content.length();
            ObjectNode msg = out.addObject().put("role", Spans.cut(m.role(), Spans.MAX_NAME));
            msg.putArray("parts").addObject().put("type", "text").put("content", content);
            if (room <= 0) {
                break;
            }
        }
        return out.toString();
    }

    /**
     * The answer's messages from its body as captured: a whole chat completion, or an event stream
     * whose deltas are joined. Null when the body is neither.
     */
    static String outputMessages(byte[] body, List<String> finishReasons) {
        String text = new String(body, StandardCharsets.UTF_8);
        List<StringBuilder> contents = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        try {
            if (text.stripLeading().startsWith("{")) {
                for (JsonNode choice : JSON.readTree(text).path("choices")) {
                    roles.add(choice.path("message").path("role").asText("assistant"));
                    contents.add(new StringBuilder(choice.path("message").path("content").asText("")));
                }
            } else {
                for (String line : text.split("\n")) {
                    if (!line.startsWith("data:") || line.contains("[DONE]")) {
                        continue;
                    }
                    JsonNode chunk = JSON.readTree(line.substring(5).trim());
                    for (JsonNode choice : chunk.path("choices")) {
                        int i = choice.path("index").asInt(0);
                        while (contents.size() <= i && contents.size() < 16) {
                            contents.add(new StringBuilder());
                            roles.add("assistant");
                        }
                        if (i < contents.size()) {
                            contents.get(i).append(choice.path("delta").path("content").asText(""));
                        }
                    }
                }
            }
        } catch (Exception e) {
            // cut off at the capture limit, or not JSON: what was read so far
        }
        if (contents.isEmpty()) {
            return null;
        }
        ArrayNode out = JSON.createArrayNode();
        for (int i = 0; i < contents.size(); i++) {
            ObjectNode msg = out.addObject().put("role", roles.get(i));
            msg.putArray("parts").addObject().put("type", "text").put("content", contents.get(i).toString());
            if (i < finishReasons.size()) {
                msg.put("finish_reason", finishReasons.get(i));
            }
        }
        return out.toString();
    }
}
