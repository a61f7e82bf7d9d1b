package dev.tollgate.scripts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * Converts between script values and plain Java (String, Long, Double, Boolean, List, Map),
 * the only kinds that leave a context: a {@link Value} is bound to its context and thread.
 */
final class JsValues {
    private static final int MAX_DEPTH = 32;
    private static final int MAX_ELEMENTS = 100_000;

    private JsValues() {
    }

    /** A copy of {@code v} in plain Java; functions and other exotic values are refused. */
    static Object toJava(Value v) {
        return toJava(v, 0);
    }

    private static Object toJava(Value v, int depth) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH);
        }
        if (v.isString()) {
            return v.asString();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isNumber()) {
            if (v.fitsInLong()) {
                return v.asLong();
            }
            return v.asDouble();
        }
        if (v.isProxyObject() && v.asProxyObject() instanceof ReadOnlyMap map) {
            return map.map();
        }
        if (v.hasArrayElements()) {
            long size = v.getArraySize();
            if (size > MAX_ELEMENTS) {
                throw new IllegalArgumentException("array of " + size + " elements (expected: <= " + MAX_ELEMENTS + ")");
            }
            List<Object> out = new ArrayList<>((int) size);
            for (long i = 0; i < size; i++) {
                out.add(toJava(v.getArrayElement(i), depth + 1));
            }
            return out;
        }
        if (v.canExecute()) {
            throw new IllegalArgumentException("a function is not a value");
        }
        if (v.hasMembers()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String key : v.getMemberKeys()) {
                if (out.size() >= MAX_ELEMENTS) {
                    throw new IllegalArgumentException("object of more than " + MAX_ELEMENTS + " members");
                }
                out.put(key, toJava(v.getMember(key), depth + 1));
            }
            return out;
        }
        throw new IllegalArgumentException("unsupported value " + v);
    }

    /** A Java value as a script sees it: maps and lists as read-only views, Optional unwrapped. */
    static Object toJs(Object o) {
        if (o instanceof Optional<?> opt) {
            return opt.map(JsValues::toJs).orElse(null);
        }
        if (o instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) map;
            return new ReadOnlyMap(m);
        }
        if (o instanceof List<?> list) {
            return new ReadOnlyList(list);
        }
        if (o instanceof Integer i) {
            return i;
        }
        return o; // String, Long, Double, Boolean, null, proxies
    }

    /** Argument {@code i} as a string; {@code undefined} and null as null. */
    static String string(Value[] args, int i) {
        if (i >= args.length || args[i].isNull()) {
            return null;
        }
        return args[i].isString() ? args[i].asString() : args[i].toString();
    }

    static int integer(Value[] args, int i, String what) {
        if (i >= args.length || !args[i].isNumber() || !args[i].fitsInInt()) {
            throw new IllegalArgumentException(what + ": expected an integer");
        }
        return args[i].asInt();
    }

    /** A map's read-only view: scripts may read config and shared values, never change them in place. */
    record ReadOnlyMap(Map<String, Object> map) implements ProxyObject {
        ReadOnlyMap {
            map = Collections.unmodifiableMap(map);
        }

        @Override
        public Object getMember(String key) {
            return toJs(map.get(key));
        }

        @Override
        public Object getMemberKeys() {
            return ProxyArray.fromList(List.copyOf(map.keySet()));
        }

        @Override
        public boolean hasMember(String key) {
            return map.containsKey(key);
        }

        @Override
        public void putMember(String key, Value value) {
            throw new UnsupportedOperationException(key + " is read-only");
        }

        @Override
        public boolean removeMember(String key) {
            throw new UnsupportedOperationException(key + " is read-only");
        }
    }

    /** A list's read-only view. */
    record ReadOnlyList(List<?> list) implements ProxyArray {
        @Override
        public Object get(long index) {
            return index < 0 || index >= list.size() ? null : toJs(list.get((int) index));
        }

        @Override
        public void set(long index, Value value) {
            throw new UnsupportedOperationException("read-only array");
        }

        @Override
        public boolean remove(long index) {
            throw new UnsupportedOperationException("read-only array");
        }

        @Override
        public long getSize() {
            return list.size();
        }
    }
}
