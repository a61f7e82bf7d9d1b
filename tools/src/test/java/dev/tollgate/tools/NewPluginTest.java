package dev.tollgate.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import dev.tollgate.sdk.SdkVersion;
import dev.tollgate.tools.scaffold.NewPlugin;
import dev.tollgate.tools.trial.ScriptTrial;
import dev.tollgate.trial.TrialRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ./tollgate new-plugin writes builds and passes its own tests, as written. */
class NewPluginTest {
    @TempDir
    Path dir;

    @Test
    void aJavaProjectBuildsAndPassesItsUnitAndIntegrationTests() throws Exception {
        Path project = NewPlugin.java("add-team-header", dir, null);
        assertThat(project.resolve("src/main/java/com/example/addteamheader/AddTeamHeaderFactory.java")).exists();
        assertThat(project.resolve("src/test/java/com/example/addteamheader/AddTeamHeaderPluginIT.java")).exists();

        Maven.Result build = Maven.run(project, Path.of(System.getProperty("java.home")), "package");
        assertThat(build.exitCode()).as(build.output()).isZero();
        assertThat(build.output()).contains("Tests run: 4, Failures: 0").contains("Tests run: 3, Failures: 0");
        Path jar = project.resolve("target/add-team-header-1.0.0.jar");
        try (JarFile j = new JarFile(jar.toFile())) {
            assertThat(j.getManifest().getMainAttributes().getValue(SdkVersion.MANIFEST_ATTRIBUTE)).isEqualTo(SdkVersion.current());
            assertThat(j.getEntry("META-INF/services/dev.tollgate.sdk.PluginFactory")).isNotNull();
        }
    }

    @Test
    void aJavascriptPluginRunsOnItsOwnSampleRequest() throws IOException {
        List<Path> files = NewPlugin.javascript("add-team", dir);
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("add-team.js", "add-team.request.json", "add-team.config.json", "tollgate.d.ts");
        var report = ScriptTrial.run(dir.resolve("add-team.js"), TrialRequest.read(dir.resolve("add-team.request.json")),
                Map.of("value", "blue"));
        assertThat(report.error()).isNull();
        assertThat(report.upstreamHeaders()).containsEntry("x-team", List.of("blue"));
        assertThat(report.console()).containsExactly("[add-team.js] 1 message(s) for model gpt-4o");
        assertThat(Files.readString(dir.resolve("add-team.js"))).startsWith("/// <reference path=\"./tollgate.d.ts\" />");
    }

    @Test
    void namesThatAreNotJavaStillMakeAProjectThatCompiles() throws Exception {
        for (String name : List.of("class", "123abc", "a--b-")) {
            Path project = NewPlugin.java(name, dir, null);
            Path pom = project.resolve("pom.xml");
            assertThat(javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile())).isNotNull();
            List<String> sources;
            try (var walk = Files.walk(project.resolve("src"))) {
                // the integration test needs tollgate-testing, which the project's own build brings
                sources = walk.filter(p -> p.toString().endsWith(".java") && !p.toString().endsWith("IT.java"))
                        .map(Path::toString).toList();
            }
            List<String> args = new java.util.ArrayList<>(List.of("-d", dir.resolve("classes-" + name).toString(),
                    "-cp", System.getProperty("java.class.path"), "-proc:none"));
            args.addAll(sources);
            assertThat(javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)))
                    .as("the generated sources of '%s' compile", name).isZero();
        }
        assertThat(dir.resolve("123abc/src/main/java/com/example/p123abc/Plugin123abcFactory.java")).exists();
        assertThat(dir.resolve("class/src/main/java/com/example/pclass/ClassFactory.java")).exists();
    }

    @Test
    void badNamesAndExistingProjectsAreRefused() throws IOException {
        assertThatThrownBy(() -> NewPlugin.java("Add Team", dir, null)).hasMessageContaining("plugin name 'Add Team'");
        assertThatThrownBy(() -> NewPlugin.java("ok", dir, "com.Bad-Package")).hasMessageContaining("not a Java package name");
        assertThatThrownBy(() -> NewPlugin.java("ok", dir, "com.new.x")).hasMessageContaining("not a Java package name");
        assertThatThrownBy(() -> NewPlugin.java("ok", dir, "java.mine")).hasMessageContaining("is reserved");
        assertThatThrownBy(() -> NewPlugin.java("ok", dir, "dev.tollgate.sdk.mine")).hasMessageContaining("is reserved");
        NewPlugin.javascript("twice", dir);
        assertThatThrownBy(() -> NewPlugin.javascript("twice", dir)).hasMessageContaining("exists already");
    }
}
