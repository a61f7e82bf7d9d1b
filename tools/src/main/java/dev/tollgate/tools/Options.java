package dev.tollgate.tools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} and {@code --name=value} options, each known by name. */
final class Options {
    private Options() {
    }

    static Map<String, String> parse(List<String> args, String... known) {
        Set<String> names = Set.of(known);
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            int eq = a.indexOf('=');
            String name = eq > 0 ? a.substring(0, eq) : a;
            if (!names.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + a + "' (expected: " + String.join(", ", known) + ")");
            }
            if (eq > 0) {
                out.put(name, a.substring(eq + 1));
            } else if (i + 1 < args.size()) {
                out.put(name, args.get(++i));
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
        }
        return out;
    }
}
