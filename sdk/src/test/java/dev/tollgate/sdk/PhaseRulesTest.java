package dev.tollgate.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import dev.tollgate.sdk.spi.ScriptedPlugin;
import org.junit.jupiter.api.Test;

class PhaseRulesTest {
    static class Base implements Plugin {
        @Override
        public void access(PluginContext ctx) {
        }
    }

    static final class Filtering extends Base {
        @Override
        public byte[] bodyFilter(PluginContext ctx, byte[] chunk, boolean last) {
            return chunk;
        }

        @Override
        public void log(PluginContext ctx) {
        }
    }

    static final class Scripted implements Plugin, ScriptedPlugin {
        @Override
        public void log(PluginContext ctx) {
        }
    }

    @Test
    void aPhaseMethodImplementedButNotDeclaredIsFoundInheritedOnesIncluded() {
        assertThat(PhaseRules.undeclared(Set.of(Phase.ACCESS), Filtering.class)).containsExactly(Phase.BODY_FILTER, Phase.LOG);
        assertThat(PhaseRules.undeclared(Set.of(Phase.BODY_FILTER, Phase.LOG), Filtering.class)).containsExactly(Phase.ACCESS);
        assertThat(PhaseRules.undeclared(Set.of(Phase.ACCESS, Phase.BODY_FILTER, Phase.LOG), Filtering.class)).isEmpty();
        assertThat(PhaseRules.undeclared(Set.of(), Scripted.class)).isEmpty();
    }
}
