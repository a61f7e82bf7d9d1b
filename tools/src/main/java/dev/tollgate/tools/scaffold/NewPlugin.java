package dev.tollgate.tools.scaffold;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import javax.lang.model.SourceVersion;

/**
 * Writes a new plugin from templates: a Maven project for a Java plugin (factory, config with
 * its schema, plugin, a unit test on the test kit, an integration test on tollgate-testing), or
 * a JavaScript plugin with its typings, a sample request and a sample config.
 */
public final class NewPlugin {
    /** Plugin names, as the gateway accepts them. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private NewPlugin() {
    }

    /**
     * Writes a Java plugin project into {@code dir}/{@code name} and returns its directory.
     *
     * @param javaPackage the package, or null for {@code com.example.<name without dashes>}
     * @throws IllegalArgumentException for a bad name or package, or a directory that exists
     */
    public static Path java(String name, Path dir, String javaPackage) throws IOException {
        checkName(name);
        String pkg = javaPackage != null ? javaPackage : "com.example." + packageSegment(name);
        if (!SourceVersion.isName(pkg) || !pkg.equals(pkg.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("package '" + pkg + "' is not a Java package name (lower-case identifiers "
                    + "separated by dots, no Java keyword: com.acme.myplugin)");
        }
        for (String reserved : List.of("java.", "javax.", "jdk.", "sun.", "dev.tollgate.")) {
            if ((pkg + ".").startsWith(reserved)) {
                throw new IllegalArgumentException("package '" + pkg + "' is reserved (" + reserved + "…: the JDK's or "
                        + "Tollgate's own, whose classes a plugin jar cannot provide): use your own, e.g. com.acme."
                        + packageSegment(name));
            }
        }
        Path project = dir.resolve(name);
        refuseExisting(project);
        Map<String, String> values = values(name, pkg);
        Path src = project.resolve("src/main/java").resolve(pkg.replace('.', '/'));
        Path test = project.resolve("src/test/java").resolve(pkg.replace('.', '/'));
        String cls = values.get("Class");
        write(project.resolve("pom.xml"), "java/pom.xml.tmpl", values);
        write(project.resolve("README.md"), "java/README.md.tmpl", values);
        write(src.resolve(cls + "Factory.java"), "java/Factory.java.tmpl", values);
        write(src.resolve(cls + "Config.java"), "java/Config.java.tmpl", values);
        write(src.resolve(cls + "Plugin.java"), "java/Plugin.java.tmpl", values);
        write(test.resolve(cls + "PluginTest.java"), "java/PluginTest.java.tmpl", values);
        write(test.resolve(cls + "PluginIT.java"), "java/PluginIT.java.tmpl", values);
        Path services = project.resolve("src/main/resources/META-INF/services/dev.tollgate.sdk.PluginFactory");
        Files.createDirectories(services.getParent());
        Files.writeString(services, pkg + "." + cls + "Factory\n");
        return project;
    }

    /** Writes {@code name}.js, its sample request and config, and tollgate.d.ts into {@code dir}; returns the files. */
    public static List<Path> javascript(String name, Path dir) throws IOException {
        checkName(name);
        Files.createDirectories(dir);
        Path script = dir.resolve(name + ".js");
        refuseExisting(script);
        Map<String, String> values = values(name, "");
        List<Path> written = new ArrayList<>();
        written.add(write(script, "js/plugin.js.tmpl", values));
        written.add(write(dir.resolve(name + ".request.json"), "js/request.json.tmpl", values));
        written.add(write(dir.resolve(name + ".config.json"), "js/config.json.tmpl", values));
        Path typings = dir.resolve("tollgate.d.ts");
        if (!Files.exists(typings)) {
            try (InputStream in = NewPlugin.class.getResourceAsStream("/tollgate-types/index.d.ts")) {
                if (in == null) {
                    throw new IllegalStateException("the typings are missing from the script-plugins jar");
                }
                Files.write(typings, in.readAllBytes());
            }
            written.add(typings);
        }
        return written;
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("plugin name '" + name + "' (expected: lower-case letters, digits and '-', "
                    + "starting with a letter or digit, at most 64)");
        }
    }

    private static void refuseExisting(Path p) {
        if (Files.exists(p)) {
            throw new IllegalArgumentException(p + " exists already: choose another name or --dir");
        }
    }

    /** {@code add-team-header} → {@code addteamheader}; a keyword or a leading digit gets a {@code p} before it. */
    static String packageSegment(String name) {
        String segment = name.replace("-", "");
        return SourceVersion.isIdentifier(segment) && !SourceVersion.isKeyword(segment) ? segment : "p" + segment;
    }

    /** {@code add-team-header} → {@code AddTeamHeader}. */
    static String className(String name) {
        StringBuilder b = new StringBuilder();
        for (String part : name.split("-")) {
            if (!part.isEmpty()) {
                b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        String c = b.toString();
        return Character.isDigit(c.charAt(0)) ? "Plugin" + c : c;
    }

    private static Map<String, String> values(String name, String pkg) {
        Properties versions = new Properties();
        try (InputStream in = NewPlugin.class.getResourceAsStream("versions.properties")) {
            versions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String groupId = pkg.lastIndexOf('.') > 0 ? pkg.substring(0, pkg.lastIndexOf('.')) : pkg.isEmpty() ? "com.example" : pkg;
        return Map.of("name", name, "Class", className(name), "package", pkg, "groupId", groupId,
                "sdkVersion", versions.getProperty("sdk"), "gatewayVersion", versions.getProperty("gateway"));
    }

    private static Path write(Path target, String template, Map<String, String> values) throws IOException {
        String text;
        try (InputStream in = NewPlugin.class.getResourceAsStream(template)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (var e : values.entrySet()) {
            text = text.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        Files.createDirectories(target.getParent());
        Files.writeString(target, text);
        return target;
    }
}
