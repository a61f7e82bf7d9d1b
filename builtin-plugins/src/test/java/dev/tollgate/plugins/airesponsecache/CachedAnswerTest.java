package dev.tollgate.plugins.airesponsecache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.tollgate.plugins.airesponsecache.CachedAnswer.OriginalUsage;

class CachedAnswerTest {
    private static final CachedAnswer ANSWER = new CachedAnswer(1_700_000_000_000L,
            Map.of("content-type", List.of("text/event-stream"), "x-tollgate-model", List.of("gpt-4o-2024")),
            List.of("data: {\"a\":1}\n\n".getBytes(StandardCharsets.UTF_8), "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8)),
            Optional.of(new OriginalUsage("openai", Optional.of("gpt-4o"), "gpt-4o-2024", "llm/v1/chat", 10, 5, 0, true, false)));

    @Test
    void roundTrips() {
        CachedAnswer back = CachedAnswer.decode(ANSWER.encode()).orElseThrow();
        assertThat(back.storedAtMillis()).isEqualTo(ANSWER.storedAtMillis());
        assertThat(back.headers()).isEqualTo(ANSWER.headers());
        assertThat(back.chunks()).hasSize(2);
        assertThat(back.chunks().get(1)).isEqualTo(ANSWER.chunks().get(1));
        assertThat(back.usage()).isEqualTo(ANSWER.usage());
        assertThat(back.bodyBytes()).isEqualTo(ANSWER.bodyBytes());

        CachedAnswer noUsage = new CachedAnswer(1, Map.of(), List.of(new byte[0]), Optional.empty());
        assertThat(CachedAnswer.decode(noUsage.encode()).orElseThrow().usage()).isEmpty();
    }

    @Test
    void damagedOrForeignValuesAreMisses() {
        byte[] good = ANSWER.encode();
        assertThat(CachedAnswer.decode(new byte[0])).isEmpty();
        assertThat(CachedAnswer.decode("{\"json\":true}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        for (int cut = 1; cut < good.length; cut += 7) {
            assertThat(CachedAnswer.decode(Arrays.copyOf(good, cut))).as("cut at " + cut).isEmpty();
        }
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThat(CachedAnswer.decode(longer)).as("trailing bytes").isEmpty();
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            byte[] noise = good.clone();
            noise[random.nextInt(noise.length)] = (byte) random.nextInt(256);
            CachedAnswer.decode(noise); // never throws
        }
    }

    @Test
    void cacheControlDirectives() {
        assertThat(CacheDirectives.parse(List.of())).isEqualTo(CacheDirectives.NONE);
        assertThat(CacheDirectives.parse(List.of("no-cache")).mayRead()).isFalse();
        assertThat(CacheDirectives.parse(List.of("no-cache")).mayStore()).isTrue();
        assertThat(CacheDirectives.parse(List.of("public, No-Store")).mayStore()).isFalse();
        assertThat(CacheDirectives.parse(List.of("max-age=60", "max-age=5")).maxAgeSeconds()).isEqualTo(OptionalLong.of(5));
        assertThat(CacheDirectives.parse(List.of("max-age=\"30\"")).maxAgeSeconds()).isEqualTo(OptionalLong.of(30));
        assertThat(CacheDirectives.parse(List.of("max-age=99999999999999999999999")).maxAgeSeconds())
                .isEqualTo(OptionalLong.of(Long.MAX_VALUE));
        assertThat(CacheDirectives.parse(List.of("max-age=-1, max-age=1.5, max-age=")).maxAgeSeconds()).isEmpty();
    }
}
