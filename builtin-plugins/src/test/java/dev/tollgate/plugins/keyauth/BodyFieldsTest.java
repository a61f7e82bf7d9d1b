package dev.tollgate.plugins.keyauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class BodyFieldsTest {
    private static final Optional<String> JSON = Optional.of("application/json");
    private static final Optional<String> FORM = Optional.of("application/x-www-form-urlencoded; charset=UTF-8");

    private static BodyFields parse(Optional<String> contentType, String body) {
        return BodyFields.parse(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String without(BodyFields fields, String name) {
        return new String(fields.without(name), StandardCharsets.UTF_8);
    }

    @Test
    void decodesFormFields() {
        BodyFields fields = parse(FORM, "a=x+y%2Bz&&flag&b=1&b=2");

        assertThat(fields.lookup("a")).isEqualTo(new KeyLookup.Found("x y+z"));
        assertThat(fields.lookup("flag")).isEqualTo(new KeyLookup.Found(""));
        assertThat(fields.lookup("b")).isEqualTo(KeyLookup.DUPLICATE);
        assertThat(fields.lookup("c")).isEqualTo(KeyLookup.ABSENT);
        assertThat(without(fields, "b")).isEqualTo("a=x+y%2Bz&flag");
    }

    @Test
    void decodesJsonStringsAndSkipsOtherValues() {
        BodyFields fields = parse(Optional.of("application/vnd.api+json"), """
                { "esc": "q\\"\\\\\\/\\n\\u00e9\\ud83d\\ude00", "n": -1.5e3, "t": true, "z": null,
                  "o": {"k": ["}", {"x": "]"}]}, "arr": ["k1"], "dup": "1", "dup": "2" }
                """);

        assertThat(fields.lookup("esc")).isEqualTo(new KeyLookup.Found("q\"\\/\né😀"));
        assertThat(fields.lookup("n")).isEqualTo(KeyLookup.ABSENT);
        assertThat(fields.lookup("o")).isEqualTo(KeyLookup.ABSENT);
        assertThat(fields.lookup("arr")).isEqualTo(KeyLookup.DUPLICATE); // an array is several keys, as in Kong
        assertThat(fields.lookup("dup")).isEqualTo(new KeyLookup.Found("2"));
        assertThat(fields.lookup("k")).isEqualTo(KeyLookup.ABSENT); // nested members are not fields
    }

    @Test
    void removesJsonMembersKeepingTheRestAsSent() {
        BodyFields fields = parse(JSON, "{\"a\" : 1 ,\"key\":\"k\", \"b\": [1, 2], \"key\": \"again\"}");

        assertThat(without(fields, "key")).isEqualTo("{\"a\" : 1,\"b\": [1, 2]}");
        assertThat(without(parse(JSON, "{\"key\":\"k\"}"), "key")).isEqualTo("{}");
        assertThat(parse(JSON, " {} ").contains("key")).isFalse();
    }

    @Test
    void ignoresOtherMediaTypes() {
        assertThat(parse(Optional.of("text/plain"), "key=k").lookup("key")).isEqualTo(KeyLookup.ABSENT);
        assertThat(parse(Optional.empty(), "{\"key\":\"k\"}").lookup("key")).isEqualTo(KeyLookup.ABSENT);
    }

    @Test
    void rejectsWhatIsNotOneJsonObject() {
        for (String bad : new String[] {"", "[]", "{\"a\":1,}", "{\"a\":1} x", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12G4\"}",
                "{\"a\":\"tab\there\"}", "{\"a\":tru}", "{\"a\":[1}", "{\"a\":\"open}", "{a:1}", "{\"a\":01}"}) {
            assertThatThrownBy(() -> parse(JSON, bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void survivesDeepNesting() {
        String deep = "{\"a\":" + "[".repeat(200_000) + "]".repeat(200_000) + ",\"key\":\"k\"}";

        assertThat(parse(JSON, deep).lookup("key")).isEqualTo(new KeyLookup.Found("k"));
    }

    @Test
    void rejectsBodiesThatAreNotUtf8() {
        byte[] latin1 = "key=caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> BodyFields.parse(FORM, latin1)).isInstanceOf(IllegalArgumentException.class);
    }
}
