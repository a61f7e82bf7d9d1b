package dev.tollgate.scripts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tollgate.sdk.spi.PluginLoadException;

/** One engine for all tests (engine start costs about a second), and a way to load a script from text. */
final class Scripts {
    static final List<String> ENGINE_LOG = new CopyOnWriteArrayList<>();
    static final ScriptEngine ENGINE = ScriptEngine.create(new System.Logger() {
        @Override
        public String getName() {
            return "scripts-test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            ENGINE_LOG.add(level.getName() + " " + msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            ENGINE_LOG.add(level.getName() + " " + MessageFormat.format(format, params));
        }
    });

    private Scripts() {
    }

    static JsPluginSource source(Duration timeLimit) {
        return new JsPluginSource(ENGINE, ScriptLimits.defaults().withTimeLimit(timeLimit));
    }

    static JsPluginFactory load(String fileName, String text) throws PluginLoadException {
        return load(source(ScriptLimits.DEFAULT_TIME_LIMIT), fileName, text);
    }

    static JsPluginFactory load(JsPluginSource source, String fileName, String text) throws PluginLoadException {
        return (JsPluginFactory) source.load(write(fileName, text)).getFirst();
    }

    static Path write(String fileName, String text) {
        try {
            Path dir = Files.createTempDirectory("js-plugins");
            Path file = dir.resolve(fileName);
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
