package dev.tollgate.host.admin;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.db.ScriptPlugin;
import dev.tollgate.db.ScriptVersions;
import io.helidon.webserver.http.HttpRules;

/**
 * A script plugin's last saved sources: {@code GET /script-plugins/{script}/versions} (newest
 * first, without the sources) and {@code GET /script-plugins/{script}/versions/{n}}. Rolling back
 * is saving an old source again ({@code PUT /script-plugins/{script}}), which makes it the newest.
 */
final class ScriptVersionEndpoints {
    private final ScriptVersions versions;
    private final Crud<ScriptPlugin> scripts;

    ScriptVersionEndpoints(ScriptVersions versions, Crud<ScriptPlugin> scripts) {
        this.versions = versions;
        this.scripts = scripts;
    }

    void register(HttpRules r) {
        r.get("/script-plugins/{id}/versions", (req, res) -> {
            ScriptPlugin s = scripts.get(AdminRoutes.param(req, "id"), Crud.Scope.NONE);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.put("script", s.name());
            ArrayNode data = out.putArray("data");
            StoreErrors.translate(() -> versions.list(s.id())).forEach(v -> data.addObject().put("version", v.version())
                    .put("saved_at", Instant.ofEpochMilli(v.savedAt()).toString()).put("length", v.length()));
            AdminRoutes.send(res, 200, out);
        });
        r.any("/script-plugins/{id}/versions", AdminRoutes::methodNotAllowed);
        r.get("/script-plugins/{id}/versions/{version}", (req, res) -> {
            ScriptPlugin s = scripts.get(AdminRoutes.param(req, "id"), Crud.Scope.NONE);
            String number = AdminRoutes.param(req, "version");
            if (!number.matches("[0-9]{1,9}")) {
                throw AdminException.notFound();
            }
            int n = Integer.parseInt(number);
            ScriptVersions.Version v = StoreErrors.translate(() -> versions.get(s.id(), n)).orElseThrow(AdminException::notFound);
            AdminRoutes.send(res, 200, JsonNodeFactory.instance.objectNode().put("script", s.name()).put("version", v.version())
                    .put("saved_at", Instant.ofEpochMilli(v.savedAt()).toString()).put("source", v.source()));
        });
        r.any("/script-plugins/{id}/versions/{version}", AdminRoutes::methodNotAllowed);
    }
}
