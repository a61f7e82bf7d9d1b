package dev.tollgate.commons.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonParserPrinterTest {

    private static String roundTrip(String json) {
        return JsonPrinter.print(JsonParser.parse(json));
    }

    @Test
    void parsesEveryKindOfValue() {
        Object value = JsonParser.parse(" {\"s\":\"x\",\"n\":-1.5e3,\"t\":true,\"f\":false,\"z\":null,\"a\":[1,{}],\"o\":{\"k\":[]}} ");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "x");
        expected.put("n", new JsonNumber("-1.5e3"));
        expected.put("t", true);
        expected.put("f", false);
        expected.put("z", JsonNull.NULL);
        expected.put("a", List.of(new JsonNumber("1"), Map.of()));
        expected.put("o", Map.of("k", List.of()));
        assertThat(value).isEqualTo(expected);
        assertThat(JsonParser.parse("42")).isEqualTo(new JsonNumber("42"));
        assertThat(JsonParser.parse("\"only\"")).isEqualTo("only");
    }

    @Test
    void readsEveryKindOfValueAJwtHolds() {
        Object value = JsonParser.parse(" {\"s\":\"a\\\"\\u00e9\\n\",\"n\":-1.5e2,\"i\":1700000000,\"t\":true,\"f\":false,"
                + "\"z\":null,\"a\":[1,\"x\",[]],\"o\":{}} ");

        Map<String, Object> expected = new HashMap<>();
        expected.put("s", "a\"\u00e9\n");
        expected.put("n", new JsonNumber("-1.5e2"));
        expected.put("i", new JsonNumber("1700000000"));
        expected.put("t", true);
        expected.put("f", false);
        expected.put("z", JsonNull.NULL);
        expected.put("a", Arrays.asList(new JsonNumber("1"), "x", List.of()));
        expected.put("o", Map.of());
        assertThat(value).isEqualTo(expected);
        // What jwt compares exp and nbf as.
        assertThat(((JsonNumber) ((Map<?, ?>) value).get("n")).doubleValue()).isEqualTo(-150.0);
        assertThat(((JsonNumber) ((Map<?, ?>) value).get("i")).doubleValue()).isEqualTo(1.7e9);
    }

    @Test
    void roundTripsCompactlyKeepingOrderAndNumbersAsWritten() {
        assertThat(roundTrip("{ \"b\" : 1 , \"a\" : [ 1.0 , 1E+2, 0, -0.5, 12345678901234567890123 ] }"))
                .isEqualTo("{\"b\":1,\"a\":[1.0,1E+2,0,-0.5,12345678901234567890123]}");
        assertThat(roundTrip("{\"deep\":{\"er\":{\"est\":[[[{\"x\":null}]]]}}}"))
                .isEqualTo("{\"deep\":{\"er\":{\"est\":[[[{\"x\":null}]]]}}}");
    }

    @Test
    void decodesAndReEncodesEscapes() {
        Object value = JsonParser.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\u0001 \\ud83d\\ude00\"");

        assertThat(value).isEqualTo("q\" b\\ s/ \b\f\n\r\t é \u0001 😀");
        assertThat(JsonPrinter.print(value)).isEqualTo("\"q\\\" b\\\\ s/ \\b\\f\\n\\r\\t é \\u0001 😀\"");
    }

    @Test
    void keepsLoneSurrogatesAsEscapes() {
        assertThat(roundTrip("\"\\ud800 x \\udc00\"")).isEqualTo("\"\\ud800 x \\udc00\"");
    }

    @Test
    void readsUtf8Bytes() {
        assertThat(JsonParser.parse("{\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8))).isEqualTo(Map.of("name", "Zoë"));
        assertThatThrownBy(() -> JsonParser.parse(new byte[] {'"', (byte) 0xC3, '"'})).hasMessageContaining("not UTF-8");
        assertThat(new String(JsonPrinter.printUtf8(Map.of("k", "ü")), StandardCharsets.UTF_8)).isEqualTo("{\"k\":\"ü\"}");
    }

    @Test
    void aRepeatedMemberKeepsItsLastValue() {
        assertThat(JsonParser.parse("{\"a\":1,\"a\":2}")).isEqualTo(Map.of("a", new JsonNumber("2")));
        assertThat(JsonParser.parse("{\"iss\":\"a\",\"iss\":\"b\"}")).isEqualTo(Map.of("iss", "b"));
    }

    @Test
    void refusesWhatIsNotExactlyOneJsonValue() {
        for (String bad : List.of("", " ", "{", "{\"a\":1,}", "[1,]", "[1 2]", "{\"a\" 1}", "{a:1}", "{'a':1}",
                "01", "1.", ".5", "+1", "-", "1e", "0x10", "NaN", "Infinity", "tru", "nul", "True",
                "\"unterminated", "\"bad \\x escape\"", "\"\\u12g4\"", "\"tab\tinside\"", "{} {}", "[] x", "{\"a\":1}}",
                "{\"a\"}", "\"\u0001\"", "\"\\x\"", "{\"a\":1}x")) {
            assertThatThrownBy(() -> JsonParser.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid JSON at offset");
        }
    }

    @Test
    void refusesNestingDeeperThanTheLimitInsteadOfOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> JsonParser.parse(deep)).hasMessageContaining("nesting at most 512 deep");
        String fine = "[".repeat(500) + "]".repeat(500);
        assertThat(roundTrip(fine)).isEqualTo(fine);
    }

    @Test
    void printerRefusesValuesThatAreNotJson() {
        assertThatThrownBy(() -> JsonPrinter.print(Map.of("a", 1))).hasMessageContaining("Integer");
        assertThatThrownBy(() -> new JsonNumber("1.")).hasMessageContaining("a JSON number");
        assertThat(JsonNumber.isNumber("-0.0e-0")).isTrue();
    }

    @Test
    void memberEditsFollowKongsRules() {
        Map<String, Object> o = new LinkedHashMap<>(Map.of("a", "1"));
        o.put("b", new JsonNumber("2"));
        o.put("c", List.of("x"));

        assertThat(JsonMembers.remove(o, "missing")).isFalse();
        assertThat(JsonMembers.replace(o, "missing", "v")).isFalse();
        assertThat(JsonMembers.add(o, "a", "v")).isFalse();
        assertThat(JsonMembers.rename(o, "missing", "z")).isFalse();
        assertThat(JsonMembers.rename(o, "a", "c")).isTrue();
        assertThat(JsonPrinter.print(o)).isEqualTo("{\"c\":\"1\",\"b\":2}");
        assertThat(JsonMembers.append(o, "c", "2")).isTrue();
        assertThat(JsonMembers.append(o, "b", "3")).isTrue();
        assertThat(JsonMembers.append(o, "new", "4")).isTrue();
        assertThat(JsonMembers.append(o, "new", "5")).isTrue();
        assertThat(JsonPrinter.print(o)).isEqualTo("{\"c\":[\"1\",\"2\"],\"b\":[2,\"3\"],\"new\":[\"4\",\"5\"]}");
    }
}
