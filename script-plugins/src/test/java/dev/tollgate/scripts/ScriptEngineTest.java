package dev.tollgate.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ScriptEngineTest {

    @Test
    void runsCompiledWhenTheJvmciFlagsArePresent() {
        boolean jvmci = ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+EnableJVMCI");
        System.out.println("js engine: " + Scripts.ENGINE.implementationName() + " (" + Scripts.ENGINE.mode() + ")");
        if (!jvmci) {
            System.err.println("!!! ScriptEngineTest: JVM started without -XX:+EnableJVMCI; compiled-mode assertion SKIPPED");
        }
        Assumptions.assumeTrue(jvmci, "JVM started without -XX:+EnableJVMCI: cannot check the optimizing runtime");
        assertThat(Scripts.ENGINE.implementationName()).isNotEqualTo("Interpreted");
        assertThat(Scripts.ENGINE.mode()).isEqualTo("compiled");
    }
}
