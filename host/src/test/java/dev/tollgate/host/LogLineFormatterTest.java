package dev.tollgate.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

class LogLineFormatterTest {
    private final LogLineFormatter format = new LogLineFormatter();

    private static LogRecord record(Level level, String message, Throwable thrown) {
        LogRecord r = new LogRecord(level, message);
        r.setLoggerName("tollgate.plugin.key-auth");
        r.setThrown(thrown);
        return r;
    }

    @Test
    void aMessageIsOneLineWhateverItHolds() {
        String line = format.format(record(Level.WARNING,
                "invalid key 'abc\n2026-12-06T21:02:42.461 SEVERE  [dev.tollgate.host.Gateway] forged\r\u001b[2K\u2028'", null));
        assertThat(line.lines()).hasSize(1);
        assertThat(line).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARNING \\[tollgate\\.plugin\\.key-auth] .*\\R")
                .contains("invalid key 'abc\\n2026-12-06T21:02:42.461 SEVERE  [dev.tollgate.host.Gateway] forged\\r\\u001b[2K\\u2028'");
    }

    @Test
    void aThrownExceptionFollowsOnLinesOfItsOwnWithItsMessagesEscaped() {
        var cause = new IllegalArgumentException("bad\nvalue");
        String text = format.format(record(Level.SEVERE, "plugin x failed", new IllegalStateException("outer", cause)));
        assertThat(text.lines().findFirst().orElseThrow()).endsWith("SEVERE  [tollgate.plugin.key-auth] plugin x failed");
        assertThat(text).contains(System.lineSeparator() + "java.lang.IllegalStateException: outer" + System.lineSeparator() + "\tat ")
                .contains("Caused by: java.lang.IllegalArgumentException: bad\\nvalue")
                .contains("\t... ");
        assertThat(text.lines()).allSatisfy(l -> assertThat(l).doesNotStartWith("value"));
    }
}
