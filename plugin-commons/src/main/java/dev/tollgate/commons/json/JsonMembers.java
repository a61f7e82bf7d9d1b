package dev.tollgate.commons.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kong's transformer edits on the top-level members of a JSON object. Each returns whether it
 * changed the object, so a body nothing applied to can be sent on byte for byte.
 */
public final class JsonMembers {

    private JsonMembers() {
    }

    /** Removes {@code name}. */
    public static boolean remove(Map<String, Object> object, String name) {
        if (!object.containsKey(name)) {
            return false;
        }
        object.remove(name);
        return true;
    }

    /** Moves {@code from}'s value to {@code to}, in {@code from}'s place, replacing any {@code to}. */
    public static boolean rename(Map<String, Object> object, String from, String to) {
        if (!object.containsKey(from) || from.equals(to)) {
            return false;
        }
        Map<String, Object> renamed = new LinkedHashMap<>();
        object.forEach((name, value) -> {
            if (name.equals(from)) {
                renamed.put(to, value);
            } else if (!name.equals(to)) {
                renamed.put(name, value);
            }
        });
        object.clear();
        object.putAll(renamed);
        return true;
    }

    /** Sets {@code name} when it is present. */
    public static boolean replace(Map<String, Object> object, String name, Object value) {
        if (!object.containsKey(name)) {
            return false;
        }
        object.put(name, value);
        return true;
    }

    /** Sets {@code name} when it is absent. */
    public static boolean add(Map<String, Object> object, String name, Object value) {
        if (object.containsKey(name)) {
            return false;
        }
        object.put(name, value);
        return true;
    }

    /**
     * Adds {@code value} to {@code name}: an absent member becomes {@code [value]}, an array gets
     * it at its end, any other value {@code v} becomes {@code [v, value]}. (Kong drops a number,
     * boolean or object it appends to; keeping it loses nothing the client sent.)
     */
    public static boolean append(Map<String, Object> object, String name, Object value) {
        Object current = object.get(name);
        List<Object> items = new ArrayList<>();
        if (current instanceof List<?> list) {
            items.addAll(list);
        } else if (object.containsKey(name)) {
            items.add(current);
        }
        items.add(value);
        object.put(name, items);
        return true;
    }
}
