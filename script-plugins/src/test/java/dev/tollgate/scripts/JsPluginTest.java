package dev.tollgate.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.CredentialInfo;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.WrongPhaseException;
import dev.tollgate.sdk.testkit.FakePluginContext;
import dev.tollgate.sdk.testkit.SimpleChatRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JsPluginTest {
    private static JsPluginFactory factory;

    @BeforeAll
    static void load() throws Exception {
        factory = Scripts.load("team-gate.js", """
                export const name = "team-gate";
                export const schema = {
                  header: { type: "string", default: "x-team", description: "Header to send upstream." },
                };
                export function access(ctx, config) {
                  const team = ctx.request.header("x-team-id");
                  if (!team) {
                    ctx.response.exit(401, { message: "team required", path: ctx.request.path }, { "www-authenticate": "Team" });
                    return;
                  }
                  ctx.upstream.setHeader(config.header, team + "@" + ctx.route.serviceName);
                  ctx.log.info("team", team);
                  const chat = ctx.llm.request;
                  if (chat) {
                    chat.model = "gpt-4o-mini";
                    chat.messages[0].content = chat.messages[0].content.toUpperCase();
                    chat.addMessage(0, "system", "be brief");
                  }
                  if (ctx.consumer) ctx.upstream.setHeader("x-user", ctx.consumer.username);
                }
                export function headerFilter(ctx) {
                  ctx.upstream.setHeader("x-too-late", "1");
                }
                """);
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void setsAnUpstreamHeaderFromTheRequestAndConfig() {
        var plugin = factory.create(factory.configSchema().validate(Map.of("header", "x-upstream-team")));
        var ctx = FakePluginContext.builder().header("X-Team-Id", "blue").build();
        plugin.access(ctx.in(Phase.ACCESS));
        assertThat(ctx.exitStatus()).isZero();
        assertThat(ctx.upstreamHeaders()).containsEntry("x-upstream-team", List.of("blue@service"));
        assertThat(ctx.logLines()).contains("INFO team blue");
    }

    @Test
    void exits401WithAJsonBodyAndHeadersConvertedToJava() {
        var plugin = factory.create(factory.configSchema().validate(Map.of()));
        var ctx = FakePluginContext.builder().path("/v1/chat").build();
        plugin.access(ctx.in(Phase.ACCESS));
        assertThat(ctx.exitStatus()).isEqualTo(401);
        assertThat(ctx.exitBody()).isEqualTo(Map.of("message", "team required", "path", "/v1/chat"));
        assertThat(ctx.responseHeaders()).containsEntry("www-authenticate", List.of("Team"));
        assertThat(ctx.upstreamHeaders()).doesNotContainKey("x-team");
    }

    @Test
    void changesTheChatRequestThroughTheTypedView() {
        var plugin = factory.create(factory.configSchema().validate(Map.of()));
        var chat = new SimpleChatRequest("gpt-4o").user("hello");
        var alice = ConsumerInfo.builder("c1").username("alice").build();
        var ctx = FakePluginContext.builder().header("x-team-id", "red").chat(chat)
                .credential(alice, CredentialInfo.builder("k1", "key-auth", "c1", "key").build()).build();
        ctx.identity().authenticate(alice, null);
        plugin.access(ctx.in(Phase.ACCESS));
        assertThat(chat.model()).contains("gpt-4o-mini");
        assertThat(chat.messages()).extracting(m -> m.role() + ":" + m.content()).containsExactly("system:be brief", "user:HELLO");
        assertThat(ctx.upstreamHeaders()).containsEntry("x-user", List.of("alice"));
    }

    @Test
    void aCallInTheWrongPhaseFailsAsInJava() {
        var plugin = factory.create(factory.configSchema().validate(Map.of()));
        var ctx = FakePluginContext.builder().upstreamResponse(200, Map.of()).build();
        assertThatThrownBy(() -> plugin.headerFilter(ctx.in(Phase.HEADER_FILTER))).isInstanceOf(WrongPhaseException.class);
    }

    @Test
    void theConfigIsReadOnly() throws Exception {
        var f = Scripts.load("ro.js", """
                export const name = "ro";
                export const schema = { a: { type: "string", default: "x", description: "A." } };
                export function access(ctx, config) { config.a = "y"; }
                """);
        var plugin = f.create(f.configSchema().validate(Map.of()));
        assertThatThrownBy(() -> plugin.access(FakePluginContext.builder().build()))
                .isInstanceOf(ScriptFailedException.class).hasMessageStartingWith("ro.js: ").hasMessageContaining("writeMember (a)");
        f.close();
    }

    @Test
    void aScriptErrorNamesTheScript() throws Exception {
        var f = Scripts.load("thrower.js", """
                export const name = "thrower";
                export function access(ctx, config) {
                  throw new TypeError("no way");
                }
                """);
        var plugin = f.create(f.configSchema().validate(Map.of()));
        assertThatThrownBy(() -> plugin.access(FakePluginContext.builder().build()))
                .isInstanceOf(ScriptFailedException.class).hasMessageStartingWith("thrower.js: TypeError: no way (line 3");
        f.close();
    }
}
