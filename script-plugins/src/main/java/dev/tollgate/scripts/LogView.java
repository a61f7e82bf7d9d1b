package dev.tollgate.scripts;

import java.util.List;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * {@code ctx.log}: {@code info}, {@code warn}, {@code error} on the plugin's logger (tagged with
 * its name). A message is one line of the log: line breaks and other control characters are
 * written as escapes, and it is cut at {@value #MAX_MESSAGE} characters, so a script cannot
 * forge lines that look like the gateway's own, nor flood the log with one call.
 */
final class LogView extends JsObject {
    static final int MAX_MESSAGE = 8_192;
    private static final List<String> KEYS = List.of("debug", "info", "warn", "error");

    private final System.Logger logger;

    LogView(System.Logger logger) {
        super(KEYS);
        this.logger = logger;
    }

    @Override
    Object get(String key) {
        System.Logger.Level level = switch (key) {
            case "debug" -> System.Logger.Level.DEBUG;
            case "info" -> System.Logger.Level.INFO;
            case "warn" -> System.Logger.Level.WARNING;
            case "error" -> System.Logger.Level.ERROR;
            default -> null;
        };
        if (level == null) {
            return null;
        }
        return (ProxyExecutable) args -> {
            logger.log(level, ScriptOutput.oneLine(join(args), MAX_MESSAGE));
            return null;
        };
    }

    private static String join(Value[] args) {
        StringBuilder sb = new StringBuilder();
        for (Value v : args) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(v.isString() ? v.asString() : v.toString());
            if (sb.length() > MAX_MESSAGE) {
                break; // the rest would be cut anyway
            }
        }
        return sb.toString();
    }
}
