package dev.tollgate.scripts;

import java.util.List;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/** {@code ctx.log}: {@code info}, {@code warn}, {@code error} on the plugin's logger (tagged with its name). */
final class LogView extends JsObject {
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
            logger.log(level, join(args));
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
        }
        return sb.toString();
    }
}
