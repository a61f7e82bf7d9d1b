package dev.tollgate.commons.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonPrinterLogLineTest {

    @Test
    void escapesWhatRfc8259Requires() {
        assertThat(JsonPrinter.printLogLine("say \"hi\" \\ bye")).isEqualTo("\"say \\\"hi\\\" \\\\ bye\"");
        assertThat(JsonPrinter.printLogLine("a\nb\rc\td\be\ff")).isEqualTo("\"a\\nb\\rc\\td\\be\\ff\"");
        assertThat(JsonPrinter.printLogLine("\u0000\u0001\u001f")).isEqualTo("\"\\u0000\\u0001\\u001f\"");
        assertThat(JsonPrinter.printLogLine("/ and \u007f")).as("no escape needed").isEqualTo("\"/ and \u007f\"");
    }

    @Test
    void keepsUnicodeAndEscapesWhatCouldBreakALine() {
        assertThat(JsonPrinter.printLogLine("caf\u00e9 \ud83d\ude00 \u4e2d")).isEqualTo("\"caf\u00e9 \ud83d\ude00 \u4e2d\"");
        assertThat(JsonPrinter.printLogLine("a\u2028b\u2029c")).isEqualTo("\"a\\u2028b\\u2029c\"");
        assertThat(JsonPrinter.printLogLine("lone \ud800 and \udc00")).isEqualTo("\"lone \\ud800 and \\udc00\"");
    }

    @Test
    void writesEveryStringSoThatItParsesBack() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            if (!Character.isSurrogate(c)) {
                all.append(c);
            }
        }
        String json = JsonPrinter.printLogLine(all.toString());
        assertThat(json).doesNotContain("\n", "\r", "\u2028");
        assertThat(PlainJson.parse(json)).isEqualTo(all.toString());
    }

    @Test
    void numbersBooleansAndNull() {
        assertThat(JsonPrinter.printLogLine(Arrays.asList(1, -2L, 1.5, 3.0, 1e21, true, false, null, new BigDecimal("12.50"))))
                .isEqualTo("[1,-2,1.5,3.0,1.0E21,true,false,null,12.50]");
        assertThat(JsonPrinter.printLogLine(List.of(Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY)))
                .as("JSON has no NaN or infinity").isEqualTo("[null,null,null]");
        assertThat(PlainJson.parse(JsonPrinter.printLogLine(List.of(1e21, 1e-7)))).isEqualTo(List.of(1e21, 1e-7));
    }

    @Test
    void nestedMapsAndListsInOrder() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", List.of());
        inner.put("a", Map.of());
        inner.put("n", null);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("first", inner);
        outer.put("list", List.of(List.of(1L, "x"), Map.of("k", "v")));
        outer.put("key \"quoted\"", "v");

        String json = JsonPrinter.printLogLine(outer);

        assertThat(json).isEqualTo("{\"first\":{\"z\":[],\"a\":{},\"n\":null},\"list\":[[1,\"x\"],{\"k\":\"v\"}],"
                + "\"key \\\"quoted\\\"\":\"v\"}");
        assertThat(PlainJson.parse(json)).isEqualTo(outer);
    }

    @Test
    void refusesWhatIsNotJson() {
        assertThatThrownBy(() -> JsonPrinter.printLogLine(List.of(new Object())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a JSON value: java.lang.Object");
        Object deep = "x";
        for (int i = 0; i < 100; i++) {
            deep = List.of(deep);
        }
        Object tooDeep = deep;
        assertThatThrownBy(() -> JsonPrinter.printLogLine(tooDeep)).hasMessageContaining("nested too deep");
    }
}
