package dev.tollgate.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The extension as a plugin project uses it: a real gateway, the plugin under test installed from the class path. */
class TollgateExtensionTest {
    @RegisterExtension
    static final TollgateExtension TOLLGATE = TollgateExtension.withFlags("--proxy.max-body-size=1KiB");

    @TempDir
    Path dir;

    @Test
    void aPluginOnTheClassPathRunsInARealGateway(Tollgate tollgate) {
        String route = tollgate.echoRoute("/stamped");
        tollgate.configure("/routes/stamped/plugins", "name=test-stamp", "config.stamp=it-works");

        var res = tollgate.get(tollgate.proxy(route + "/a?b=c"));
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(Tollgate.json(res).get("headers").get("x-stamp").asText()).isEqualTo("it-works");
        assertThat(tollgate.pluginLog("test-stamp")).anyMatch(l -> l.contains("stamped /stamped/a"));
        assertThat(tollgate.mockLlm().requests()).isNotEmpty();
    }

    @Test
    void theGatewaysFlagsApply() {
        Tollgate tollgate = TOLLGATE.gateway();
        String route = tollgate.echoRoute("/big");
        var res = tollgate.postJson(tollgate.proxy(route), "\"" + "x".repeat(2000) + "\"");
        assertThat(res.statusCode()).isEqualTo(413);
    }

    @Test
    void aBadConfigurationFailsWithTheGatewaysAnswer(Tollgate tollgate) {
        assertThatThrownBy(() -> tollgate.configure("/plugins", "name=test-stamp"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("400").hasMessageContaining("stamp");
    }

    @Test
    void aScriptDroppedIntoThePluginsDirectoryIsLoaded(Tollgate tollgate) throws IOException {
        Path script = Files.writeString(dir.resolve("add-team.js"), """
                export const name = "add-team";
                export function access(ctx, config) { ctx.upstream.setHeader("X-Team", "blue"); }
                """);
        tollgate.installPlugin(script);
        String route = tollgate.echoRoute("/team");
        tollgate.configure("/routes/team/plugins", "name=add-team");
        var res = tollgate.get(tollgate.proxy(route));
        assertThat(Tollgate.json(res).get("headers").get("x-team").asText()).isEqualTo("blue");

        Path broken = Files.writeString(dir.resolve("broken.js"), "export const name = ;");
        assertThatThrownBy(() -> tollgate.installPlugin(broken)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("broken.js:1:21: SyntaxError");
    }
}
