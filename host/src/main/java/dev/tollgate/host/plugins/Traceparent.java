package dev.tollgate.host.plugins;

/** Reads a W3C {@code traceparent} header: {@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}. */
public final class Traceparent {
    private Traceparent() {
    }

    public static boolean valid(String tp) {
        if (tp == null || tp.length() != 55 || tp.charAt(2) != '-' || tp.charAt(35) != '-' || tp.charAt(52) != '-') {
            return false;
        }
        for (int i = 0; i < 55; i++) {
            char c = tp.charAt(i);
            if (i != 2 && i != 35 && i != 52 && !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return !tp.startsWith("ff") && !tp.startsWith("00000000000000000000000000000000", 3)
                && !tp.startsWith("0000000000000000", 36);
    }

    public static String traceId(String tp) {
        return tp.substring(3, 35);
    }

    public static String parentId(String tp) {
        return tp.substring(36, 52);
    }

    public static boolean sampled(String tp) {
        return (Character.digit(tp.charAt(54), 16) & 1) == 1;
    }
}
