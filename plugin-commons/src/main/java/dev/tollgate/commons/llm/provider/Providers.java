package dev.tollgate.commons.llm.provider;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The providers Tollgate speaks, by configuration name. */
public final class Providers {
    private static final List<Provider> ALL = List.of(new OpenAiProvider(), new OpenAiCompatibleProvider(),
            new AzureProvider(), new AnthropicProvider(), new MistralProvider(), new GeminiProvider(), new OllamaProvider());
    private static final Map<String, Provider> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Provider::name, Function.identity()));

    private Providers() {
    }

    public static Optional<Provider> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The configuration names, for schemas and error messages. */
    public static List<String> names() {
        return ALL.stream().map(Provider::name).sorted().toList();
    }
}
