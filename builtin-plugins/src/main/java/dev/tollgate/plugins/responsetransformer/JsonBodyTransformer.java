package dev.tollgate.plugins.responsetransformer;

import java.util.List;
import java.util.Map;

import dev.tollgate.commons.json.JsonMembers;
import dev.tollgate.commons.json.JsonParser;
import dev.tollgate.commons.json.JsonPrinter;

/** Applies {@link JsonRules} to a whole JSON response body. */
final class JsonBodyTransformer {

    private JsonBodyTransformer() {
    }

    /**
     * The body with the rules applied; {@code body} itself when no rule changed anything.
     *
     * @throws IllegalArgumentException when the body is not a JSON object (a transformed
     *                                  rewrite of what could not be read would corrupt it)
     */
    static byte[] transform(byte[] body, JsonRules rules) {
        Object value = JsonParser.parse(body);
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("a JSON " + (value instanceof List ? "array" : "scalar") + ", not an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) value;
        boolean changed = false;
        for (String name : rules.remove()) {
            changed |= JsonMembers.remove(object, name);
        }
        for (NameValue e : rules.rename()) {
            changed |= JsonMembers.rename(object, e.name(), e.value());
        }
        for (JsonRules.Member m : rules.replace()) {
            changed |= JsonMembers.replace(object, m.name(), m.value());
        }
        for (JsonRules.Member m : rules.add()) {
            changed |= JsonMembers.add(object, m.name(), m.value());
        }
        for (JsonRules.Member m : rules.append()) {
            changed |= JsonMembers.append(object, m.name(), m.value());
        }
        return changed ? JsonPrinter.printUtf8(object) : body;
    }
}
