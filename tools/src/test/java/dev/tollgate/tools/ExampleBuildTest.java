package dev.tollgate.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/examples/hello-plugin builds as its README says, with the machine's plain {@code mvn}: on
 * the oldest JDK plugins may be built with (17) when the machine has one, as a user's default
 * JDK often is. Maven 3.8's default compiler plugin (3.1) ignores the release; the example pins
 * its plugins so that this passes.
 */
class ExampleBuildTest {
    @TempDir
    Path dir;

    @Test
    void helloPluginBuildsWithPlainMaven() throws Exception {
        Path example = copy(locate("docs/examples/hello-plugin"), dir.resolve("hello-plugin"));
        Path jdk = oldestJdk();
        System.out.println("building docs/examples/hello-plugin with " + jdk + " (Java " + Maven.javaVersion(jdk) + ")");
        Maven.Result build = Maven.run(example, jdk, "package");
        assertThat(build.exitCode()).as(build.output()).isZero();
        assertThat(build.output()).contains("Tests run:").doesNotContain("Source option 5");
        assertThat(example.resolve("target/hello-plugin-1.0.0.jar")).exists();
    }

    /** A JDK 17 when the machine has one, else the JDK running this test. */
    private static Path oldestJdk() {
        for (Path candidate : List.of(Path.of("/usr/lib/jvm/java-17-openjdk-amd64"), Path.of("/usr/lib/jvm/java-17-openjdk-arm64"),
                Path.of("/usr/lib/jvm/temurin-17-jdk-amd64"))) {
            if (Files.isExecutable(candidate.resolve("bin/javac"))) {
                return candidate;
            }
        }
        return Path.of(System.getProperty("java.home"));
    }

    private static Path locate(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(relative))) {
                return p.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.filter(p -> !from.relativize(p).startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
