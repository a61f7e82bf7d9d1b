package dev.tollgate.commons.llm.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class LlmTransformationTest {

    private static Pattern kong(String regex) {
        return Pattern.compile(regex, TransformerSchemas.PATTERN_FLAGS);
    }

    @Test
    void theFirstGroupOrTheWholeMatchIsExtractedCaseInsensitively() {
        assertThat(LlmTransformation.extract(kong("BODY:\\s*(\\{.*\\})"), "ok. body: {\"a\":1} bye")).isEqualTo("{\"a\":1}");
        assertThat(LlmTransformation.extract(kong("\\{.*\\}"), "ok. {\"a\":1} bye")).isEqualTo("{\"a\":1}");
        assertThat(LlmTransformation.extract(kong("^answer: (.*)$"), "thinking…\nanswer: 42\n")).isEqualTo("42");
        assertThatThrownBy(() -> LlmTransformation.extract(kong("\\{.*\\}"), "no json here"))
                .isInstanceOfSatisfying(TransformationException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.code()).isEqualTo(TransformationException.UNUSABLE);
                });
    }

    @Test
    void aPatternThatBacktracksForeverIsStopped() {
        String hostile = "1,".repeat(30); // without the budget this takes a minute
        long start = System.nanoTime();
        assertThatThrownBy(() -> LlmTransformation.extract(kong("(.*?,){11}P"), hostile))
                .hasMessage(LlmTransformation.PATTERN_TOO_SLOW);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void aPatternThatOverflowsTheStackIsStoppedTheSameWay() {
        assertThatThrownBy(() -> LlmTransformation.extract(kong("(a|b)*c"), "ab".repeat(20_000)))
                .hasMessage(LlmTransformation.PATTERN_TOO_SLOW);
    }

    @Test
    void jsonIsReadPlainOrFromAMarkdownFenceAndNothingMayFollowIt() {
        assertThat(AnswerJson.parse(" {\"a\":1} ")).get().extracting(AnswerJson::text).isEqualTo("{\"a\":1}");
        assertThat(AnswerJson.parse("```json\n{\"a\":1}\n```")).get().extracting(AnswerJson::text).isEqualTo("{\"a\":1}");
        assertThat(AnswerJson.parse("```\n[1]\n```")).get().extracting(AnswerJson::text).isEqualTo("[1]");
        assertThat(AnswerJson.parse("```{\"a\":1}```")).isPresent();
        assertThat(AnswerJson.parse("{\"a\":1} hope this helps")).isEmpty();
        assertThat(AnswerJson.parse("Sure: {\"a\":1}")).isEmpty();
        assertThat(AnswerJson.parse("")).isEmpty();
        assertThat(AnswerJson.parse("```")).isEmpty();
    }
}
