package dev.tollgate.scripts.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.tollgate.scripts.ScriptLimits;
import dev.tollgate.scripts.testkit.ScriptTestKit;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.SchemaViolationException;
import dev.tollgate.sdk.testkit.FakePluginContext;
import dev.tollgate.sdk.testkit.SimpleChatRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiMaskerExampleTest {
    private static PluginFactory factory;
    private static Plugin defaults;

    @BeforeAll
    static void load() throws Exception {
        factory = ScriptTestKit.load(Path.of("examples/pii-masker.js"),
                // what it masks is under test here, not its speed: room for a busy machine's cold start
                ScriptLimits.defaults().withTimeLimit(java.time.Duration.ofSeconds(10)));
        defaults = plugin(Map.of());
    }

    @AfterAll
    static void close() throws Exception {
        ((AutoCloseable) factory).close();
    }

    private static Plugin plugin(Map<String, ?> config) {
        return factory.create(factory.configSchema().validate(config));
    }

    /** The user message's content after the plugin ran with {@code plugin}. */
    private static String masked(Plugin plugin, String text) {
        var chat = new SimpleChatRequest("gpt-4o").user(text);
        plugin.access(FakePluginContext.builder().chat(chat).build().in(Phase.ACCESS));
        return chat.messages().getFirst().content();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "write to jane.doe@example.com today       | write to [EMAIL] today",
            "<John.Smith+ai@mail.co.uk>                | <[EMAIL]>",
            "a_b-c%d@sub-domain.example.io, please     | [EMAIL], please",
            "call +1 415-555-0100 now                  | call [PHONE] now",
            "call +1 (415) 555-0100.                   | call [PHONE].",
            "office: (415) 555-0100                    | office: [PHONE]",
            "415-555-0100 or 415.555.0100              | [PHONE] or [PHONE]",
            "London +44 20 7946 0958 desk              | London [PHONE] desk",
            "Paris +33 1 23 45 67 89                   | Paris [PHONE]",
            "Berlin +49 30 12345678 or +14155550100    | Berlin [PHONE] or [PHONE]",
            "+44-20-7946-0958                          | [PHONE]",
            "my SSN is 123-45-6789.                    | my SSN is [SSN].",
            "SSN:078-05-1120                           | SSN:[SSN]",
            "all: a@b.io, 555-12-3456, (212) 555-0199  | all: [EMAIL], [SSN], [PHONE]",
    })
    void masksEachKind(String text, String expected) {
        assertThat(masked(defaults, text.strip())).isEqualTo(expected.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "released on 2024-01-15 at 10:30:00",
            "upgrade to version 1.2.3 or 10.20.30",
            "order #12345678 shipped",
            "the total is $1,234.56 (or 1234.56 EUR)",
            "server 192.168.100.200 port 8080",
            "install lodash@4.17.21 with npm",
            "user@localhost is not an address",
            "SSN-like but invalid: 000-12-3456, 666-12-3456, 912-34-5678, 123-00-4567, 123-45-0000",
            "uuid 123e4567-e89b-12d3-a456-426614174000",
            "card 4111-1111-1111-1111",
            "ISBN 978-3-16-148410-0",
            "3 + 4 = 7, and +5.00 or +12.5% growth",
            "numbers 123-456-7890 and 100.200.3000",
            "mention @someone on chat",
            "a range 2020-2024 and 1-800 count",
    })
    void leavesLookAlikesAlone(String text) {
        assertThat(masked(defaults, text)).isEqualTo(text);
    }

    @Test
    void oneMaskForAllKindsWhenConfigured() {
        assertThat(masked(plugin(Map.of("mask", "[REDACTED]")), "a@b.io, +1 415-555-0100, 123-45-6789"))
                .isEqualTo("[REDACTED], [REDACTED], [REDACTED]");
    }

    @Test
    void onlyConfiguredRolesAreMaskedAndUntouchedRequestsStayUnchanged() {
        var chat = new SimpleChatRequest("gpt-4o").system("Escalate to ops@example.com").user("I am bob@example.com");
        chat.addMessage("assistant", "Noted, bob@example.com");
        var fresh = new SimpleChatRequest("gpt-4o").user("nothing to hide");

        defaults.access(FakePluginContext.builder().chat(chat).build().in(Phase.ACCESS));
        defaults.access(FakePluginContext.builder().chat(fresh).build().in(Phase.ACCESS));

        assertThat(chat.messages()).extracting(m -> m.content())
                .containsExactly("Escalate to ops@example.com", "I am [EMAIL]", "Noted, bob@example.com");
        assertThat(fresh.changed()).isFalse();

        var both = new SimpleChatRequest("gpt-4o").system("ops@example.com").user("bob@example.com");
        both.addMessage("assistant", "bob@example.com");
        plugin(Map.of("roles", List.of("assistant", "system"))).access(FakePluginContext.builder().chat(both).build().in(Phase.ACCESS));
        assertThat(both.messages()).extracting(m -> m.content()).containsExactly("[EMAIL]", "bob@example.com", "[EMAIL]");
    }

    @Test
    void leavesANonChatRequestAlone() {
        var ctx = FakePluginContext.builder().body("{\"input\":\"bob@example.com\"}").build();
        defaults.access(ctx.in(Phase.ACCESS));
        assertThat(new String(ctx.upstreamBody())).isEqualTo("{\"input\":\"bob@example.com\"}");
    }

    @Test
    void configIsValidated() {
        assertThatThrownBy(() -> factory.configSchema().validate(Map.of("roles", Map.of("user", true))))
                .isInstanceOfSatisfying(SchemaViolationException.class, e -> assertThat(e.errors()).containsKey("roles"));
        assertThatThrownBy(() -> factory.configSchema().validate(Map.of("mask", 42)))
                .isInstanceOfSatisfying(SchemaViolationException.class, e -> assertThat(e.errors()).containsKey("mask"));
        assertThatThrownBy(() -> factory.configSchema().validate(Map.of("masks", "x")))
                .isInstanceOfSatisfying(SchemaViolationException.class,
                        e -> assertThat(e.errors()).containsEntry("masks", "unknown field"));
        assertThat(factory.configSchema().validate(Map.of()).asMap()).containsEntry("roles", List.of("user"));
        // one form value (--data "config.roles=assistant") is a one-element array
        assertThat(factory.configSchema().validate(Map.of("roles", "assistant")).asMap()).containsEntry("roles", List.of("assistant"));
    }
}
