package dev.tollgate.scripts;

import java.util.List;

import dev.tollgate.sdk.llm.ChatMessage;
import dev.tollgate.sdk.llm.ChatRequest;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * {@code ctx.llm.request}: the chat request, as {@link ChatRequest}. {@code model} and each
 * message's {@code role} and {@code content} are settable and write through to the request.
 */
final class ChatView extends JsObject {
    private static final List<String> KEYS = List.of("model", "messages", "addMessage", "removeMessage", "stream",
            "parameter", "setParameter");

    private final ChatRequest chat;

    ChatView(ChatRequest chat) {
        super(KEYS);
        this.chat = chat;
    }

    @Override
    Object get(String key) {
        return switch (key) {
            case "model" -> chat.model().orElse(null);
            case "messages" -> new Messages(chat.messages());
            case "addMessage" -> (ProxyExecutable) this::addMessage;
            case "removeMessage" -> (ProxyExecutable) args -> {
                chat.removeMessage(JsValues.integer(args, 0, "removeMessage(index)"));
                return null;
            };
            case "stream" -> chat.stream();
            case "parameter" -> fn1(n -> JsValues.toJs(chat.parameter(n)));
            case "setParameter" -> (ProxyExecutable) args -> {
                chat.setParameter(JsValues.string(args, 0), args.length > 1 ? JsValues.toJava(args[1]) : null);
                return null;
            };
            default -> null;
        };
    }

    @Override
    boolean set(String key, Value value) {
        if (key.equals("model")) {
            chat.setModel(value.isNull() ? null : value.asString());
            return true;
        }
        return false;
    }

    /** {@code addMessage(role, content)} appends; {@code addMessage(index, role, content)} inserts. */
    private Object addMessage(Value... args) {
        ChatMessage m = args.length >= 3
                ? chat.addMessage(JsValues.integer(args, 0, "addMessage(index, role, content)"), JsValues.string(args, 1), JsValues.string(args, 2))
                : chat.addMessage(JsValues.string(args, 0), JsValues.string(args, 1));
        return new MessageView(m);
    }

    /** The live message list: reads see other plugins' changes. */
    private record Messages(List<ChatMessage> messages) implements ProxyArray {
        @Override
        public Object get(long index) {
            return index < 0 || index >= messages.size() ? null : new MessageView(messages.get((int) index));
        }

        @Override
        public void set(long index, Value value) {
            throw new UnsupportedOperationException("messages: use addMessage/removeMessage, or set a message's content");
        }

        @Override
        public boolean remove(long index) {
            throw new UnsupportedOperationException("messages: use removeMessage(index)");
        }

        @Override
        public long getSize() {
            return messages.size();
        }
    }

    /** One message: {@code role}, {@code content} (settable), {@code name}. */
    private static final class MessageView extends JsObject {
        private static final List<String> KEYS = List.of("role", "content", "name");
        private final ChatMessage message;

        MessageView(ChatMessage message) {
            super(KEYS);
            this.message = message;
        }

        @Override
        Object get(String key) {
            return switch (key) {
                case "role" -> message.role();
                case "content" -> message.content();
                case "name" -> message.name().orElse(null);
                default -> null;
            };
        }

        @Override
        boolean set(String key, Value value) {
            switch (key) {
                case "role" -> message.setRole(value.asString());
                case "content" -> message.setContent(value.isString() ? value.asString() : value.toString());
                default -> {
                    return false;
                }
            }
            return true;
        }
    }
}
