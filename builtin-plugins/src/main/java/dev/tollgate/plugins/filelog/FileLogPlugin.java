package dev.tollgate.plugins.filelog;

import static java.util.Objects.requireNonNull;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

import dev.tollgate.commons.logging.LogEntry;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;

/**
 * Appends each request's {@link LogEntry} as one JSON line to a file. Writing blocks the
 * thread that runs the LOG phase (as Kong's does), after the client has its response.
 */
final class FileLogPlugin implements Plugin {
    static final String WRITE_FAILED = "could not write the log entry to ";

    private final FileLogConfig config;
    private final LogFile file;

    FileLogPlugin(FileLogConfig config) {
        this.config = requireNonNull(config, "config");
        this.file = LogFile.of(config.path());
    }

    @Override
    public void log(PluginContext ctx) {
        try {
            String line = LogEntry.from(ctx).with(config.customFields()).toJson() + "\n";
            file.append(line.getBytes(StandardCharsets.UTF_8), config.reopen());
        } catch (Exception e) {
            // A log that cannot be written must not fail the request it describes.
            ctx.log().log(Level.ERROR, WRITE_FAILED + config.path() + ": " + e);
        }
    }

    @Override
    public String toString() {
        return FileLogPluginFactory.NAME + "{path=" + config.path() + ", reopen=" + config.reopen() + "}";
    }
}
