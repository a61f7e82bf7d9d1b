package dev.tollgate.host.admin;

import static dev.tollgate.host.admin.AdminRoutes.param;
import static dev.tollgate.host.admin.AdminRoutes.send;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tollgate.db.Credential;
import dev.tollgate.host.plugins.PluginRegistry;
import dev.tollgate.sdk.CredentialType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;

/**
 * Credentials, in Kong's shape: {@code /consumers/{consumer}/{kind}} for each kind a plugin
 * declares ({@code key-auth}, {@code acls}, ...), and every credential of a kind at
 * {@code /{kind}s}. Kinds are looked up per call, so a plugin jar added at run time brings its
 * credentials with it.
 */
final class CredentialEndpoints {
    private final Supplier<PluginRegistry> registry;
    private final Function<CredentialType, Crud<Credential>> crudFactory;
    private final Map<CredentialType, Crud<Credential>> cruds = new ConcurrentHashMap<>();

    CredentialEndpoints(Supplier<PluginRegistry> registry, Function<CredentialType, Crud<Credential>> crudFactory) {
        this.registry = registry;
        this.crudFactory = crudFactory;
    }

    private Crud<Credential> crud(String kind) {
        CredentialType type = registry.get().credentialTypes().get(kind);
        if (type == null) {
            throw AdminException.notFound();
        }
        return cruds.computeIfAbsent(type, crudFactory);
    }

    void register(HttpRules r, BiFunction<ServerRequest, String, Crud.Scope> nested) {
        String collection = "/consumers/{parent}/{kind}";
        r.get(collection, (req, res) -> {
            String kind = param(req, "kind");
            send(res, 200, crud(kind).list(req, nested.apply(req, kind)));
        });
        r.post(collection, (req, res) -> {
            String kind = param(req, "kind");
            Crud<Credential> crud = crud(kind);
            Crud.Scope scope = nested.apply(req, kind);
            send(res, 201, crud.codec().render(crud.create(RequestBodies.read(req), scope)));
        });
        String item = collection + "/{id}";
        r.get(item, (req, res) -> {
            String kind = param(req, "kind");
            Crud<Credential> crud = crud(kind);
            send(res, 200, crud.codec().render(crud.get(param(req, "id"), nested.apply(req, kind))));
        });
        r.patch(item, (req, res) -> {
            String kind = param(req, "kind");
            Crud<Credential> crud = crud(kind);
            Crud.Scope scope = nested.apply(req, kind);
            send(res, 200, crud.codec().render(crud.patch(param(req, "id"), RequestBodies.read(req), scope)));
        });
        r.put(item, (req, res) -> {
            String kind = param(req, "kind");
            Crud<Credential> crud = crud(kind);
            Crud.Scope scope = nested.apply(req, kind);
            send(res, 200, crud.codec().render(crud.put(param(req, "id"), RequestBodies.read(req), scope)));
        });
        r.delete(item, (req, res) -> {
            String kind = param(req, "kind");
            crud(kind).delete(param(req, "id"), nested.apply(req, kind));
            res.status(Status.NO_CONTENT_204).send();
        });
    }

    /** {@code GET /key-auths}, {@code GET|DELETE /key-auths/{id}}: registered last, they only answer for credential kinds. */
    void registerTopLevel(HttpRules r) {
        r.get("/{kinds}", (req, res) -> {
            String kind = kindOf(param(req, "kinds"));
            send(res, 200, crud(kind).list(req, ofKind(kind)));
        });
        r.get("/{kinds}/{id}", (req, res) -> {
            String kind = kindOf(param(req, "kinds"));
            Crud<Credential> crud = crud(kind);
            send(res, 200, crud.codec().render(crud.get(param(req, "id"), ofKind(kind))));
        });
        r.delete("/{kinds}/{id}", (req, res) -> {
            String kind = kindOf(param(req, "kinds"));
            crud(kind).delete(param(req, "id"), ofKind(kind));
            res.status(Status.NO_CONTENT_204).send();
        });
    }

    /** {@code key-auths} names kind {@code key-auth}; a kind already plural ({@code acls}) names itself. */
    private String kindOf(String plural) {
        if (registry.get().credentialTypes().containsKey(plural)) {
            return plural;
        }
        if (!plural.endsWith("s")) {
            throw AdminException.notFound();
        }
        return plural.substring(0, plural.length() - 1);
    }

    private static Crud.Scope ofKind(String kind) {
        return new Crud.Scope(Map.of("kind", kind), JsonNodeFactory.instance.objectNode());
    }
}
