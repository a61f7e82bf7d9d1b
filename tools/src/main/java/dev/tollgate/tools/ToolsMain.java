package dev.tollgate.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.tools.scaffold.NewPlugin;
import dev.tollgate.tools.trial.ScriptTrial;
import dev.tollgate.trial.TrialReport;
import dev.tollgate.trial.TrialRequest;

/**
 * {@code ./tollgate new-plugin java|js NAME} and {@code ./tollgate plugin test FILE.js}. Exit
 * codes: 0 done, 1 the plugin failed (did not load, refused its config, threw), 2 bad usage.
 */
public final class ToolsMain {
    private static final String USAGE = """
            usage: ./tollgate new-plugin java NAME [--dir DIR] [--package PKG]   a Maven project: plugin, config, tests
                   ./tollgate new-plugin js NAME [--dir DIR]                    NAME.js, a sample request and config, typings
                   ./tollgate plugin test FILE.js [--request REQ.json] [--config CONFIG.json]
                                                     run a script's phases offline on one request""";

    private ToolsMain() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args)));
    }

    static int run(List<String> args) {
        try {
            if (args.size() >= 3 && args.get(0).equals("new-plugin")) {
                return newPlugin(args.get(1), args.get(2), Options.parse(args.subList(3, args.size()), "--dir", "--package"));
            }
            if (args.size() >= 3 && args.get(0).equals("plugin") && args.get(1).equals("test")) {
                return trial(Path.of(args.get(2)), Options.parse(args.subList(3, args.size()), "--request", "--config"));
            }
        } catch (IllegalArgumentException e) {
            System.err.println("tollgate: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("tollgate: " + e);
            return 1;
        }
        System.err.println(USAGE);
        return 2;
    }

    private static int newPlugin(String kind, String name, Map<String, String> options) throws IOException {
        Path dir = Path.of(options.getOrDefault("--dir", "."));
        switch (kind) {
            case "java" -> {
                Path project = NewPlugin.java(name, dir, options.get("--package"));
                System.out.println("wrote " + project + "/ (a Maven project)\nnext:\n  cd " + project
                        + "\n  mvn package            # JDK 25; needs tollgate-sdk and tollgate-testing in ~/.m2: ./tollgate build"
                        + "\n  cp target/" + name + "-1.0.0.jar <tollgate>/plugins/"
                        + "\n  curl -X POST http://localhost:8001/plugins --data name=" + name + " --data config.value=blue");
            }
            case "js" -> {
                List<Path> files = NewPlugin.javascript(name, dir);
                files.forEach(f -> System.out.println("wrote " + f));
                Path script = files.getFirst();
                System.out.println("next:\n  ./tollgate plugin test " + script + " --request " + dir.resolve(name + ".request.json")
                        + " --config " + dir.resolve(name + ".config.json")
                        + "\n  cp " + script + " plugins/"
                        + "\n  curl -X POST http://localhost:8001/plugins --data name=" + name + " --data config.value=blue");
            }
            default -> throw new IllegalArgumentException("new-plugin " + kind + ": expected java or js");
        }
        return 0;
    }

    /** A config file: a JSON object of the plugin's config fields. */
    private static Map<String, Object> config(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        com.fasterxml.jackson.databind.JsonNode node;
        try {
            node = new ObjectMapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(file + ": not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object of the plugin's config fields, e.g. {\"value\": \"blue\"}");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> config = new ObjectMapper().convertValue(node, Map.class);
        return config;
    }

    private static int trial(Path script, Map<String, String> options) throws IOException {
        if (Files.isDirectory(script)) {
            throw new IllegalArgumentException(script + ": a directory, not a script");
        }
        if (!Files.isRegularFile(script)) {
            throw new IllegalArgumentException(script + ": no such file");
        }
        TrialRequest request = options.containsKey("--request") ? TrialRequest.read(Path.of(options.get("--request")))
                : TrialRequest.sample();
        Map<String, Object> config = Map.of();
        if (options.containsKey("--config")) {
            config = config(Path.of(options.get("--config")));
        }
        TrialReport report = ScriptTrial.run(script, request, config);
        System.out.print(report.render());
        return report.error() == null ? 0 : 1;
    }
}
