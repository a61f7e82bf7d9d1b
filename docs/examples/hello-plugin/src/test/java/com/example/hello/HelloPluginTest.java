package com.example.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.testkit.FakePluginContext;
import org.junit.jupiter.api.Test;

/** A plugin tested without a gateway, against the SDK's fake context. */
class HelloPluginTest {
    private final HelloPluginFactory factory = new HelloPluginFactory();

    @Test
    void greetsUpstreamAndClient() {
        var plugin = factory.create(factory.configSchema().validate(Map.of("greeting", "hi")));
        var ctx = FakePluginContext.builder().upstreamResponse(200, Map.of()).build();
        plugin.access(ctx.in(Phase.ACCESS));
        plugin.headerFilter(ctx.in(Phase.HEADER_FILTER));
        assertEquals(List.of("hi (v1.0.0)"), ctx.upstreamHeaders().get("x-hello"));
        assertEquals(List.of("hi (v1.0.0)"), ctx.responseHeaders().get("x-hello"));
    }
}
