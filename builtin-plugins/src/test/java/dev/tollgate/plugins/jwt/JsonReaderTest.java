package dev.tollgate.plugins.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void readsEveryKindOfValue() {
        Object value = JsonReader.read(" {\"s\":\"a\\\"\\u00e9\\n\",\"n\":-1.5e2,\"i\":1700000000,\"t\":true,\"f\":false,"
                + "\"z\":null,\"a\":[1,\"x\",[]],\"o\":{}} ");

        Map<String, Object> expected = new HashMap<>();
        expected.put("s", "a\"\u00e9\n");
        expected.put("n", -150.0);
        expected.put("i", 1.7e9);
        expected.put("t", true);
        expected.put("f", false);
        expected.put("z", null);
        expected.put("a", Arrays.asList(1.0, "x", List.of()));
        expected.put("o", Map.of());
        assertThat(value).isEqualTo(expected);
    }

    @Test
    void aRepeatedMemberKeepsItsLastValue() {
        assertThat(JsonReader.read("{\"iss\":\"a\",\"iss\":\"b\"}")).isEqualTo(Map.of("iss", "b"));
    }

    @Test
    void refusesWhatIsNotOneJsonValue() {
        for (String bad : List.of("", "{", "{\"a\"}", "{\"a\":1,}", "[1 2]", "{'a':1}", "01", "1.", "tru", "\"\u0001\"",
                "\"\\x\"", "\"\\u12g4\"", "{} {}", "{\"a\":1}x", "nul")) {
            assertThatThrownBy(() -> JsonReader.read(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void capsNesting() {
        String deep = "[".repeat(JsonReader.MAX_DEPTH + 2) + "]".repeat(JsonReader.MAX_DEPTH + 2);
        assertThatThrownBy(() -> JsonReader.read(deep)).hasMessageContaining("nesting");
        String ok = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
        assertThat(JsonReader.read(ok)).isInstanceOf(List.class);
    }
}
