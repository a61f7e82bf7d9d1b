package dev.tollgate.host.plugins;

import java.io.IOException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.db.EntityJson;
import dev.tollgate.sdk.llm.ChatMessage;
import dev.tollgate.sdk.llm.ChatRequest;

/** A chat request over the parsed JSON body: reads and writes go to the tree, which is written out only if changed. */
final class JsonChatRequest implements ChatRequest {
    private final ObjectNode root;
    private final ArrayNode messages;
    private boolean changed;

    private JsonChatRequest(ObjectNode root, ArrayNode messages) {
        this.root = root;
        this.messages = messages;
    }

    /** The chat view of {@code body}; empty when it is not a JSON object with a {@code messages} array. */
    static Optional<JsonChatRequest> parse(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode node = EntityJson.mapper().readTree(body);
            if (node instanceof ObjectNode o && o.get("messages") instanceof ArrayNode a) {
                for (JsonNode m : a) {
                    if (!m.isObject()) {
                        return Optional.empty();
                    }
                }
                return Optional.of(new JsonChatRequest(o, a));
            }
        } catch (IOException e) {
            // not JSON: no chat view
        }
        return Optional.empty();
    }

    byte[] toBytes() {
        try {
            return EntityJson.mapper().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("chat request cannot be written back", e);
        }
    }

    @Override
    public Optional<String> model() {
        JsonNode m = root.get("model");
        return m != null && m.isTextual() ? Optional.of(m.asText()) : Optional.empty();
    }

    @Override
    public void setModel(String model) {
        root.put("model", model);
        changed = true;
    }

    @Override
    public List<ChatMessage> messages() {
        return new AbstractList<>() {
            @Override
            public ChatMessage get(int index) {
                return new Message((ObjectNode) messages.get(index));
            }

            @Override
            public int size() {
                return messages.size();
            }

            @Override
            public ChatMessage remove(int index) {
                ChatMessage m = get(index);
                removeMessage(index);
                return m;
            }
        };
    }

    @Override
    public ChatMessage addMessage(int index, String role, String content) {
        ObjectNode m = EntityJson.mapper().createObjectNode().put("role", role).put("content", content);
        messages.insert(index, m);
        changed = true;
        return new Message(m);
    }

    @Override
    public void removeMessage(int index) {
        messages.remove(index);
        changed = true;
    }

    @Override
    public boolean stream() {
        return root.path("stream").asBoolean(false);
    }

    @Override
    public Optional<Object> parameter(String name) {
        JsonNode v = root.get(name);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(EntityJson.mapper().convertValue(v, Object.class));
    }

    @Override
    public void setParameter(String name, Object value) {
        if (name.equals("messages")) {
            throw new IllegalArgumentException("messages: change them through messages() and addMessage()");
        }
        root.set(name, EntityJson.mapper().valueToTree(value));
        changed = true;
    }

    @Override
    public void removeParameter(String name) {
        if (root.remove(name) != null) {
            changed = true;
        }
    }

    @Override
    public boolean changed() {
        return changed;
    }

    /** One message of the tree; a change marks the whole request changed. */
    private final class Message implements ChatMessage {
        private final ObjectNode node;

        Message(ObjectNode node) {
            this.node = node;
        }

        @Override
        public String role() {
            return node.path("role").asText("");
        }

        @Override
        public void setRole(String role) {
            node.put("role", role);
            changed = true;
        }

        @Override
        public String content() {
            JsonNode c = node.get("content");
            if (c == null || c.isNull()) {
                return "";
            }
            if (c.isTextual()) {
                return c.asText();
            }
            List<String> texts = new ArrayList<>();
            if (c.isArray()) {
                for (JsonNode part : c) {
                    if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
                        texts.add(part.get("text").asText());
                    }
                }
            }
            return String.join("\n", texts);
        }

        @Override
        public void setContent(String text) {
            JsonNode c = node.get("content");
            if (c instanceof ArrayNode parts) {
                // Keep images and other parts; the text parts become one, where the first one was.
                int first = -1;
                for (int i = parts.size() - 1; i >= 0; i--) {
                    if ("text".equals(parts.get(i).path("type").asText())) {
                        parts.remove(i);
                        first = i;
                    }
                }
                ObjectNode t = EntityJson.mapper().createObjectNode().put("type", "text").put("text", text);
                parts.insert(first < 0 ? 0 : first, t);
            } else {
                node.put("content", text);
            }
            changed = true;
        }

        @Override
        public Optional<String> name() {
            JsonNode n = node.get("name");
            return n != null && n.isTextual() ? Optional.of(n.asText()) : Optional.empty();
        }
    }
}
