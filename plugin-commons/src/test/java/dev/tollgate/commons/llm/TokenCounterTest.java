package dev.tollgate.commons.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class TokenCounterTest {

    @Test
    void countsWithTheModelFamilysEncoding() {
        // Reference counts from OpenAI's tokenizer for these encodings.
        assertThat(TokenCounter.count("gpt-4", "hello world")).isEqualTo(2);
        assertThat(TokenCounter.count("gpt-4o-mini", "hello world")).isEqualTo(2);
        assertThat(TokenCounter.encodingFor("gpt-4o").getName()).isEqualTo("o200k_base");
        assertThat(TokenCounter.encodingFor("gpt-3.5-turbo").getName()).isEqualTo("cl100k_base");
        assertThat(TokenCounter.encodingFor("claude-sonnet-4-5").getName()).isEqualTo("cl100k_base");
        assertThat(TokenCounter.count("gpt-4o", "")).isZero();
    }

    @Test
    void aChatPromptCountsMessagesWithTheirFraming() {
        ObjectNode request = Json.parseObject(("{\"messages\":[{\"role\":\"system\",\"content\":\"You are terse.\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hello world\"}]}]}").getBytes());
        long text = TokenCounter.count("gpt-4o", "system") + TokenCounter.count("gpt-4o", "You are terse.")
                + TokenCounter.count("gpt-4o", "user") + TokenCounter.count("gpt-4o", "hello world");
        assertThat(TokenCounter.countPrompt("gpt-4o", request)).isEqualTo(text + 2 * 3 + 3);
    }

    @Test
    void embeddingInputsAreCountedPerString() {
        ObjectNode request = Json.parseObject("{\"input\":[\"hello world\",\"hello\"]}".getBytes());
        assertThat(TokenCounter.countInput("text-embedding-3-small", request.get("input"))).isEqualTo(3);
    }
}
