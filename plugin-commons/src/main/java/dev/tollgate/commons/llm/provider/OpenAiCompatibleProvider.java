package dev.tollgate.commons.llm.provider;

import java.net.URI;

import dev.tollgate.commons.llm.RouteType;

/**
 * Any server that speaks OpenAI's API at an address of its own: vLLM, llama.cpp's server,
 * LocalAI, LM Studio, a hosted OpenAI-compatible service. There is no default address, so
 * {@code upstream_url} (the full URL of its chat or embeddings endpoint) is required.
 */
public final class OpenAiCompatibleProvider extends OpenAiProvider {

    @Override
    public String name() {
        return "openai-compatible";
    }

    @Override
    protected URI uri(RouteType type, ModelTarget target) {
        String url = target.options().upstreamUrl().orElseThrow(() -> new UnsupportedRequestException(
                "openai-compatible needs model.options.upstream_url: the full URL of the server's "
                        + (type == RouteType.EMBEDDINGS ? "/v1/embeddings" : "/v1/chat/completions") + " endpoint"));
        return URI.create(url);
    }
}
