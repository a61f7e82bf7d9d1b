package dev.tollgate.plugins.responsetransformer;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.tollgate.commons.json.JsonNumber;

/**
 * The rules for the top-level members of a JSON response body, in Kong's order: remove,
 * rename, replace, add, append. Values are strings unless {@code json_types} says otherwise.
 *
 * @param rename  {@code name} renamed to {@code value}, when present
 * @param replace values set on members that are present
 * @param add     values set on members that are absent
 * @param append  values added to members (which become arrays), present or not
 */
record JsonRules(List<String> remove, List<NameValue> rename, List<Member> replace, List<Member> add,
                 List<Member> append) {

    /** A member's name and its typed value: a String, {@link JsonNumber} or Boolean. */
    record Member(String name, Object value) {
        Member {
            requireNonNull(name, "name");
            requireNonNull(value, "value");
        }
    }

    JsonRules {
        remove = List.copyOf(requireNonNull(remove, "remove"));
        rename = List.copyOf(requireNonNull(rename, "rename"));
        replace = List.copyOf(requireNonNull(replace, "replace"));
        add = List.copyOf(requireNonNull(add, "add"));
        append = List.copyOf(requireNonNull(append, "append"));
    }

    boolean isEmpty() {
        return remove.isEmpty() && rename.isEmpty() && replace.isEmpty() && add.isEmpty() && append.isEmpty();
    }

    /**
     * The members of {@code json} entries, each typed by the {@code types} entry at its index
     * ({@code string} when there is none).
     *
     * @param field the configuration field, for messages ({@code add})
     * @throws IllegalArgumentException for more types than entries, or a value its type cannot hold
     */
    static List<Member> members(String field, List<String> json, List<String> types) {
        if (types.size() > json.size()) {
            throw new IllegalArgumentException("config." + field + ".json_types: " + types.size() + " types for "
                    + json.size() + " json entries (expected: at most one type per entry, in the same order)");
        }
        List<Member> out = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            NameValue e = NameValue.parse(json.get(i));
            if (e.value().isEmpty()) {
                continue; // Kong skips an entry without a value
            }
            String type = i < types.size() ? types.get(i) : "string";
            out.add(new Member(e.name(), typed(field, e, type)));
        }
        return out;
    }

    private static Object typed(String field, NameValue e, String type) {
        return switch (type) {
            case "number" -> {
                if (!JsonNumber.isNumber(e.value())) {
                    throw new IllegalArgumentException("config." + field + ".json: '" + e + "' (expected: a number "
                            + "value, as json_types says)");
                }
                yield new JsonNumber(e.value());
            }
            case "boolean" -> switch (e.value().toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("config." + field + ".json: '" + e + "' (expected: "
                        + "true or false, as json_types says)");
            };
            default -> e.value();
        };
    }
}
