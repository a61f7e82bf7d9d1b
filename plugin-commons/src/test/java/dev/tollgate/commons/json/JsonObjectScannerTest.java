package dev.tollgate.commons.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.tollgate.commons.json.JsonObjectScanner.Member;

class JsonObjectScannerTest {

    @Test
    void keepsEachMemberAsWritten() {
        List<Member> members = JsonObjectScanner.members(" {\"a\" : 1.50 ,\"s\":\"x\\u00e9\", \"l\": [1, {\"k\": \"]\"}], \"a\": null} ");

        assertThat(members).containsExactly(
                new Member("a", "1.50", "\"a\" : 1.50"),
                new Member("s", "\"x\\u00e9\"", "\"s\":\"x\\u00e9\""),
                new Member("l", "[1, {\"k\": \"]\"}]", "\"l\": [1, {\"k\": \"]\"}]"),
                new Member("a", "null", "\"a\": null"));
        assertThat(members.get(1).string()).contains("xé");
        assertThat(members.get(0).string()).isEqualTo(Optional.empty());
        assertThat(members.get(2).isArray()).isTrue();
        assertThat(JsonObjectScanner.members("{}")).isEmpty();
    }

    @Test
    void readsOnlyObjectsAndAnyDepthOfNesting() {
        String deep = "{\"a\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}";

        assertThat(JsonObjectScanner.members(deep)).hasSize(1);
        for (String bad : List.of("", "[]", "\"s\"", "{\"a\":1,}", "{\"a\":1} x", "{\"a\":[1}", "{\"a\":tru}")) {
            assertThatThrownBy(() -> JsonObjectScanner.members(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid JSON at offset");
        }
    }
}
