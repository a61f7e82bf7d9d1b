package dev.tollgate.mockllm;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.mockllm.ToolCalls.Choice;
import dev.tollgate.mockllm.ToolCalls.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A chat request as the mock reads it, whichever provider's shape it came in. Each provider's
 * handler reads its own shape into this, so that answers and token counts are made one way for all.
 *
 * @param promptTokens words of every message text and of the system prompt, plus
 *                     {@value ContentGenerator#TOKENS_PER_MESSAGE} per message
 * @param lastUserText the text of the last user message, which a text answer quotes
 * @param toolResult   the text of the last message when it carries tool results
 * @param endsWithUser whether the last message is the user's own (rather than tool results)
 * @param tools        the function tools the request offers, in its order
 * @param toolChoice   which of them the request forces, or that it forbids them
 */
record Conversation(
        int promptTokens,
        String lastUserText,
        Optional<String> toolResult,
        boolean endsWithUser,
        List<Tool> tools,
        Choice toolChoice) {

    Conversation {
        requireNonNull(lastUserText, "lastUserText");
        requireNonNull(toolResult, "toolResult");
        tools = List.copyOf(tools);
        requireNonNull(toolChoice, "toolChoice");
        Optional<String> forced = toolChoice.name();
        if (forced.isPresent() && tools.stream().noneMatch(t -> t.name().equals(forced.get()))) {
            throw new IllegalArgumentException("tool choice: " + forced.get()
                    + " (expected: the name of a tool in the request: "
                    + String.join(", ", tools.stream().map(Tool::name).toList()) + ")");
        }
    }

    /**
     * Reads OpenAI-, Anthropic- and Ollama-style messages: a role, and content as a string or
     * blocks. Tool results come as {@code tool} (or {@code function}) messages, or as a user
     * message with {@code tool_result} blocks.
     */
    static Conversation ofMessages(JsonNode messages, String system, List<Tool> tools, Choice toolChoice) {
        List<Message> read = new ArrayList<>(messages.size());
        for (JsonNode message : messages) {
            String role = message.path("role").asText();
            boolean toolResult = role.equals("tool") || role.equals("function")
                    || hasToolResult(message.path("content"));
            read.add(new Message(role, ContentGenerator.text(message.get("content")), toolResult));
        }
        return of(read, system, tools, toolChoice);
    }

    /** @param messages at least one */
    static Conversation of(List<Message> messages, String system, List<Tool> tools, Choice toolChoice) {
        String lastUserText = "";
        for (Message message : messages) {
            if (message.fromUser()) {
                lastUserText = message.text();
            }
        }
        Message last = messages.getLast();
        return new Conversation(
                ContentGenerator.promptTokens(messages.stream().map(Message::text).toList(), system),
                lastUserText,
                last.toolResult() ? Optional.of(last.text()) : Optional.empty(),
                last.fromUser(),
                tools,
                toolChoice);
    }

    private static boolean hasToolResult(JsonNode content) {
        for (JsonNode block : content) {
            if (block.path("type").asText().equals("tool_result")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The answer: a call of a tool (see {@link ToolCalls#plan}), or else a text that quotes the
     * tool results the conversation ends with, or else the last user message.
     */
    Reply reply(OptionalInt wantedWords, OptionalInt maxWords) {
        Optional<ToolCalls.ToolCall> call = ToolCalls.plan(this);
        if (call.isPresent()) {
            return call.get();
        }
        return toolResult.isPresent()
                ? ContentGenerator.completeToolResult(toolResult.get(), wantedWords, maxWords)
                : ContentGenerator.complete(lastUserText, wantedWords, maxWords);
    }

    /**
     * One message of a conversation, as a provider's handler reads it.
     *
     * @param role       as the provider names it; only {@code user} means anything here
     * @param text       its text, tool results included
     * @param toolResult whether it carries tool results
     */
    record Message(String role, String text, boolean toolResult) {

        /** The user's own message, as opposed to tool results sent back in the user's name. */
        boolean fromUser() {
            return role.equals("user") && !toolResult;
        }
    }
}
