package dev.tollgate.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The store on both databases: the same migrations, the same behaviour. */
class ConfigStoreTest {
    @TempDir
    static Path tmp;

    static Stream<Arguments> modes() {
        return Stream.of(Arguments.of("h2"), Arguments.of("postgres"));
    }

    private static ConfigStore open(String mode) {
        var m = mode.equals("h2") ? TestDatabases.h2(tmp.resolve(UUID.randomUUID().toString())) : TestDatabases.postgres();
        return ConfigStore.open(m.settings());
    }

    private static Service service(String name) {
        return new Service(UUID.randomUUID().toString(), name, "http", "127.0.0.1", 8080, "/v1", 5,
                60000, 60000, 60000, true, null, true, List.of("ai", "team-a"), 1, 1);
    }

    private static Route route(String name, Service s) {
        return new Route(UUID.randomUUID().toString(), name, s == null ? null : new Ref(s.id()), List.of("http"),
                null, null, List.of("/ai"), null, true, false, 0, "v0", 426, true, true, List.of(), 1, 1);
    }

    @ParameterizedTest
    @MethodSource("modes")
    void insertFindUpdateDeleteAndVersion(String mode) {
        try (ConfigStore store = open(mode)) {
            long v0 = store.version();
            Service s = store.insert(EntityKind.SERVICES, service("mock-llm"));
            assertThat(store.version()).isEqualTo(v0 + 1);
            assertThat(store.find(EntityKind.SERVICES, "mock-llm")).contains(s);
            assertThat(store.find(EntityKind.SERVICES, s.id())).contains(s);

            Service renamed = new Service(s.id(), "renamed", s.protocol(), s.host(), 9090, s.path(), s.retries(),
                    s.connectTimeout(), s.writeTimeout(), s.readTimeout(), false, null, true, List.of(), 1, 2);
            assertThat(store.update(EntityKind.SERVICES, renamed)).contains(renamed);
            assertThat(store.find(EntityKind.SERVICES, "mock-llm")).isEmpty();
            assertThat(store.find(EntityKind.SERVICES, "renamed").orElseThrow().port()).isEqualTo(9090);

            assertThat(store.delete(EntityKind.SERVICES, s.id())).isTrue();
            assertThat(store.delete(EntityKind.SERVICES, s.id())).isFalse();
            assertThat(store.find(EntityKind.SERVICES, s.id())).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void duplicatesAndBrokenReferencesAreRefusedWithTheField(String mode) {
        try (ConfigStore store = open(mode)) {
            Service s = store.insert(EntityKind.SERVICES, service("llm"));
            assertThatThrownBy(() -> store.insert(EntityKind.SERVICES, service("llm")))
                    .isInstanceOfSatisfying(StoreException.Duplicate.class,
                            e -> assertThat(e.fields()).containsEntry("name", "llm"));

            Route orphan = new Route(UUID.randomUUID().toString(), null, new Ref(UUID.randomUUID().toString()),
                    List.of("http"), null, null, List.of("/x"), null, true, false, 0, "v0", 426, true, true, List.of(), 1, 1);
            assertThatThrownBy(() -> store.insert(EntityKind.ROUTES, orphan))
                    .isInstanceOfSatisfying(StoreException.Reference.class,
                            e -> assertThat(e.field()).contains("service"));

            store.insert(EntityKind.ROUTES, route("r1", s));
            assertThatThrownBy(() -> store.delete(EntityKind.SERVICES, s.id()))
                    .isInstanceOf(StoreException.Reference.class)
                    .hasMessageContaining("'routes' entity references this 'services' entity");
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void pluginScopeIsUniqueAndCascadesWithItsService(String mode) {
        try (ConfigStore store = open(mode)) {
            Service s = store.insert(EntityKind.SERVICES, service("svc"));
            ConfiguredPlugin global = new ConfiguredPlugin(UUID.randomUUID().toString(), "key-auth", null, null, null, null,
                    Map.of(), List.of("http"), true, List.of(), 1, 1);
            ConfiguredPlugin onService = new ConfiguredPlugin(UUID.randomUUID().toString(), "key-auth", null, new Ref(s.id()), null, null,
                    Map.of("key_names", List.of("apikey")), List.of("http"), true, List.of(), 1, 1);
            store.insert(EntityKind.PLUGINS, global);
            store.insert(EntityKind.PLUGINS, onService);
            ConfiguredPlugin again = new ConfiguredPlugin(UUID.randomUUID().toString(), "key-auth", null, null, null, null,
                    Map.of(), List.of("http"), true, List.of(), 1, 1);
            assertThatThrownBy(() -> store.insert(EntityKind.PLUGINS, again)).isInstanceOf(StoreException.Duplicate.class);

            store.delete(EntityKind.SERVICES, s.id());
            assertThat(store.loadAll().plugins()).extracting(ConfiguredPlugin::id).containsExactly(global.id());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void listsPageByPageAndFiltersByTagsAndColumns(String mode) {
        try (ConfigStore store = open(mode)) {
            for (int i = 0; i < 5; i++) {
                Service s = store.insert(EntityKind.SERVICES, service("s" + i));
                store.insert(EntityKind.ROUTES, route("r" + i, s));
            }
            Page<Service> first = store.list(EntityKind.SERVICES, new ListQuery(2, null, List.of(), false, Map.of()));
            assertThat(first.data()).extracting(Service::name).containsExactly("s0", "s1");
            Page<Service> second = store.list(EntityKind.SERVICES, new ListQuery(2, first.next().orElseThrow(), List.of(), false, Map.of()));
            assertThat(second.data()).extracting(Service::name).containsExactly("s2", "s3");
            Page<Service> third = store.list(EntityKind.SERVICES, new ListQuery(2, second.next().orElseThrow(), List.of(), false, Map.of()));
            assertThat(third.data()).extracting(Service::name).containsExactly("s4");
            assertThat(third.next()).isEmpty();

            assertThat(store.list(EntityKind.SERVICES, new ListQuery(10, null, List.of("ai", "team-a"), false, Map.of())).data()).hasSize(5);
            assertThat(store.list(EntityKind.SERVICES, new ListQuery(10, null, List.of("ai", "nope"), false, Map.of())).data()).isEmpty();
            assertThat(store.list(EntityKind.SERVICES, new ListQuery(10, null, List.of("nope", "ai"), true, Map.of())).data()).hasSize(5);

            String s2 = store.find(EntityKind.SERVICES, "s2").orElseThrow().id();
            assertThat(store.list(EntityKind.ROUTES, ListQuery.all().where("service_id", s2)).data())
                    .extracting(Route::name).containsExactly("r2");
            assertThatThrownBy(() -> store.list(EntityKind.SERVICES, new ListQuery(2, "%%%", List.of(), false, Map.of())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset");
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void dataSurvivesReopen(String mode) {
        if (!mode.equals("h2")) {
            return;
        }
        Path dir = tmp.resolve("reopen");
        try (ConfigStore store = ConfigStore.open(DatabaseSettings.h2(dir))) {
            store.insert(EntityKind.SERVICES, service("kept"));
        }
        try (ConfigStore store = ConfigStore.open(DatabaseSettings.h2(dir))) {
            assertThat(store.find(EntityKind.SERVICES, "kept")).isPresent();
            assertThat(store.ping()).isTrue();
        }
    }
}
