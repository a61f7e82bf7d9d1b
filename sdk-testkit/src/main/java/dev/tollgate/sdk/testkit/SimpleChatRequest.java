package dev.tollgate.sdk.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.sdk.llm.ChatMessage;
import dev.tollgate.sdk.llm.ChatRequest;

/**
 * A chat request held in plain Java objects, for unit tests:
 * {@code new SimpleChatRequest("gpt-4o").user("Hello")}.
 *
 * @since 0.1.0
 */
public final class SimpleChatRequest implements ChatRequest {
    private String model;
    private final List<ChatMessage> messages = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private boolean changed;

    public SimpleChatRequest(String model) {
        this.model = model;
    }

    /** Appends a user message (builder style, does not count as a change). */
    public SimpleChatRequest user(String content) {
        messages.add(new Message("user", content));
        return this;
    }

    /** Appends a system message (builder style, does not count as a change). */
    public SimpleChatRequest system(String content) {
        messages.add(new Message("system", content));
        return this;
    }

    /** Appends a message of any role, {@code assistant} or {@code tool} too (builder style, does not count as a change). */
    public SimpleChatRequest message(String role, String content) {
        messages.add(new Message(role, content));
        return this;
    }

    /** Sets a parameter (builder style, does not count as a change). */
    public SimpleChatRequest with(String name, Object value) {
        parameters.put(name, value);
        return this;
    }

    @Override
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    @Override
    public void setModel(String model) {
        this.model = model;
        changed = true;
    }

    @Override
    public List<ChatMessage> messages() {
        return messages;
    }

    @Override
    public ChatMessage addMessage(int index, String role, String content) {
        Message m = new Message(role, content);
        messages.add(index, m);
        changed = true;
        return m;
    }

    @Override
    public void removeMessage(int index) {
        messages.remove(index);
        changed = true;
    }

    @Override
    public boolean stream() {
        return Boolean.TRUE.equals(parameters.get("stream"));
    }

    @Override
    public Optional<Object> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    @Override
    public void setParameter(String name, Object value) {
        parameters.put(name, value);
        changed = true;
    }

    @Override
    public void removeParameter(String name) {
        parameters.remove(name);
        changed = true;
    }

    @Override
    public boolean changed() {
        return changed || messages.stream().anyMatch(m -> m instanceof Message msg && msg.changed);
    }

    private static final class Message implements ChatMessage {
        private String role;
        private String content;
        private boolean changed;

        Message(String role, String content) {
            this.role = role;
            this.content = content;
        }

        @Override
        public String role() {
            return role;
        }

        @Override
        public void setRole(String role) {
            this.role = role;
            changed = true;
        }

        @Override
        public String content() {
            return content == null ? "" : content;
        }

        @Override
        public void setContent(String text) {
            this.content = text;
            changed = true;
        }

        @Override
        public Optional<String> name() {
            return Optional.empty();
        }
    }
}
