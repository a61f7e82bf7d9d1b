package dev.tollgate.scripts;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.config.ConfigSchema;
import org.graalvm.polyglot.Value;

/**
 * What a script module exports, checked: {@code name}, {@code priority}, {@code version},
 * {@code schema} and the phase functions present.
 */
record ScriptExports(String name, int priority, String version, ConfigSchema schema, Set<Phase> phases) {
    /** The same rule as Java plugin names. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** Phase → the exported function's name, in the Java SDK's spelling. */
    static final Map<Phase, String> FUNCTIONS;

    static {
        Map<Phase, String> m = new LinkedHashMap<>();
        m.put(Phase.REWRITE, "rewrite");
        m.put(Phase.ACCESS, "access");
        m.put(Phase.RESPONSE, "response");
        m.put(Phase.HEADER_FILTER, "headerFilter");
        m.put(Phase.BODY_FILTER, "bodyFilter");
        m.put(Phase.LOG, "log");
        FUNCTIONS = java.util.Collections.unmodifiableMap(m);
    }

    static List<String> functionNames() {
        return List.copyOf(FUNCTIONS.values());
    }

    /**
     * @throws InvalidExport naming the export and what is wrong
     */
    static ScriptExports read(Value exports) {
        Value name = exports.getMember("name");
        if (name == null || name.isNull()) {
            throw new InvalidExport("name", "missing export 'name' (expected: export const name = \"my-plugin\")");
        }
        if (!name.isString() || !NAME.matcher(name.asString()).matches()) {
            throw new InvalidExport("name", "export 'name': " + name + " (expected: lower-case letters, digits and '-')");
        }
        int priority = 0;
        Value p = exports.getMember("priority");
        if (p != null && !p.isNull()) {
            if (!p.isNumber() || !p.fitsInInt()) {
                throw new InvalidExport("priority", "export 'priority': " + p + " (expected: an integer)");
            }
            priority = p.asInt();
        }
        String version = "0.0.0";
        Value v = exports.getMember("version");
        if (v != null && !v.isNull()) {
            if (!v.isString()) {
                throw new InvalidExport("version", "export 'version': " + v + " (expected: a string)");
            }
            version = v.asString();
        }
        ConfigSchema schema;
        try {
            Value s = exports.getMember("schema");
            schema = SchemaMapper.toSchema(s == null ? null : JsValues.toJava(s), "");
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InvalidExport("schema", e.getMessage());
        }
        Set<Phase> phases = EnumSet.noneOf(Phase.class);
        FUNCTIONS.forEach((phase, fn) -> {
            Value f = exports.getMember(fn);
            if (f != null && !f.isNull()) {
                if (!f.canExecute()) {
                    throw new InvalidExport(fn, "export '" + fn + "': expected a function");
                }
                phases.add(phase);
            }
        });
        for (String key : exports.getMemberKeys()) {
            String meant = misspeltPhase(key);
            if (meant != null) {
                throw new InvalidExport(key, "export '" + key + "' is not a phase, so it would never run: did you mean '"
                        + meant + "'? (phases: " + String.join(", ", FUNCTIONS.values()) + ")");
            }
        }
        if (phases.isEmpty()) {
            throw new InvalidExport(null, "no phase function exported (expected one of " + FUNCTIONS.values() + ")");
        }
        return new ScriptExports(name.asString(), priority, version, schema, Set.copyOf(phases));
    }

    /** The phase function {@code export} spells differently ({@code header_filter}, {@code Access}), or null. */
    static String misspeltPhase(String export) {
        String folded = export.replace("_", "").replace("-", "").toLowerCase(java.util.Locale.ROOT);
        for (String fn : FUNCTIONS.values()) {
            if (!fn.equals(export) && fn.toLowerCase(java.util.Locale.ROOT).equals(folded)) {
                return fn;
            }
        }
        return null;
    }

    /** An export that is missing or wrong; {@code export} locates it in the source, when present. */
    static final class InvalidExport extends RuntimeException {
        private final String export;

        InvalidExport(String export, String message) {
            super(message, null, false, false);
            this.export = export;
        }

        String export() {
            return export;
        }
    }
}
