package dev.tollgate.plugins.aisanitizer;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API keys, tokens and private keys that announce themselves by a prefix: OpenAI ({@code sk-},
 * {@code sk-proj-}) and Anthropic ({@code sk-ant-}) keys, AWS access key ids ({@code AKIA},
 * {@code ASIA}), GitHub ({@code ghp_}, {@code gho_}, {@code ghu_}, {@code ghs_}, {@code ghr_},
 * {@code github_pat_}), Slack ({@code xoxb-}, {@code xoxp-}, {@code xoxa-}, {@code xoxs-}), Google
 * ({@code AIza}), GitLab ({@code glpat-}), Stripe ({@code sk_live_}, {@code rk_live_}, …), Hugging
 * Face ({@code hf_}), npm ({@code npm_}), JSON Web Tokens and PEM private keys. One pass over the
 * starts of words looks the first character up in a table of prefixes; a rule's pattern runs only
 * where its prefix occurs.
 */
final class SecretDetector implements Detector {
    static final String LABEL = "SECRET";
    /** A PEM block without its END line ends at the latest here, so a hostile prompt cannot make the search quadratic. */
    private static final int MAX_PEM = 16 * 1024;

    /** A prefix, and the pattern the whole token matches from where the prefix starts. */
    private record Rule(String prefix, Pattern pattern) {
        Rule(String prefix, String regex) {
            this(prefix, Pattern.compile(regex));
        }
    }

    private static final String PEM_KIND = "((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)";
    private static final List<Rule> RULES = List.of(
            new Rule("sk-", "sk-(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{20,}"),
            new Rule("sk_live_", "sk_live_[A-Za-z0-9]{16,}"),
            new Rule("sk_test_", "sk_test_[A-Za-z0-9]{16,}"),
            new Rule("rk_live_", "rk_live_[A-Za-z0-9]{16,}"),
            new Rule("rk_test_", "rk_test_[A-Za-z0-9]{16,}"),
            new Rule("AKIA", "AKIA[0-9A-Z]{16}"),
            new Rule("ASIA", "ASIA[0-9A-Z]{16}"),
            new Rule("ghp_", "ghp_[A-Za-z0-9]{36,}"),
            new Rule("gho_", "gho_[A-Za-z0-9]{36,}"),
            new Rule("ghu_", "ghu_[A-Za-z0-9]{36,}"),
            new Rule("ghs_", "ghs_[A-Za-z0-9]{36,}"),
            new Rule("ghr_", "ghr_[A-Za-z0-9]{36,}"),
            new Rule("github_pat_", "github_pat_[A-Za-z0-9_]{50,}"),
            new Rule("xox", "xox[bpasr]-[A-Za-z0-9-]{10,}"),
            new Rule("AIza", "AIza[0-9A-Za-z_-]{35}"),
            new Rule("glpat-", "glpat-[0-9A-Za-z_-]{20,}"),
            new Rule("hf_", "hf_[A-Za-z]{30,}"),
            new Rule("npm_", "npm_[A-Za-z0-9]{36,}"),
            new Rule("eyJ", "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*"),
            new Rule("-----BEGIN ", "-----BEGIN " + PEM_KIND + "-----(?:[\\s\\S]*?-----END \\1-----"
                    + "|(?:\\r?\\n[A-Za-z0-9+/=]{16,})+)")); // a key pasted without its END line: its base64 lines

    /** The rules by the first character of their prefix. */
    private static final Rule[][] BY_FIRST = new Rule[128][];

    static {
        for (Rule r : RULES) {
            char c = r.prefix().charAt(0);
            Rule[] old = BY_FIRST[c] == null ? new Rule[0] : BY_FIRST[c];
            Rule[] grown = java.util.Arrays.copyOf(old, old.length + 1);
            grown[old.length] = r;
            BY_FIRST[c] = grown;
        }
    }

    @Override
    public String label() {
        return LABEL;
    }

    @Override
    public void find(ScanText t, List<Finding> out) {
        String text = t.text;
        int n = text.length();
        for (int at = 0; at < n; at++) {
            char c = text.charAt(at);
            Rule[] rules = c < 128 ? BY_FIRST[c] : null;
            if (rules == null || at > 0 && tokenChar(text.charAt(at - 1))) {
                continue; // not a prefix, or inside a longer word: "risk-free", "flash_"
            }
            for (Rule rule : rules) {
                if (!text.startsWith(rule.prefix(), at)) {
                    continue;
                }
                Matcher m = rule.pattern().matcher(text).region(at, Math.min(n, at + MAX_PEM));
                if (m.lookingAt() && (m.end() == n || !tokenChar(text.charAt(m.end())))) {
                    out.add(new Finding(LABEL, at, m.end()));
                    at = m.end() - 1;
                    break;
                }
            }
        }
    }

    /** The prefix that made {@code secret} a secret ({@code sk-}, {@code AKIA}, …), or "" for a custom one. */
    static String prefixOf(String secret) {
        for (Rule rule : RULES) {
            if (secret.startsWith(rule.prefix())) {
                return rule.prefix();
            }
        }
        return "";
    }

    private static boolean tokenChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }
}
