package dev.tollgate.host.admin;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.db.ConfigStore;
import dev.tollgate.db.ConfiguredPlugin;
import dev.tollgate.db.Consumer;
import dev.tollgate.db.Entity;
import dev.tollgate.db.EntityJson;
import dev.tollgate.db.ModelPrice;
import dev.tollgate.db.Route;
import dev.tollgate.db.ScriptPlugin;
import dev.tollgate.db.Service;
import dev.tollgate.db.Target;
import dev.tollgate.db.Upstream;
import dev.tollgate.host.plugins.PluginRegistry;
import dev.tollgate.host.plugins.StoredScripts;
import dev.tollgate.host.HeadRequests;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The Admin API's routing table, Kong-shaped: collections at the top level and nested under
 * their parent ({@code /services/{service}/routes}), looked up by id or name.
 */
public final class AdminRoutes {
    private static final System.Logger LOG = System.getLogger(AdminRoutes.class.getName());

    private final Crud<Service> services;
    private final Crud<Route> routes;
    private final Crud<Upstream> upstreams;
    private final Crud<Target> targets;
    private final Crud<Consumer> consumers;
    private final Crud<ConfiguredPlugin> plugins;
    private final StatusEndpoints status;
    private final PluginSchemas schemas;
    private final Crud<ScriptPlugin> scripts;
    private final ScriptTrialEndpoints trials;
    private final ScriptVersionEndpoints versions;
    private final CredentialEndpoints credentials;
    private final Crud<ModelPrice> modelPrices;
    private final UsageEndpoints usage;
    private final OverviewEndpoints overview;
    private final ClusterEndpoints cluster;
    private final PlaygroundEndpoints playground;

    public AdminRoutes(ConfigStore store, Runnable published, StatusEndpoints status,
                       PluginCatalog catalog, StoredScripts scripts,
                       java.util.function.Predicate<String> nodeHasPlugin, UsageEndpoints usage, OverviewEndpoints overview,
                       ClusterEndpoints cluster, PlaygroundEndpoints playground) {
        Clock clock = Clock.systemUTC();
        this.services = new Crud<>(store, new ServiceCodec(), published, clock);
        this.routes = new Crud<>(store, new RouteCodec(), published, clock);
        this.upstreams = new Crud<>(store, new UpstreamCodec(), published, clock);
        this.targets = new Crud<>(store, new TargetCodec(), published, clock);
        this.consumers = new Crud<>(store, new ConsumerCodec(), published, clock);
        this.plugins = new Crud<>(store, new PluginCodec(catalog), published, clock);
        this.status = status;
        this.schemas = new PluginSchemas(catalog);
        this.scripts = new Crud<>(store, new ScriptPluginCodec(scripts, nodeHasPlugin), published, clock);
        this.trials = new ScriptTrialEndpoints(scripts);
        this.versions = new ScriptVersionEndpoints(new dev.tollgate.db.ScriptVersions(store), this.scripts);
        this.credentials = new CredentialEndpoints(catalog.registry(), t -> new Crud<>(store, new CredentialCodec(t), published, clock));
        this.modelPrices = new Crud<>(store, new ModelPriceCodec(), published, clock);
        this.usage = usage;
        this.overview = overview;
        this.cluster = cluster;
        this.playground = playground;
    }

    /** How the Admin API's failures are answered; once per routing that serves it. */
    public static void registerErrors(HttpRouting.Builder r) {
        r.error(AdminException.class, (req, res, e) -> send(res, e.status(), e.body()));
        r.error(RuntimeException.class, (req, res, e) -> {
            LOG.log(Level.ERROR, "Admin API " + req.prologue().method().text() + " " + req.path().rawPath() + " failed", e);
            send(res, 500, JsonNodeFactory.instance.objectNode().put("message", "An unexpected error occurred"));
        });
    }

    /** The endpoints, on the Admin API's listener or under the UI listener's {@code /api}; ends with the 404 catch-all. */
    public void register(HttpRules r) {
        r.get("/", (req, res) -> send(res, 200, status.node()));
        r.get("/status", (req, res) -> send(res, 200, status.status()));
        r.get("/metrics", (req, res) -> status.metrics(req, res));
        r.any("/metrics", AdminRoutes::methodNotAllowed);
        // Before /plugins/{id}: these paths are not plugin ids.
        r.get("/plugins/enabled", (req, res) -> send(res, 200, schemas.enabled()));
        r.get("/schemas/plugins/{name}", (req, res) -> send(res, 200, schemas.schema(param(req, "name"))));

        collection(r, "/services", services);
        collection(r, "/routes", routes);
        collection(r, "/upstreams", upstreams);
        collection(r, "/consumers", consumers);
        collection(r, "/plugins", plugins);
        trials.register(r); // before /script-plugins/{id}: test-run is not a script's name
        versions.register(r);
        collection(r, "/script-plugins", scripts);
        collection(r, "/model-prices", modelPrices);
        usage.register(r);
        overview.register(r);
        cluster.register(r);
        playground.register(r);

        nested(r, "/services/{parent}/routes", services, routes, "service", "service_id");
        nested(r, "/services/{parent}/plugins", services, plugins, "service", "service_id");
        nested(r, "/routes/{parent}/plugins", routes, plugins, "route", "route_id");
        nested(r, "/consumers/{parent}/plugins", consumers, plugins, "consumer", "consumer_id");
        nested(r, "/upstreams/{parent}/targets", upstreams, targets, "upstream", "upstream_id");
        credentials.register(r, this::nestedScope);
        r.get("/routes/{id}/service", (req, res) -> {
            Route route = routes.get(param(req, "id"), Crud.Scope.NONE);
            if (route.service() == null) {
                throw AdminException.notFound();
            }
            send(res, 200, services.codec().render(services.get(route.service().id(), Crud.Scope.NONE)));
        });
        credentials.registerTopLevel(r);
        r.any((req, res) -> send(res, 404, JsonNodeFactory.instance.objectNode().put("message", "Not found")));
    }

    private <T extends Entity> void collection(HttpRules r, String path, Crud<T> crud) {
        r.get(path, (req, res) -> send(res, 200, crud.list(req, Crud.Scope.NONE)));
        r.post(path, (req, res) -> send(res, 201, crud.codec().render(crud.create(RequestBodies.read(req), Crud.Scope.NONE))));
        r.any(path, AdminRoutes::methodNotAllowed);
        item(r, path + "/{id}", crud, req -> Crud.Scope.NONE);
    }

    static void methodNotAllowed(ServerRequest req, ServerResponse res) {
        send(res, 405, JsonNodeFactory.instance.objectNode().put("message", "Method not allowed"));
    }

    private <P extends Entity, T extends Entity> void nested(HttpRules r, String path, Crud<P> parents,
                                                           Crud<T> children, String field, String column) {
        nested(r, path, parents, children, field, column, Map.of());
    }

    /** The scope of a credential kind under {@code /consumers/{parent}}. */
    private Crud.Scope nestedScope(ServerRequest req, String kind) {
        Consumer parent = consumers.get(param(req, "parent"), Crud.Scope.NONE);
        ObjectNode forced = JsonNodeFactory.instance.objectNode();
        forced.putObject("consumer").put("id", parent.id());
        return new Crud.Scope(Map.of("consumer_id", parent.id(), "kind", kind), forced);
    }

    /** {@code extraWhere}: further filters of the child collection (a credential's kind). */
    private <P extends Entity, T extends Entity> void nested(HttpRules r, String path, Crud<P> parents,
                                                           Crud<T> children, String field, String column,
                                                           Map<String, String> extraWhere) {
        java.util.function.Function<ServerRequest, Crud.Scope> scope = req -> {
            P parent = parents.get(param(req, "parent"), Crud.Scope.NONE);
            ObjectNode forced = JsonNodeFactory.instance.objectNode();
            forced.putObject(field).put("id", parent.id());
            Map<String, String> where = new java.util.HashMap<>(extraWhere);
            where.put(column, parent.id());
            return new Crud.Scope(Map.copyOf(where), forced);
        };
        r.get(path, (req, res) -> send(res, 200, children.list(req, scope.apply(req))));
        r.post(path, (req, res) -> {
            Crud.Scope s = scope.apply(req);
            send(res, 201, children.codec().render(children.create(RequestBodies.read(req), s)));
        });
        r.any(path, AdminRoutes::methodNotAllowed);
        item(r, path + "/{id}", children, scope);
    }

    private <T extends Entity> void item(HttpRules r, String path, Crud<T> crud,
                                         java.util.function.Function<ServerRequest, Crud.Scope> scope) {
        r.get(path, (req, res) -> send(res, 200, crud.codec().render(crud.get(param(req, "id"), scope.apply(req)))));
        r.patch(path, (req, res) -> {
            Crud.Scope s = scope.apply(req);
            send(res, 200, crud.codec().render(crud.patch(param(req, "id"), RequestBodies.read(req), s)));
        });
        r.put(path, (req, res) -> {
            Crud.Scope s = scope.apply(req);
            send(res, 200, crud.codec().render(crud.put(param(req, "id"), RequestBodies.read(req), s)));
        });
        r.delete(path, (req, res) -> {
            crud.delete(param(req, "id"), scope.apply(req));
            res.status(Status.NO_CONTENT_204).send();
        });
        r.any(path, AdminRoutes::methodNotAllowed);
    }

    static String param(ServerRequest req, String name) {
        return req.path().pathParameters().get(name);
    }

    static void send(ServerResponse res, int status, JsonNode body) {
        byte[] bytes;
        try {
            bytes = EntityJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        res.status(Status.create(status));
        res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8"));
        HeadRequests.send(res, bytes);
    }
}
