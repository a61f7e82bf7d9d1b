package dev.tollgate.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import dev.tollgate.sdk.PhaseRules;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginFactory;
import org.junit.jupiter.api.Test;

/** Every built-in plugin declares each phase it implements: an undeclared one would never run (and the gateway refuses it). */
class PhasesDeclaredTest {
    @Test
    void everyPhaseAPluginImplementsIsDeclaredByItsFactory() throws IOException, URISyntaxException, ClassNotFoundException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (PluginFactory f : ServiceLoader.load(PluginFactory.class)) {
            Path dir = Path.of(f.getClass().getProtectionDomain().getCodeSource().getLocation().toURI())
                    .resolve(f.getClass().getPackageName().replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.filter(x -> x.toString().endsWith(".class")).toList()) {
                    String name = f.getClass().getPackageName() + "." + p.getFileName().toString().replace(".class", "");
                    Class<?> c = Class.forName(name, false, getClass().getClassLoader());
                    if (Plugin.class.isAssignableFrom(c) && !c.isInterface()) {
                        checked++;
                        @SuppressWarnings("unchecked")
                        var undeclared = PhaseRules.undeclared(f.phases(), (Class<? extends Plugin>) c);
                        if (!undeclared.isEmpty()) {
                            problems.add(f.name() + ": " + c.getSimpleName() + " implements " + undeclared);
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(22);
        assertThat(problems).isEmpty();
    }
}
