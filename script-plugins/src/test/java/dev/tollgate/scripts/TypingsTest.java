package dev.tollgate.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The typings package (types/) stays in step with the views scripts see, and with the SDK's version. */
class TypingsTest {
    static String typings() throws Exception {
        try (InputStream in = TypingsTest.class.getResourceAsStream("/tollgate-types/index.d.ts")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theJarCarriesTheTypingsNextToTheExamples() throws Exception {
        assertThat(typings()).isEqualTo(Files.readString(Path.of("types/index.d.ts")));
    }

    @Test
    void thePackagesVersionIsTheSdks() throws Exception {
        String pkg = Files.readString(Path.of("types/package.json"));
        assertThat(pkg).contains("\"version\": \"" + dev.tollgate.sdk.SdkVersion.current() + "\"")
                .contains("\"types\": \"index.d.ts\"");
    }

    @ParameterizedTest
    @CsvSource({
            "ContextView, Context", "RequestView, ClientRequest", "UpstreamView, UpstreamRequest",
            "UpstreamResponseView, UpstreamResponse", "ResponseView, ClientResponse", "ChatView, ChatRequest",
            "ChatView$MessageView, ChatMessage", "LogView, Log", "SharedView, Shared",
    })
    void everyMemberOfAViewIsTyped(String view, String iface) throws Exception {
        Field f = Class.forName("dev.tollgate.scripts." + view).getDeclaredField("KEYS");
        f.setAccessible(true);
        @SuppressWarnings("unchecked")
        List<String> keys = (List<String>) f.get(null);
        String text = typings();
        var m = Pattern.compile("interface " + Pattern.quote(iface) + " \\{(.*?)\\n  }", Pattern.DOTALL).matcher(text);
        assertThat(m.find()).as(iface).isTrue();
        List<String> typed = Pattern.compile("^    (?:readonly )?(\\w+)\\??[(:]", Pattern.MULTILINE).matcher(m.group(1))
                .results().map(r -> r.group(1)).distinct().toList();
        assertThat(typed).as(iface).containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void phaseFunctionsAreTyped() throws Exception {
        for (String fn : ScriptExports.functionNames()) {
            assertThat(typings()).contains("    " + fn + "?: ");
        }
    }
}
