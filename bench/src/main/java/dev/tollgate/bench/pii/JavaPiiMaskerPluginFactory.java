package dev.tollgate.bench.pii;

import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
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
 * priority, configuration, regular expressions and logic: each pattern is tried only where a match
 * can start (see the script for why); the patterns are compiled once.
 */
public final class JavaPiiMaskerPluginFactory implements PluginFactory {
    static final String NAME = "pii-masker-java";
    static final int PRIORITY = 780;

    // The same expressions as pii-masker.js (JS and java.util.regex agree on these: ASCII \w and \d),
    // matched with lookingAt() at a start position, as the script's sticky regexes.
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
            this.email = set ? mask : "[EMAIL]";
            this.ssn = set ? mask : "[SSN]";
            this.phone = set ? mask : "[PHONE]";
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

        /** One kind after the other, each on the text the previous one left. */
        String mask(String text) {
            String s = replaceMatches(text, EMAIL, Masker::emailStart, match -> email);
            s = replaceMatches(s, SSN, Masker::ssnStart, match -> ssn);
            s = replaceMatches(s, INTL, Masker::intlStart, this::intlPhone);
            return replaceMatches(s, NANP, Masker::nanpStart, match -> phone);
        }

        private String intlPhone(String match) {
            int digits = 0;
            for (int i = 0; i < match.length(); i++) {
                char c = match.charAt(i);
                if (c >= '0' && c <= '9') {
                    digits++;
                }
            }
            return digits >= 8 && digits <= 15 ? phone : match;
        }

        /**
         * {@code text} with every match of {@code pattern} replaced, trying it (lookingAt) only where
         * {@code nextStart} finds a match can start: the same result as {@code replaceAll}.
         */
        static String replaceMatches(String text, Pattern pattern, StartFinder nextStart, UnaryOperator<String> replacement) {
            Matcher matcher = pattern.matcher(text).useTransparentBounds(true); // look-behinds see before the region
            StringBuilder out = null;
            int copied = 0; // text before this index is in out already
            int at = nextStart.next(text, 0);
            while (at != -1) {
                if (matcher.region(at, text.length()).lookingAt()) {
                    int end = matcher.end();
                    if (out == null) {
                        out = new StringBuilder(text.length());
                    }
                    out.append(text, copied, at).append(replacement.apply(text.substring(at, end)));
                    copied = end;
                    at = nextStart.next(text, end);
                } else {
                    at = nextStart.next(text, at + 1);
                }
            }
            return out == null ? text : out.append(text, copied, text.length()).toString();
        }

        /** An address has an '@': back up over the characters of its name to where the name begins. */
        static int emailStart(String text, int from) {
            for (int at = text.indexOf('@', from); at != -1; at = text.indexOf('@', at + 1)) {
                int start = at;
                while (start > 0 && isNameChar(text.charAt(start - 1))) {
                    start--;
                }
                if (start >= from && start < at) { // a name that begins before from was tried already or ends the last match
                    return start;
                }
            }
            return -1;
        }

        /** [A-Za-z0-9._%+-], a character of an address's name: the set EMAIL's look-behind rules out. */
        private static boolean isNameChar(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
        }

        /** An SSN's first '-' is its 4th character. */
        static int ssnStart(String text, int from) {
            int dash = text.indexOf('-', from + 3);
            return dash == -1 ? -1 : dash - 3;
        }

        /** An international number starts with its '+'. */
        static int intlStart(String text, int from) {
            return text.indexOf('+', from);
        }

        /**
         * A North American number starts with '(', or with a digit 2-9 that has a '-' or '.' 3
         * characters on. (The script finds these with a regex, cheaper there than a loop; here a
         * loop is cheaper than java.util.regex's find.)
         */
        static int nanpStart(String text, int from) {
            for (int i = from; i + 3 < text.length(); i++) {
                char c = text.charAt(i);
                char separator = text.charAt(i + 3);
                if (c == '(' || c >= '2' && c <= '9' && (separator == '-' || separator == '.')) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** Where a match can start: the first such index >= {@code from}, or -1; never skips one where the pattern matches. */
    @FunctionalInterface
    interface StartFinder {
        int next(String text, int from);
    }
}
