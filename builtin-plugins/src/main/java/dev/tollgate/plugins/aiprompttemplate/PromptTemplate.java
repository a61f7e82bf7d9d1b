package dev.tollgate.plugins.aiprompttemplate;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tollgate.commons.llm.Json;

/**
 * One template, compiled when the configuration is written. A JSON template ({@code {"messages":
 * [...]}}) is parsed into a tree whose strings may hold {@code {{variable}}} placeholders; a
 * template that is not JSON is a prompt text, sent as one user message. Rendering fills the
 * placeholders inside the tree's strings and writes the tree with Jackson, so a value is always
 * string content: quotes, backslashes or {@code "}],"role":"system"} in it stay text and can
 * neither break the JSON nor add messages. Values are inserted once: a value holding
 * {@code {{other}}} is not expanded again.
 */
final class PromptTemplate {
    // Kong's placeholder: letters, digits and underscores between double braces.
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9_]+)}}");
    private static final ObjectReader STRICT = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String name;
    private final Obj root;
    private final List<String> variables;

    private PromptTemplate(String name, Obj root, List<String> variables) {
        this.name = name;
        this.root = root;
        this.variables = List.copyOf(variables);
    }

    /** Compiles {@code text}; an {@link IllegalArgumentException} says what is wrong with it. */
    static PromptTemplate compile(String name, String text) {
        requireNonNull(name, "name");
        String t = requireNonNull(text, "text").strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("template is empty (expected: a JSON request or a prompt text)");
        }
        Set<String> variables = new LinkedHashSet<>();
        // "{{topic}} explained" is a prompt text that starts with a placeholder, not JSON.
        if (!t.startsWith("{") || t.startsWith("{{")) {
            Obj message = new Obj(new String[] {"role", "content"},
                    new Part[] {new Fixed(TextNode.valueOf("user")), text(t, variables)});
            Obj prompt = new Obj(new String[] {"messages"}, new Part[] {new Arr(new Part[] {message})});
            return new PromptTemplate(name, prompt, new ArrayList<>(variables));
        }
        JsonNode tree;
        try {
            tree = STRICT.readTree(t);
        } catch (IOException e) {
            throw new IllegalArgumentException("template is not valid JSON (placeholders go inside JSON strings): "
                    + firstLine(e.getMessage()));
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new IllegalArgumentException("template is a JSON " + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + " (expected: a JSON object, the request to send)");
        }
        // The root is always rebuilt, so the plugin may set top-level fields on what render() returns.
        return new PromptTemplate(name, object(object, variables), new ArrayList<>(variables));
    }

    String name() {
        return name;
    }

    /** The placeholders' names, in order of first appearance. */
    List<String> variables() {
        return variables;
    }

    /**
     * The request with every placeholder filled from {@code values}.
     *
     * @throws MissingVariables naming each placeholder {@code values} has no value for
     */
    ObjectNode render(Map<String, String> values) {
        List<String> missing = variables.stream().filter(v -> !values.containsKey(v)).toList();
        if (!missing.isEmpty()) {
            throw new MissingVariables(missing);
        }
        return (ObjectNode) root.render(values);
    }

    /** Placeholders a request gave no value for. */
    static final class MissingVariables extends RuntimeException {
        private final List<String> names;

        MissingVariables(List<String> names) {
            super("missing template parameters: " + String.join(", ", names.stream().map(n -> "[" + n + "]").toList()),
                    null, false, false);
            this.names = List.copyOf(names);
        }

        List<String> names() {
            return names;
        }
    }

    private static Part part(JsonNode node, Set<String> variables) {
        if (!hasPlaceholder(node)) {
            return new Fixed(node); // shared by every request: only read, when the body is written
        }
        if (node.isTextual()) {
            return text(node.asText(), variables);
        }
        if (node instanceof ObjectNode o) {
            return object(o, variables);
        }
        ArrayNode array = (ArrayNode) node;
        Part[] items = new Part[array.size()];
        for (int i = 0; i < items.length; i++) {
            items[i] = part(array.get(i), variables);
        }
        return new Arr(items);
    }

    private static Obj object(ObjectNode o, Set<String> variables) {
        String[] keys = new String[o.size()];
        Part[] values = new Part[o.size()];
        int i = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); i++) {
            Map.Entry<String, JsonNode> e = it.next();
            if (PLACEHOLDER.matcher(e.getKey()).find()) {
                // A client choosing field names could add "system" or "tools": placeholders fill values only.
                throw new IllegalArgumentException("placeholder in the field name \"" + e.getKey()
                        + "\" (expected: placeholders in string values only)");
            }
            keys[i] = e.getKey();
            values[i] = part(e.getValue(), variables);
        }
        return new Obj(keys, values);
    }

    private static Text text(String s, Set<String> variables) {
        List<String> literals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(s);
        int from = 0;
        while (m.find()) {
            literals.add(s.substring(from, m.start()));
            names.add(m.group(1));
            variables.add(m.group(1));
            from = m.end();
        }
        literals.add(s.substring(from));
        return new Text(literals.toArray(String[]::new), names.toArray(String[]::new));
    }

    private static boolean hasPlaceholder(JsonNode node) {
        if (node.isTextual()) {
            return PLACEHOLDER.matcher(node.asText()).find();
        }
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (PLACEHOLDER.matcher(e.getKey()).find() || hasPlaceholder(e.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (hasPlaceholder(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        String m = String.valueOf(message);
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** A piece of the compiled tree. */
    private sealed interface Part permits Fixed, Text, Obj, Arr {
        JsonNode render(Map<String, String> values);
    }

    private record Fixed(JsonNode node) implements Part {
        @Override
        public JsonNode render(Map<String, String> values) {
            return node;
        }
    }

    /** {@code literals[0] + values[names[0]] + literals[1] + …}; one more literal than names. */
    private record Text(String[] literals, String[] names) implements Part {
        @Override
        public JsonNode render(Map<String, String> values) {
            StringBuilder sb = new StringBuilder(literals[0]);
            for (int i = 0; i < names.length; i++) {
                sb.append(values.get(names[i])).append(literals[i + 1]);
            }
            return TextNode.valueOf(sb.toString());
        }
    }

    private record Obj(String[] keys, Part[] values) implements Part {
        @Override
        public JsonNode render(Map<String, String> v) {
            ObjectNode out = Json.object();
            for (int i = 0; i < keys.length; i++) {
                out.set(keys[i], values[i].render(v));
            }
            return out;
        }
    }

    private record Arr(Part[] items) implements Part {
        @Override
        public JsonNode render(Map<String, String> v) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            for (Part item : items) {
                out.add(item.render(v));
            }
            return out;
        }
    }
}
