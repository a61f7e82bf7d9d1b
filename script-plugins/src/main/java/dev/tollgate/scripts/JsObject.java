package dev.tollgate.scripts;

import java.util.List;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * A fixed-shape object a script sees ({@code ctx.request}, ...): members are computed on read,
 * so nothing is copied that the script does not touch. Read-only unless a subclass accepts
 * {@link #set}.
 */
abstract class JsObject implements ProxyObject {
    private final List<String> keys;

    JsObject(List<String> keys) {
        this.keys = keys;
    }

    /** The member's value: a String, Number, Boolean, null, proxy or {@link ProxyExecutable}. */
    abstract Object get(String key);

    /** Sets a settable member; false when it is not one. */
    boolean set(String key, Value value) {
        return false;
    }

    @Override
    public final Object getMember(String key) {
        return get(key);
    }

    @Override
    public final Object getMemberKeys() {
        return ProxyArray.fromList(List.copyOf(keys));
    }

    @Override
    public final boolean hasMember(String key) {
        return keys.contains(key);
    }

    @Override
    public final void putMember(String key, Value value) {
        if (!set(key, value)) {
            throw new UnsupportedOperationException(getClass().getSimpleName().replace("View", "") + "." + key + " is read-only");
        }
    }

    @Override
    public final boolean removeMember(String key) {
        throw new UnsupportedOperationException(key + " cannot be deleted");
    }

    /** A function taking one string argument. */
    static ProxyExecutable fn1(java.util.function.Function<String, Object> f) {
        return args -> f.apply(JsValues.string(args, 0));
    }

    /** A function with no result taking two string arguments. */
    static ProxyExecutable fn2(java.util.function.BiConsumer<String, String> f) {
        return args -> {
            f.accept(JsValues.string(args, 0), JsValues.string(args, 1));
            return null;
        };
    }
}
