package dev.tollgate.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tollgate.db.ConfiguredPlugin;
import dev.tollgate.db.Ref;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;
import org.junit.jupiter.api.Test;

/** Kong's precedence among scopes, and instances kept across snapshots while unchanged. */
class PluginIndexTest {
    private final AtomicInteger created = new AtomicInteger();
    private final PluginFactory factory = new PluginFactory() {
        @Override
        public String name() {
            return "p";
        }

        @Override
        public int priority() {
            return 1;
        }

        @Override
        public String version() {
            return "1";
        }

        @Override
        public Set<Phase> phases() {
            return Set.of(Phase.ACCESS);
        }

        @Override
        public ConfigSchema configSchema() {
            return ConfigSchema.builder().field(Field.integer("x").description("any number")).build();
        }

        @Override
        public Plugin create(PluginConfig config) {
            created.incrementAndGet();
            return new Plugin() {
            };
        }
    };
    private final PluginRegistry registry = PluginRegistry.of(List.of(factory));
    private final SharedServices services = new SharedServices(Clock.systemUTC());

    private static ConfiguredPlugin plugin(String id, String service, String route, String consumer, long updatedAt) {
        return new ConfiguredPlugin(id, "p", null, Ref.to(service), Ref.to(route), Ref.to(consumer), Map.of(), List.of("http"), true,
                List.of(), 1, updatedAt);
    }

    @Test
    void theMostSpecificScopeWins() {
        var index = PluginIndex.build(List.of(
                plugin("global", null, null, null, 1),
                plugin("service", "s", null, null, 1),
                plugin("route", null, "r", null, 1),
                plugin("route+service", "s", "r", null, 1),
                plugin("consumer", null, null, "c", 1),
                plugin("service+consumer", "s", null, "c", 1),
                plugin("route+consumer", null, "r", "c", 1),
                plugin("all", "s", "r", "c", 1)), registry, services);
        assertThat(index.resolve("p", "r", "s", "c").id()).isEqualTo("all");
        assertThat(index.resolve("p", "r", "s2", "c").id()).isEqualTo("route+consumer");
        assertThat(index.resolve("p", "r2", "s", "c").id()).isEqualTo("service+consumer");
        assertThat(index.resolve("p", "r", "s", null).id()).isEqualTo("route+service");
        assertThat(index.resolve("p", "r2", "s2", "c").id()).isEqualTo("consumer");
        assertThat(index.resolve("p", "r", "s2", null).id()).isEqualTo("route");
        assertThat(index.resolve("p", "r2", "s", null).id()).isEqualTo("service");
        assertThat(index.resolve("p", "r2", "s2", "c2").id()).isEqualTo("global");
        assertThat(index.resolve("other", "r", "s", "c")).isNull();
    }

    @Test
    void unchangedInstancesAreReusedAndChangedOnesDropped() {
        var first = PluginIndex.build(List.of(plugin("a", null, null, null, 1), plugin("b", "s", null, null, 1)), registry, services);
        assertThat(created).hasValue(2);
        var changedB = new ConfiguredPlugin("b", "p", null, Ref.to("s"), null, null, Map.of("x", 1), List.of("http"), true, List.of(), 1, 1);
        var second = PluginIndex.build(List.of(plugin("a", null, null, null, 2), changedB), registry, services, first);
        assertThat(created).hasValue(3); // only b, whose config changed (in the same second), is made again
        assertThat(second.resolve("p", "r", "x", null)).isSameAs(first.resolve("p", "r", "x", null));
        assertThat(first.droppedBy(second)).extracting(PluginIndex.Instance::id).containsExactly("b");
    }
}
