package dev.tollgate.plugins.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tollgate.commons.json.JsonParser;

/** How deep a token's JSON may nest; the rest of its reading is the shared parser's (JsonParserPrinterTest). */
class DecodedJwtTest {

    @Test
    void capsNesting() {
        String deep = "[".repeat(DecodedJwt.MAX_JSON_DEPTH + 2) + "]".repeat(DecodedJwt.MAX_JSON_DEPTH + 2);
        assertThatThrownBy(() -> JsonParser.parse(deep, DecodedJwt.MAX_JSON_DEPTH)).hasMessageContaining("nesting");
        String ok = "[".repeat(DecodedJwt.MAX_JSON_DEPTH) + "]".repeat(DecodedJwt.MAX_JSON_DEPTH);
        assertThat(JsonParser.parse(ok, DecodedJwt.MAX_JSON_DEPTH)).isInstanceOf(List.class);
    }

    @Test
    void claimsNestedTooDeepAreInvalidJson() {
        String deep = "{\"a\":" + "[".repeat(DecodedJwt.MAX_JSON_DEPTH + 1) + "]".repeat(DecodedJwt.MAX_JSON_DEPTH + 1) + "}";
        String token = Tokens.unsigned("{\"alg\":\"HS256\"}", deep) + ".c2ln";

        assertThatThrownBy(() -> DecodedJwt.decode(token)).isInstanceOf(DecodedJwt.MalformedException.class)
                .hasMessage("invalid JSON");
    }
}
