package dev.tollgate.plugins.airesponsecache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tollgate.plugins.airesponsecache.CachedRoute.Exchange;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.ReplyBody;
import dev.tollgate.sdk.UpstreamReply;
import dev.tollgate.sdk.testkit.FakePluginContext;

/** Streamed answers: stored only when complete, replayed event by event. */
class AiResponseCacheStreamTest {
    static final String STREAM_REQUEST = CachedRoute.CHAT.replace("{\"model\"", "{\"stream\":true,\"model\"");
    static final String E1 = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n";
    static final String E2 = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n";
    static final String E3 = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";
    static final String DONE = "data: [DONE]\n\n";

    private final CachedRoute route = new CachedRoute();

    @Test
    void aFinishedStreamIsReplayedEventByEvent() {
        // The provider's reads cut events anywhere: two in one chunk, one across two chunks.
        route.ai.stream(E1 + E2.substring(0, 20), E2.substring(20) + E3, DONE);
        Exchange first = route.send(STREAM_REQUEST);
        assertThat(first.cacheStatus()).isEqualTo("Miss");
        assertThat(first.chunks()).as("passed through as they came").hasSize(3);

        Exchange hit = route.send(STREAM_REQUEST);
        assertThat(hit.cacheStatus()).isEqualTo("Hit");
        assertThat(hit.chunks()).containsExactly(E1, E2, E3, DONE);
        assertThat(hit.header("content-type")).contains("text/event-stream");
        assertThat(hit.usage().cacheStatus()).contains("Hit");
        assertThat(hit.usage().completionTokens()).isEqualTo(3);
        assertThat(route.ai.calls).hasValue(1);
    }

    @Test
    void aStreamHitReportsItsUsageAfterTheLastEventAsTheProxyDoes() throws Exception {
        route.ai.stream(E1, E2, E3, DONE);
        route.send(STREAM_REQUEST);
        FakePluginContext ctx = FakePluginContext.builder().method("POST").body(STREAM_REQUEST).services(route.services)
                .build().in(Phase.ACCESS);
        ctx.upstreamRequest().setHandler(route.ai);
        route.plugin.access(ctx);
        UpstreamReply reply = ctx.callUpstreamHandler();
        try (ReplyBody body = reply.body()) {
            body.next();
            assertThat(ctx.reportedUsage()).isEmpty();
            while (body.next().isPresent()) {
                // read on
            }
        }
        assertThat(ctx.reportedUsage()).hasValueSatisfying(u -> assertThat(u.cacheStatus()).contains("Hit"));
    }

    @Test
    void aStreamAndAWholeAnswerAreSeparateEntries() {
        route.ai.stream(E1, E2, E3, DONE);
        route.send(STREAM_REQUEST);
        route.ai.json(FakeAi.JSON_ANSWER);
        Exchange whole = route.send(CachedRoute.CHAT);
        assertThat(whole.cacheStatus()).isEqualTo("Miss");
        assertThat(whole.body()).isEqualTo(FakeAi.JSON_ANSWER);
        assertThat(route.send(STREAM_REQUEST).chunks()).endsWith(DONE);
        assertThat(route.send(CachedRoute.CHAT).body()).isEqualTo(FakeAi.JSON_ANSWER);
    }

    @Test
    void aStreamCutMidWayIsNeverCached() {
        route.ai.stream(E1, E2).failingAfterChunks();
        FakePluginContext ctx = FakePluginContext.builder().method("POST").body(STREAM_REQUEST).services(route.services)
                .build().in(Phase.ACCESS);
        ctx.upstreamRequest().setHandler(route.ai);
        route.plugin.access(ctx);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> FakeAi.chunks(ctx.callUpstreamHandler())))
                .isInstanceOf(java.io.IOException.class);

        route.ai.stream(E1, E2, E3, DONE);
        assertThat(route.send(STREAM_REQUEST).cacheStatus()).isEqualTo("Miss");
        assertThat(route.send(STREAM_REQUEST).cacheStatus()).isEqualTo("Hit");
    }

    @Test
    void aStreamThatEndsWithoutItsLastEventOrWithAnErrorIsNotCached() {
        for (List<String> stream : List.of(List.of(E1, E2, E3),
                List.of(E1, "data: {\"error\":{\"message\":\"overloaded\",\"type\":\"api_error\"}}\n\n"),
                List.of(E1, "data: {\"error\":{\"message\":\"overloaded\"}}\n\n", DONE),
                List.of(E1, "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}\n\n",
                        "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"))) {
            CachedRoute fresh = new CachedRoute();
            fresh.ai.stream(stream.toArray(String[]::new));
            assertThat(fresh.send(STREAM_REQUEST).body()).isEqualTo(String.join("", stream));
            assertThat(fresh.send(STREAM_REQUEST).cacheStatus()).as(stream.getLast()).isEqualTo("Miss");
        }
    }

    @Test
    void aClientLeavingMidStreamLeavesNothingInTheCache() {
        route.ai.stream(E1, E2, E3, DONE);
        FakePluginContext ctx = FakePluginContext.builder().method("POST").body(STREAM_REQUEST).services(route.services)
                .build().in(Phase.ACCESS);
        ctx.upstreamRequest().setHandler(route.ai);
        route.plugin.access(ctx);
        try (ReplyBody body = ctx.callUpstreamHandler().body()) {
            body.next();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(route.send(STREAM_REQUEST).cacheStatus()).isEqualTo("Miss");
    }

    @Test
    void anthropicStreamsAreCachedWhenTheyReachMessageStop() {
        String start = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\"}}\n\n";
        String delta = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n";
        String stop = "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        route.ai.stream(start + delta, stop);
        route.send(STREAM_REQUEST);
        assertThat(route.send(STREAM_REQUEST).chunks()).containsExactly(start, delta, stop);
    }

    @Test
    void streamsOverMaxEntryBytesAreServedButNotCached() {
        CachedRoute small = new CachedRoute(java.util.Map.of("max_entry_bytes", 1024));
        String[] events = new String[30];
        java.util.Arrays.fill(events, E2);
        List<String> all = new java.util.ArrayList<>(List.of(events));
        all.add(DONE);
        small.ai.stream(all.toArray(String[]::new));
        assertThat(small.send(STREAM_REQUEST).chunks()).hasSize(31);
        assertThat(small.send(STREAM_REQUEST).cacheStatus()).isEqualTo("Miss");
    }
}
