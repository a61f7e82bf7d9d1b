package dev.tollgate.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.scripts.testkit.ScriptTestKit;
import dev.tollgate.sdk.testkit.FakePluginContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A script's body filter sees whole characters, even when a chunk boundary cuts one in two. */
class BodyFilterTextTest {
    @TempDir
    Path dir;

    @Test
    void charactersSplitAcrossChunksArriveWhole() throws Exception {
        Path file = dir.resolve("upper.js");
        Files.writeString(file, "export const name = 'upper';\n"
                + "export function bodyFilter(ctx, chunk, last) { return chunk.toUpperCase(); }\n");
        var factory = ScriptTestKit.load(file);
        Plugin plugin = factory.create(factory.configSchema().validate(Map.of()));
        byte[] text = "crème brûlée — 日本語 🎉 fin".getBytes(StandardCharsets.UTF_8);
        FakePluginContext ctx = FakePluginContext.builder().upstreamResponse(200, Map.of()).build().in(Phase.BODY_FILTER);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length; i += 3) { // 3-byte chunks cut most multi-byte characters
            byte[] chunk = java.util.Arrays.copyOfRange(text, i, Math.min(text.length, i + 3));
            out.write(plugin.bodyFilter(ctx, chunk, false));
        }
        out.write(plugin.bodyFilter(ctx, new byte[0], true));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("CRÈME BRÛLÉE — 日本語 🎉 FIN");
        if (factory instanceof AutoCloseable c) {
            c.close();
        }
    }

    @Test
    void findsTheLastCompleteCharacter() {
        assertThat(JsPlugin.completeUtf8("abc".getBytes(StandardCharsets.UTF_8))).isEqualTo(3);
        byte[] e = "é".getBytes(StandardCharsets.UTF_8);
        assertThat(JsPlugin.completeUtf8(new byte[] {'a', e[0]})).isEqualTo(1);
        byte[] party = "🎉".getBytes(StandardCharsets.UTF_8);
        assertThat(JsPlugin.completeUtf8(java.util.Arrays.copyOf(party, 3))).isEqualTo(0);
        assertThat(JsPlugin.completeUtf8(party)).isEqualTo(4);
    }
}
