package dev.tollgate.plugins.aisanitizer;

/**
 * Partial masks: what is left tells a reader which value it was (the last four digits of a card,
 * the first letter and domain of an address), not enough to use it.
 */
final class Masks {
    private static final String STARS = "****";

    private Masks() {
    }

    static String mask(String label, String value) {
        return switch (label) {
            case EmailDetector.LABEL -> email(value);
            case CardDetector.LABEL, SsnDetector.LABEL, PhoneDetector.LABEL -> keepLast(value, 4, 0);
            case IbanDetector.LABEL -> keepLast(value, 4, 2);
            case IpDetector.LABEL -> ip(value);
            case SecretDetector.LABEL -> secret(value);
            default -> STARS;
        };
    }

    /** j***@example.com */
    private static String email(String value) {
        int at = value.lastIndexOf('@');
        return value.substring(0, Math.min(1, at)) + "***" + value.substring(at);
    }

    /** Letters and digits become '*' except the first {@code head} and the last {@code tail}; separators stay. */
    static String keepLast(String value, int tail, int head) {
        int total = 0;
        for (int i = 0; i < value.length(); i++) {
            total += Character.isLetterOrDigit(value.charAt(i)) ? 1 : 0;
        }
        StringBuilder out = new StringBuilder(value.length());
        int seen = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(seen < head || seen >= total - tail ? c : '*');
                seen++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** 192.168.*.* and 2001:db8:****: the network, not the host. */
    private static String ip(String value) {
        int colon = value.indexOf(':');
        if (colon >= 0) {
            int second = value.indexOf(':', colon + 1);
            return (second > 0 ? value.substring(0, second) : value.substring(0, colon)) + ":" + STARS;
        }
        int dot = value.indexOf('.', value.indexOf('.') + 1);
        return value.substring(0, dot) + ".*.*";
    }

    /** The kind of secret (its prefix, or a PEM block's BEGIN line), none of its value. */
    private static String secret(String value) {
        if (value.startsWith("-----BEGIN ")) {
            int nl = value.indexOf('\n');
            return (nl > 0 ? value.substring(0, nl) : "-----BEGIN PRIVATE KEY-----") + "\n" + STARS;
        }
        return SecretDetector.prefixOf(value) + STARS;
    }
}
