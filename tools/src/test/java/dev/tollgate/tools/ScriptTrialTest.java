package dev.tollgate.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.tollgate.tools.trial.ScriptTrial;
import dev.tollgate.trial.TrialReport;
import dev.tollgate.trial.TrialRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A script's phases run offline, as ./tollgate plugin test runs them. */
class ScriptTrialTest {
    private static final String GUARD = """
            export const name = "guard";
            export const schema = { word: { type: "string", required: true, description: "A word to refuse." } };
            export function access(ctx, config) {
              const chat = ctx.llm.request;
              if (chat && chat.messages.some(m => m.content.includes(config.word))) {
                ctx.response.exit(403, { message: "refused" });
                return;
              }
              ctx.upstream.setHeader("X-Checked", "yes");
              if (chat) { chat.messages[0].content = chat.messages[0].content.toUpperCase(); }
              console.log("checked " + ctx.request.path);
            }
            export function headerFilter(ctx, config) { ctx.response.setHeader("X-Guard", "on"); }
            export function bodyFilter(ctx, config, chunk, last) { return chunk; }
            export function log(ctx, config) { ctx.log.info("status " + ctx.response.status); }
            """;

    @TempDir
    Path dir;

    private Path script(String source) throws IOException {
        return Files.writeString(dir.resolve("guard.js"), source);
    }

    @Test
    void aRequestThatPassesShowsWhatGoesUpstreamAndBack() throws IOException {
        TrialReport r = ScriptTrial.run(script(GUARD), TrialRequest.sample(), Map.of("word", "secret"));
        assertThat(r.error()).isNull();
        assertThat(r.phases()).extracting(TrialReport.PhaseTime::phase).containsExactly("access", "header_filter", "body_filter", "log");
        assertThat(r.phases()).allMatch(p -> p.millis() >= 0);
        assertThat(r.upstreamHeaders()).containsEntry("x-checked", List.of("yes"));
        assertThat(new String(r.upstreamBody(), StandardCharsets.UTF_8)).contains("HELLO!"); // the chat change is written back
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.responseHeaders()).containsEntry("x-guard", List.of("on"));
        assertThat(new String(r.responseBody(), StandardCharsets.UTF_8)).contains("chat.completion");
        assertThat(r.console()).containsExactly("[guard.js] checked /v1/chat/completions");
        assertThat(r.log()).anyMatch(l -> l.contains("status 200"));
        assertThat(r.render()).contains("upstream request", "x-checked: yes", "console", "[guard.js] checked");
    }

    @Test
    void aRequestThePluginAnswersItselfSkipsTheUpstream() throws IOException {
        TrialRequest secret = TrialRequest.parse("""
                {"method": "POST", "path": "/chat", "body": {"messages": [{"role": "user", "content": "the secret plan"}]}}
                """);
        TrialReport r = ScriptTrial.run(script(GUARD), secret, Map.of("word", "secret"));
        assertThat(r.exitedIn()).isEqualTo("access");
        assertThat(r.status()).isEqualTo(403);
        assertThat(new String(r.responseBody(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"refused\"}");
        assertThat(r.phases()).extracting(TrialReport.PhaseTime::phase).containsExactly("access", "header_filter", "log");
        assertThat(r.render()).contains("(none: the plugin answered in access)");
    }

    @Test
    void whatTheGatewayWouldRefuseIsReportedAsItWould() throws IOException {
        assertThat(ScriptTrial.run(script(GUARD), TrialRequest.sample(), Map.of()).error())
                .isEqualTo("config: {word=required field missing}");
        assertThat(ScriptTrial.run(script("export const name = ;"), TrialRequest.sample(), Map.of()).error())
                .startsWith("load: guard.js:1:21: SyntaxError");
        TrialReport thrown = ScriptTrial.run(script("export const name = 'x';\nexport function access(ctx) { null.x; }\n"),
                TrialRequest.sample(), Map.of());
        assertThat(thrown.error()).startsWith("access failed (the client would get a 500)").contains("guard.js");
        assertThat(thrown.status()).isEqualTo(500);
    }

    @Test
    void aFailingLogPhaseLeavesTheAnswerAsTheGatewayDoes() throws IOException {
        TrialReport r = ScriptTrial.run(script("""
                export const name = "late";
                export function access(ctx) { ctx.upstream.setQuery("q", "a b&c"); }
                export function log(ctx) { throw new Error("log broke"); }
                """), TrialRequest.sample(), Map.of());
        assertThat(r.status()).isEqualTo(200); // the client had its answer before log ran
        assertThat(r.error()).contains("log failed").contains("already has its answer");
        assertThat(r.upstreamQuery()).isEqualTo("q=a%20b%26c"); // encoded as the gateway encodes it

        TrialReport thrown = ScriptTrial.run(script("""
                export const name = "early";
                export function access(ctx) { throw new Error("access broke"); }
                export function log(ctx) { console.log("log ran"); }
                """), TrialRequest.sample(), Map.of());
        assertThat(thrown.status()).isEqualTo(500);
        assertThat(thrown.console()).contains("[guard.js] log ran"); // log runs after a failure, as in the gateway
    }

    @Test
    void aScriptThatPrintsWithoutEndKeepsTheFirstThousandLines() throws IOException {
        TrialReport r = ScriptTrial.run(script("""
                export const name = "chatty";
                export function access(ctx) { for (let i = 0; i < 5000; i++) console.log("line " + i); }
                """), TrialRequest.sample(), Map.of());
        assertThat(r.console()).hasSize(1001).endsWith("… 4000 more line(s) left out");
    }

    @Test
    void aMalformedRequestFileNamesWhatIsWrong() {
        assertThatThrownBy(() -> TrialRequest.parse("{\"headers\": [1]}")).hasMessageContaining("headers: expected an object");
        assertThatThrownBy(() -> TrialRequest.parse("{\"upstream\": {\"status\": 99}}")).hasMessageContaining("upstream.status: 99");
        assertThatThrownBy(() -> TrialRequest.parse("[")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> TrialRequest.parse("{\"upstream\": {\"status\": \"abc\"}}")).hasMessageContaining("expected: an integer");
        assertThatThrownBy(() -> TrialRequest.parse("{\"upstream\": {\"status\": 99999999999}}")).hasMessageContaining("expected: an integer");
        assertThatThrownBy(() -> TrialRequest.read(Path.of("/nonexistent/req.json"))).hasMessage("/nonexistent/req.json: no such file");
    }
}
