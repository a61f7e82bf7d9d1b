package dev.tollgate.bench.pii;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;
import dev.tollgate.sdk.llm.ChatMessage;
import dev.tollgate.sdk.llm.ChatRequest;

/**
 * {@code pii-masker-java}: the JavaScript example {@code script-plugins/examples/pii-masker.js}
 * written as a Java plugin, for the benchmark that compares the two (docs/benchmarks.md). Same
 * priority, configuration, regular expressions and logic; the patterns are compiled once.
 *
 * <p>One difference: {@code mask} is inserted literally here, while JavaScript's
 * {@code String.replace} would expand {@code $&}-style patterns in it.
 */
public final class JavaPiiMaskerPluginFactory implements PluginFactory {
    static final String NAME = "pii-masker-java";
    static final int PRIORITY = 780;

    // The same expressions as pii-masker.js (JS and java.util.regex agree on these: ASCII \w and \d).
    static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}(?![\\w-])");
    static final Pattern SSN = Pattern.compile(
            "(?<![\\w-])(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?![\\w-])");
    static final Pattern INTL = Pattern.compile(
            "(?<![\\w+])\\+\\d{1,3}(?:[ .-]?\\(?\\d{1,4}\\)?){2,6}(?![\\w-])");
    static final Pattern NANP = Pattern.compile(
            "(?<![\\w#$+.-])(?:\\([2-9]\\d{2}\\) ?[2-9]\\d{2}-\\d{4}|[2-9]\\d{2}([-.])[2-9]\\d{2}\\1\\d{4})(?![\\w-]|\\.\\d)");

    private static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.string("mask")
                    .description("One replacement for every kind; unset: [EMAIL], [PHONE] and [SSN]."))
            .field(Field.strings("roles").defaultValue(List.of("user"))
                    .description("The roles whose messages are masked (system, user, assistant, tool)."))
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public Set<Phase> phases() {
        return Set.of(Phase.ACCESS);
    }

    @Override
    public ConfigSchema configSchema() {
        return SCHEMA;
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new Masker(config.string("mask").orElse(null), List.copyOf(config.strings("roles")));
    }

    static final class Masker implements Plugin {
        private final String email;
        private final String ssn;
        private final String phone;
        private final List<String> roles;

        Masker(String mask, List<String> roles) {
            // JS: "m ? m : ..." — an empty mask counts as unset.
            boolean set = mask != null && !mask.isEmpty();
            this.email = Matcher.quoteReplacement(set ? mask : "[EMAIL]");
            this.ssn = Matcher.quoteReplacement(set ? mask : "[SSN]");
            this.phone = Matcher.quoteReplacement(set ? mask : "[PHONE]");
            this.roles = roles;
        }

        @Override
        public void access(PluginContext ctx) {
            ChatRequest chat = ctx.llm().request().orElse(null);
            if (chat == null) {
                return;
            }
            List<ChatMessage> messages = chat.messages();
            for (int i = 0; i < messages.size(); i++) {
                ChatMessage message = messages.get(i);
                if (!roles.contains(message.role())) {
                    continue;
                }
                String text = message.content();
                String masked = mask(text);
                if (!masked.equals(text)) {
                    message.setContent(masked); // only a real change makes the gateway rewrite the body
                }
            }
        }

        String mask(String text) {
            String s = EMAIL.matcher(text).replaceAll(email);
            s = SSN.matcher(s).replaceAll(ssn);
            s = INTL.matcher(s).replaceAll(m -> {
                String match = m.group();
                int digits = 0;
                for (int i = 0; i < match.length(); i++) {
                    char c = match.charAt(i);
                    if (c >= '0' && c <= '9') {
                        digits++;
                    }
                }
                return digits >= 8 && digits <= 15 ? phone : Matcher.quoteReplacement(match);
            });
            return NANP.matcher(s).replaceAll(phone);
        }
    }
}
