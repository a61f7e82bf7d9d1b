package dev.tollgate.host.admin;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Set;

import dev.tollgate.db.EntityKind;
import dev.tollgate.db.ScriptPlugin;
import dev.tollgate.host.plugins.StoredScripts;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.spi.PluginLoadException;

/**
 * JavaScript plugins uploaded through the Admin API. The source is compiled before it is
 * stored: a syntax error or a bad export is a 400 naming the line and column, and the name
 * stored is the one the script exports.
 */
final class ScriptPluginCodec implements EntityCodec<ScriptPlugin> {
    static final int MAX_SOURCE = 512 * 1024;

    private final StoredScripts scripts;
    private final java.util.function.Predicate<String> nameTakenElsewhere;

    ScriptPluginCodec(StoredScripts scripts, java.util.function.Predicate<String> nameTakenElsewhere) {
        this.scripts = scripts;
        this.nameTakenElsewhere = nameTakenElsewhere;
    }

    @Override
    public EntityKind<ScriptPlugin> kind() {
        return EntityKind.SCRIPT_PLUGINS;
    }

    private static final Pattern EXPORTED_NAME =
            Pattern.compile("export\\s+const\\s+name\\s*=\\s*[\"'`]([a-z0-9][a-z0-9-]{0,63})[\"'`]");

    @Override
    public Set<String> fields() {
        return Set.of("name", "source", "tags");
    }

    @Override
    public ScriptPlugin build(FieldReader r, Meta meta, References refs) {
        String given = r.string("name").orElse(null);
        String source = r.node().path("source").isTextual() ? r.node().get("source").asText() : null;
        if (source == null) {
            r.error("source", r.has("source") ? "expected a string (the ES module)" : "required field missing");
        } else if (source.length() > MAX_SOURCE) {
            r.error("source", "length " + source.length() + " is too long (expected: <= " + MAX_SOURCE + ")");
            source = null;
        }
        String name = given;
        if (source != null && r.isValid()) {
            try {
                List<PluginFactory> factories = scripts.check(given != null ? given : exportedName(source), source);
                String exported = factories.getFirst().name();
                if (given != null && !given.equals(exported)) {
                    r.error("name", "'" + given + "' but the source exports name '" + exported + "'");
                }
                name = exported;
                if (nameTakenElsewhere.test(exported)) {
                    r.error("name", "'" + exported + "' is a plugin this node already has (built in or in plugins-dir)");
                }
            } catch (PluginLoadException e) {
                r.error("source", e.getMessage());
            }
        }
        return new ScriptPlugin(meta.id(), name, source, Tags.read(r), meta.createdAt(), meta.updatedAt());
    }

    /** The name the source exports, read without running it, so that errors name the file as it will be: {@code stamp.js}. */
    static String exportedName(String source) {
        Matcher m = EXPORTED_NAME.matcher(source);
        return m.find() ? m.group(1) : "script";
    }
}
