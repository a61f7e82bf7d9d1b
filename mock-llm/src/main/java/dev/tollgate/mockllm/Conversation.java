package dev.tollgate.mockllm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.mockllm.ContentGenerator.Completion;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A chat request as the mock reads it, whichever provider's shape it came in. Each provider's
 * handler reads its own shape into this, so that answers and token counts are made one way for all.
 *
 * @param promptTokens words of every message text and of the system prompt, plus
 *                     {@value ContentGenerator#TOKENS_PER_MESSAGE} per message
 * @param lastUserText the text of the last user message, which the answer quotes
 */
record Conversation(int promptTokens, String lastUserText) {

    /** Reads OpenAI-, Anthropic- and Ollama-style messages: a role, and content as a string or blocks. */
    static Conversation ofMessages(JsonNode messages, String system) {
        List<String> texts = new ArrayList<>(messages.size());
        String lastUserText = "";
        for (JsonNode message : messages) {
            String text = ContentGenerator.text(message.get("content"));
            texts.add(text);
            if ("user".equals(message.path("role").asText())) {
                lastUserText = text;
            }
        }
        return new Conversation(ContentGenerator.promptTokens(texts, system), lastUserText);
    }

    /** The text answer: see {@link ContentGenerator#complete}. */
    Completion answer(OptionalInt wantedWords, OptionalInt maxWords) {
        return ContentGenerator.complete(lastUserText, wantedWords, maxWords);
    }
}
