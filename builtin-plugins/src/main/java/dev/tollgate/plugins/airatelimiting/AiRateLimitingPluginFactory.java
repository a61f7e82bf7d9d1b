package dev.tollgate.plugins.airatelimiting;

import java.util.Set;

import dev.tollgate.commons.limits.ClientKey;
import dev.tollgate.commons.support.RedisFields;
import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * {@code ai-rate-limiting}: token and cost limits per window and spend budgets, Tollgate's take
 * on Kong's enterprise ai-rate-limiting-advanced. Checked before the LLM call, charged with the
 * call's real usage after it.
 */
public final class AiRateLimitingPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "ai-rate-limiting";
    // Below authentication and request rate-limiting (910), so identifier=consumer sees who is
    // calling and cheap request limits refuse first; above the prompt plugins and ai-proxy (770),
    // so a spent budget costs no prompt work and no LLM call.
    static final int PRIORITY = 905;

    private static final ConfigSchema LIMIT = ConfigSchema.builder()
            .field(Field.string("window").oneOf("minute", "hour", "day", "month", "year").required()
                    .description("The window the limit is for. Windows are fixed and aligned to the epoch (UTC); "
                            + "a month is a fixed 30 days and a year 365, not calendar ones."))
            .field(Field.number("limit").min(0).required()
                    .description("How much a client may use per window: tokens, or cost in the price table's "
                            + "currency (USD for the default prices). 0 refuses every request."))
            .field(Field.string("type").oneOf("tokens", "cost")
                    .description("What the limit counts: tokens (as tokens_count_strategy says) or cost (the "
                            + "call's price). Unset: cost when tokens_count_strategy is cost, else tokens. A cost "
                            + "limit is a spend budget."))
            .field(Field.strings("models")
                    .description("Only requests for these models count toward the limit and are checked by it "
                            + "(the model the client names, else the one that answered; a dated snapshot such as "
                            + "gpt-4o-2024-08-06 counts as gpt-4o). Unset: every request."))
            .build();

    private static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.records("limits", LIMIT).required()
                    .description("The limits; a request is refused while any limit that applies to it is used up. "
                            + "At most " + AiRateLimitingConfig.MAX_LIMITS + "."))
            .field(Field.string("tokens_count_strategy")
                    .oneOf("total_tokens", "prompt_tokens", "completion_tokens", "cost").defaultValue("total_tokens")
                    .description("Which usage a tokens limit counts: total_tokens, prompt_tokens or "
                            + "completion_tokens; cost makes limits without a type cost limits, as in Kong."))
            .field(Field.string("identifier")
                    .oneOf("consumer", "credential", "ip", "service", "route", "header", "model")
                    .defaultValue("consumer")
                    .description("Whose usage is counted together: consumer (the client IP when none is "
                            + "authenticated), credential (likewise), ip, service, route, header (header_name's "
                            + "value; the client IP when it is absent) or model (every client's requests for one "
                            + "model together)."))
            .field(Field.string("header_name").check(v -> ((String) v).matches(ClientKey.HEADER_NAME), "a header name")
                    .description("The header whose value identifies the client; required when identifier is header."))
            .field(Field.string("strategy").oneOf("local", "redis").defaultValue("local")
                    .description("Where counters are kept: local (this node's memory; each node counts on its "
                            + "own) or redis (shared by every node)."))
            .field(Field.record("redis", RedisFields.schema("the counters"))
                    .description("The Redis server that holds the counters when strategy is redis."))
            .field(Field.bool("fault_tolerant").defaultValue(Boolean.TRUE)
                    .description("When the counters cannot be reached: true lets requests through unlimited and "
                            + "without headers, false answers 500."))
            .field(Field.bool("hide_client_headers").defaultValue(Boolean.FALSE)
                    .description("Leave the X-AI-RateLimit-* headers and Retry-After out of responses."))
            .field(Field.integer("error_code").min(200).max(599).defaultValue(429L)
                    .description("The status of the answer to a request over a limit."))
            .field(Field.string("error_message").defaultValue(AiRateLimitingConfig.DEFAULT_ERROR_MESSAGE)
                    .description("The start of the error message of a refused request; the message goes on to "
                            + "name the limit that is used up and when it resets."))
            .parsedBy(AiRateLimitingConfig::from)
            .build();

    public AiRateLimitingPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS, Phase.LOG), SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new AiRateLimitingPlugin(AiRateLimitingConfig.from(config));
    }
}
