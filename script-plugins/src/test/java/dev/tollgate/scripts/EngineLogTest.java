package dev.tollgate.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

/** The engine's log in the gateway's: its notice about virtual threads is not repeated to every operator. */
class EngineLogTest {
    @Test
    void aScriptRunOnAVirtualThreadLogsNoExperimentalNotice() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Logger jul = Logger.getLogger("engine-log-test");
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                seen.add(r.getLevel() + " " + r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(h);
        try (ScriptEngine engine = ScriptEngine.create(System.getLogger("engine-log-test"))) {
            // The first context of an engine, made on a virtual thread as a request's would be.
            Thread t = Thread.ofVirtual().start(() -> new JsPluginSource(engine, ScriptLimits.defaults()).warmUp());
            t.join();
        } finally {
            jul.removeHandler(h);
        }
        assertThat(seen).noneMatch(m -> m.contains("virtual threads"));
    }

    @Test
    void otherEngineRecordsReachTheLogWithTheirLevel() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Logger jul = Logger.getLogger("engine-log-test-2");
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                seen.add(r.getLevel() + " " + r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(h);
        try {
            EngineLog log = new EngineLog(System.getLogger("engine-log-test-2"));
            LogRecord notice = new LogRecord(Level.WARNING, "Using polyglot contexts on Java virtual threads on HotSpot is experimental in this release");
            LogRecord other = new LogRecord(Level.WARNING, "something else went wrong");
            other.setLoggerName("engine");
            log.publish(notice);
            log.publish(other);
        } finally {
            jul.removeHandler(h);
        }
        assertThat(seen).containsExactly("WARNING [js-engine] [engine] something else went wrong");
    }
}
