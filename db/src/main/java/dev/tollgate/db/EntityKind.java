package dev.tollgate.db;

import java.util.List;
import java.util.function.Function;

/**
 * The kinds of configuration entity and how each is stored: its table, the columns
 * derived from the entity (keys and references) and which of them are unique.
 *
 * @param <T> the entity record
 */
public final class EntityKind<T extends Entity> {

    /** A column derived from the entity. {@code field} is the Admin API field it comes from. */
    public record Column<T>(String name, String field, Function<T, Object> value) {}

    public static final EntityKind<Service> SERVICES = new EntityKind<>(
            "services", "service", Service.class,
            List.of(new Column<>("name", "name", Service::name)),
            List.of(List.of("name")), "name");

    public static final EntityKind<Route> ROUTES = new EntityKind<>(
            "routes", "route", Route.class,
            List.of(new Column<>("name", "name", Route::name),
                    new Column<>("service_id", "service", r -> Ref.idOf(r.service()))),
            List.of(List.of("name")), "name");

    public static final EntityKind<Upstream> UPSTREAMS = new EntityKind<>(
            "upstreams", "upstream", Upstream.class,
            List.of(new Column<>("name", "name", Upstream::name)),
            List.of(List.of("name")), "name");

    public static final EntityKind<Target> TARGETS = new EntityKind<>(
            "targets", "target", Target.class,
            List.of(new Column<>("upstream_id", "upstream", t -> Ref.idOf(t.upstream())),
                    new Column<>("target", "target", Target::target)),
            List.of(List.of("upstream_id", "target")), "target");

    public static final EntityKind<Consumer> CONSUMERS = new EntityKind<>(
            "consumers", "consumer", Consumer.class,
            List.of(new Column<>("username", "username", Consumer::username),
                    new Column<>("custom_id", "custom_id", Consumer::customId)),
            List.of(List.of("username"), List.of("custom_id")), "username");

    public static final EntityKind<Credential> CREDENTIALS = new EntityKind<>(
            "credentials", "credential", Credential.class,
            List.of(new Column<>("kind", "kind", Credential::kind),
                    new Column<>("consumer_id", "consumer", c -> Ref.idOf(c.consumer())),
                    new Column<>("lookup_key", "key", Credential::lookupKey)),
            List.of(List.of("kind", "lookup_key")), "lookup_key");

    public static final EntityKind<ConfiguredPlugin> PLUGINS = new EntityKind<>(
            "plugins", "plugin", ConfiguredPlugin.class,
            List.of(new Column<>("name", "name", ConfiguredPlugin::name),
                    new Column<>("instance_name", "instance_name", ConfiguredPlugin::instanceName),
                    new Column<>("service_id", "service", p -> Ref.idOf(p.service())),
                    new Column<>("route_id", "route", p -> Ref.idOf(p.route())),
                    new Column<>("consumer_id", "consumer", p -> Ref.idOf(p.consumer())),
                    new Column<>("scope_key", "name", ConfiguredPlugin::scopeKey)),
            List.of(List.of("instance_name"), List.of("scope_key")), "instance_name");

    public static final EntityKind<ScriptPlugin> SCRIPT_PLUGINS = new EntityKind<>(
            "script_plugins", "script plugin", ScriptPlugin.class,
            List.of(new Column<>("name", "name", ScriptPlugin::name)),
            List.of(List.of("name")), "name");

    /** Found by name through its model; a model several providers price is found by id only. */
    public static final EntityKind<ModelPrice> MODEL_PRICES = new EntityKind<>(
            "model_prices", "model price", ModelPrice.class,
            List.of(new Column<>("provider", "provider", ModelPrice::provider),
                    new Column<>("model", "model", ModelPrice::model),
                    new Column<>("price_key", "model", ModelPrice::priceKey)),
            List.of(List.of("price_key")), "model");

    public static final List<EntityKind<?>> ALL =
            List.of(SERVICES, ROUTES, UPSTREAMS, TARGETS, CONSUMERS, CREDENTIALS, PLUGINS, SCRIPT_PLUGINS, MODEL_PRICES);

    private final String table;
    private final String singular;
    private final Class<T> type;
    private final List<Column<T>> columns;
    private final List<List<String>> uniqueKeys;
    private final String nameColumn;

    private EntityKind(String table, String singular, Class<T> type, List<Column<T>> columns,
                       List<List<String>> uniqueKeys, String nameColumn) {
        this.table = table;
        this.singular = singular;
        this.type = type;
        this.columns = columns;
        this.uniqueKeys = uniqueKeys;
        this.nameColumn = nameColumn;
    }

    /** Table name, also the Admin API collection name ("services"). */
    public String table() {
        return table;
    }

    /** Singular name for messages ("service"). */
    public String singular() {
        return singular;
    }

    public Class<T> type() {
        return type;
    }

    public List<Column<T>> columns() {
        return columns;
    }

    /** Sets of columns that together must be unique. */
    public List<List<String>> uniqueKeys() {
        return uniqueKeys;
    }

    /** The column an entity is also found by, besides its id. */
    public String nameColumn() {
        return nameColumn;
    }

    public Column<T> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("column: " + name + " (not in " + table + ")"));
    }

    @Override
    public String toString() {
        return table;
    }
}
