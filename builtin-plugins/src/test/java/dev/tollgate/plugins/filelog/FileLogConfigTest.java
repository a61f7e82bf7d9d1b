package dev.tollgate.plugins.filelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.SchemaViolationException;

class FileLogConfigTest {
    private final FileLogPluginFactory factory = new FileLogPluginFactory();

    private Map<String, String> errors(Map<String, ?> input) {
        try {
            factory.configSchema().validate(input);
        } catch (SchemaViolationException e) {
            return e.errors();
        }
        throw new AssertionError("accepted: " + input);
    }

    @Test
    void factoryIsKongsFileLog() {
        assertThat(factory.name()).isEqualTo("file-log");
        assertThat(factory.priority()).isEqualTo(9);
        assertThat(factory.version()).isEqualTo("1.0.0");
        assertThat(factory.phases()).isEqualTo(Set.of(Phase.LOG));
        assertThat(factory.credentialType()).isEmpty();
        assertThat(factory.configSchema().fields()).extracting(Field::name).containsExactly("path", "reopen", "custom_fields");
        assertThat(factory.configSchema().fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
        assertThat(factory.create(factory.configSchema().validate(Map.of("path", "/tmp/x.log"))))
                .hasToString("file-log{path=/tmp/x.log, reopen=false}");
    }

    @Test
    void defaults() {
        var config = factory.configSchema().validate(Map.of("path", "/var/log/tollgate.log"));

        assertThat(config.asMap()).containsEntry("path", "/var/log/tollgate.log").containsEntry("reopen", false)
                .containsEntry("custom_fields", null);
        assertThat(FileLogConfig.from(config)).isEqualTo(new FileLogConfig(Path.of("/var/log/tollgate.log"), false, Map.of()));
    }

    @Test
    void fullMapping() {
        var config = factory.configSchema().validate(Map.of("path", "logs/access.log", "reopen", "true",
                "custom_fields", Map.of("env", "prod")));

        assertThat(FileLogConfig.from(config))
                .isEqualTo(new FileLogConfig(Path.of("logs/access.log"), true, Map.of("env", "prod")));
    }

    @Test
    void refusesWhatIsNotAFilePath() {
        assertThat(errors(Map.of())).containsExactly(Map.entry("path", "required field missing"));
        assertThat(errors(Map.of("path", "/tmp/*.log"))).containsEntry("path",
                "invalid value '/tmp/*.log' (expected: a file path without *, &, %, \\ or `)");
        assertThat(errors(Map.of("path", " "))).containsKey("path");
        assertThat(errors(Map.of("path", "/tmp/a\u0000b"))).containsKey("path");
        assertThat(errors(Map.of("path", "/tmp/a.log", "reopen", "yes"))).containsEntry("reopen",
                "expected a boolean, got 'yes'");
        assertThat(errors(Map.of("path", "/tmp/a.log", "custom_fields", Map.of("n", 1))))
                .containsEntry("custom_fields.n", "expected a string, got a number");
        assertThat(errors(Map.of("path", "/tmp/a.log", "custom_fields_by_lua", Map.of())))
                .containsEntry("custom_fields_by_lua", "unknown field");
    }
}
