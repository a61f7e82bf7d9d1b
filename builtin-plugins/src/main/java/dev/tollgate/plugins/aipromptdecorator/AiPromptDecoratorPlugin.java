package dev.tollgate.plugins.aipromptdecorator;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

import dev.tollgate.commons.aiprompt.PromptRequests;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.llm.ChatRequest;

/**
 * Puts the configured messages before and after the client's conversation. Works on the shared
 * chat view, so a rendered prompt template is decorated and the plugins after this one (the
 * guard, ai-proxy) see the added messages; the body is written once, when the request goes out.
 */
final class AiPromptDecoratorPlugin implements Plugin {
    // Kong's wording and no more: which rule refused is in the code.
    static final String NOT_CHAT = "this LLM route only supports llm/chat type requests";
    static final String CODE = "prompt_decorator";

    private final AiPromptDecoratorConfig config;

    AiPromptDecoratorPlugin(AiPromptDecoratorConfig config) {
        this.config = requireNonNull(config, "config");
    }

    @Override
    public void access(PluginContext ctx) {
        byte[] body = PromptRequests.bodyWithin(ctx, config.maxRequestBodySize(), AiPromptDecoratorPluginFactory.NAME);
        if (body == null || body.length == 0) {
            return; // refused, or nothing to decorate (GET …/models)
        }
        Optional<ChatRequest> view = ctx.llm().request();
        if (view.isEmpty() || view.get().messages().isEmpty()) {
            PromptRequests.refuse(ctx, 400, view.isPresent() || PromptRequests.isJsonObject(body)
                    ? NOT_CHAT : PromptRequests.NOT_JSON, CODE);
            return;
        }
        ChatRequest chat = view.get();
        int at = 0;
        for (AiPromptDecoratorConfig.Prompt p : config.prepend()) {
            chat.addMessage(at++, p.role(), p.content());
        }
        for (AiPromptDecoratorConfig.Prompt p : config.append()) {
            chat.addMessage(p.role(), p.content());
        }
    }

    @Override
    public String toString() {
        return AiPromptDecoratorPluginFactory.NAME + "{prepend=" + config.prepend().size() + ", append="
                + config.append().size() + "}";
    }
}
