package dev.tollgate.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.ServiceLoader;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.config.FieldType;
import dev.tollgate.sdk.config.PluginConfig;
import dev.tollgate.sdk.config.SchemaViolationException;
import dev.tollgate.sdk.spi.PluginLoadException;
import dev.tollgate.sdk.spi.PluginSource;
import org.junit.jupiter.api.Test;

class JsPluginSourceTest {

    @Test
    void readsNamePriorityVersionAndPhases() throws Exception {
        var f = Scripts.load("meta.js", """
                export const name = "meta";
                export const priority = 1200;
                export function access(ctx, config) {}
                export function log(ctx, config) {}
                """);
        assertThat(f.name()).isEqualTo("meta");
        assertThat(f.priority()).isEqualTo(1200);
        assertThat(f.version()).isEqualTo("0.0.0");
        assertThat(f.phases()).containsExactlyInAnyOrder(Phase.ACCESS, Phase.LOG);
        f.close();
    }

    @Test
    void mapsTheSchemaToTheSdksWithDefaultsAndValidation() throws Exception {
        var f = Scripts.load("schema.js", """
                export const name = "schema";
                export const version = "1.2.0";
                export const schema = {
                  header: { type: "string", default: "x-team", description: "Header to set." },
                  limit:  { type: "integer", default: 5, min: 1, max: 10, description: "A limit." },
                  ratio:  { type: "number", default: 1, description: "A ratio." },
                  mode:   { type: "string", one_of: ["a", "b"], required: true, description: "The mode." },
                  tags:   { type: "array", description: "Tags." },
                  extra:  { type: "map", description: "Extra headers." },
                  redis:  { type: "record", description: "Redis.", fields: {
                              port: { type: "integer", default: 6379, description: "Port." } } },
                };
                export function access(ctx, config) {}
                """);
        var schema = f.configSchema();
        assertThat(f.version()).isEqualTo("1.2.0");
        assertThat(schema.field("tags").orElseThrow().type()).isEqualTo(FieldType.STRING_ARRAY);
        assertThat(schema.field("extra").orElseThrow().type()).isEqualTo(FieldType.STRING_MAP);
        PluginConfig config = schema.validate(Map.of("mode", "a"));
        assertThat(config.string("header")).contains("x-team");
        assertThat(config.integer("limit")).contains(5L);
        assertThat(config.number("ratio")).contains(1.0);
        assertThat(config.record("redis").integer("port")).contains(6379L);
        assertThatThrownBy(() -> schema.validate(Map.of("mode", "c", "limit", 11, "nope", 1)))
                .isInstanceOfSatisfying(SchemaViolationException.class, e ->
                        assertThat(e.errors()).containsKeys("mode", "limit", "nope"));
        assertThatThrownBy(() -> schema.validate(Map.of()))
                .isInstanceOfSatisfying(SchemaViolationException.class, e ->
                        assertThat(e.errors()).containsEntry("mode", "required field missing"));
        f.close();
    }

    @Test
    void aSyntaxErrorIsRefusedWithLineAndColumn() {
        assertThatThrownBy(() -> Scripts.load("broken.js", """
                export const name = "broken";
                export function access(ctx, config) {
                  let x = ;
                }
                """))
                .isInstanceOfSatisfying(PluginLoadException.class, e -> {
                    assertThat(e.line()).hasValue(3);
                    assertThat(e.column()).hasValue(11);
                    assertThat(e.getMessage()).startsWith("broken.js:3:11: SyntaxError: ")
                            .doesNotContain("broken.js:3:10"); // GraalJS's own position, counted from 0, once said twice
                });
    }

    @Test
    void aPhaseSpelledAsInKongsLuaIsRefusedNotIgnored() {
        assertThatThrownBy(() -> Scripts.load("snake.js", """
                export const name = "snake";
                export function access(ctx) {}
                export function header_filter(ctx) {}
                """))
                .isInstanceOfSatisfying(PluginLoadException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("snake.js:3:17: export 'header_filter' is not a phase, so it would "
                            + "never run: did you mean 'headerFilter'? (phases: rewrite, access, response, headerFilter, bodyFilter, log)");
                });
    }

    @Test
    void aMissingNameIsRefused() {
        assertThatThrownBy(() -> Scripts.load("noname.js", "export function access(ctx, config) {}\n"))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("noname.js: missing export 'name' (expected: export const name = \"my-plugin\")");
    }

    @Test
    void anInvalidExportIsRefusedWithItsPosition() {
        assertThatThrownBy(() -> Scripts.load("badname.js", "// a comment\nexport const name = \"Bad Name\";\nexport function access() {}\n"))
                .isInstanceOfSatisfying(PluginLoadException.class, e -> {
                    assertThat(e.getMessage()).startsWith("badname.js:2:14: export 'name'");
                });
        assertThatThrownBy(() -> Scripts.load("nodesc.js", """
                export const name = "nodesc";
                export const schema = { a: { type: "string" } };
                export function access() {}
                """))
                .hasMessage("nodesc.js:2:14: schema.a: description missing (every field needs one)");
        assertThatThrownBy(() -> Scripts.load("nophase.js", "export const name = \"nophase\";\n"))
                .hasMessageContaining("no phase function exported");
    }

    @Test
    void anExceptionAtLoadIsRefusedWithItsPosition() {
        assertThatThrownBy(() -> Scripts.load("throws.js", "export const name = \"t\";\nthrow new Error('boom');\n"))
                .isInstanceOfSatisfying(PluginLoadException.class, e -> {
                    assertThat(e.line()).hasValue(2);
                    assertThat(e.getMessage()).contains("boom");
                });
    }

    @Test
    void isFoundByTheServiceLoader() {
        assertThat(ServiceLoader.load(PluginSource.class).stream().map(ServiceLoader.Provider::type))
                .contains(JsPluginSource.class);
    }
}
