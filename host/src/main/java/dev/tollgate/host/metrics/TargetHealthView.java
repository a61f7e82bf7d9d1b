package dev.tollgate.host.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tollgate.db.ConfigData;
import dev.tollgate.db.ConfiguredPlugin;
import dev.tollgate.db.Ref;
import dev.tollgate.db.Target;
import dev.tollgate.db.Upstream;

/**
 * Kong's {@code upstream_target_health} rows for a configuration: exported, as in Kong, only
 * while an enabled {@code prometheus} plugin sets {@code upstream_health_metrics}. Targets have no
 * health checks yet, so every target with a weight is {@code healthchecks_off}.
 */
public final class TargetHealthView {
    private static final String PLUGIN = "prometheus";
    private static final String FIELD = "upstream_health_metrics";

    private TargetHealthView() {
    }

    public static List<NodeMetrics.TargetHealth> of(ConfigData data) {
        if (data == null || !enabled(data.plugins())) {
            return List.of();
        }
        Map<String, String> names = new HashMap<>();
        for (Upstream u : data.upstreams()) {
            names.put(u.id(), u.name());
        }
        List<NodeMetrics.TargetHealth> out = new ArrayList<>();
        for (Target t : data.targets()) {
            String upstream = names.get(Ref.idOf(t.upstream()));
            if (upstream != null && t.weight() > 0) {
                out.add(new NodeMetrics.TargetHealth(upstream, t.target(), t.target(), "healthchecks_off"));
            }
        }
        return out;
    }

    private static boolean enabled(List<ConfiguredPlugin> plugins) {
        for (ConfiguredPlugin p : plugins) {
            if (p.enabled() && PLUGIN.equals(p.name()) && Boolean.TRUE.equals(p.config().get(FIELD))) {
                return true;
            }
        }
        return false;
    }
}
