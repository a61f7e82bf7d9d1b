package dev.tollgate.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.ContextKey;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;
import dev.tollgate.sdk.config.SchemaViolationException;
import org.junit.jupiter.api.Test;

/** The recipes of docs/plugin-sdk.md, compiled and run: a recipe that stops working fails here. */
class RecipesTest {
    static final ContextKey<String> TEAM = ContextKey.of("team", String.class);

    record TeamConfig(String header, String value) {
        static final ConfigSchema SCHEMA = ConfigSchema.builder()
                .field(Field.string("header").defaultValue("X-Team").description("The header to set."))
                .field(Field.string("value").required().description("Its value."))
                .parsedBy(TeamConfig::from)
                .build();

        TeamConfig {
            if (header.contains(":")) {
                throw new IllegalArgumentException("header: a header name has no ':'");
            }
        }

        static TeamConfig from(PluginConfig c) {
            return new TeamConfig(c.string("header").orElseThrow(), c.string("value").orElseThrow());
        }
    }

    /** The recipes, in one access phase. */
    static final class RecipePlugin implements Plugin {
        String who;
        boolean blocked;

        @Override
        public void access(PluginContext ctx) {
            Optional<String> tenant = ctx.request().header("X-Tenant");
            blocked = ctx.request().header("X-Blocked").filter("yes"::equalsIgnoreCase).isPresent();
            if (tenant.isEmpty()) {
                ctx.response().exit(400, Map.of("message", "Missing header X-Tenant"), Map.of("X-Reason", "tenant"));
                return;
            }
            ctx.upstreamRequest().setHeader("X-Tenant", tenant.get().toLowerCase(Locale.ROOT));
            ctx.upstreamRequest().removeHeader("Authorization");
            who = ctx.identity().consumer().map(c -> c.username() != null ? c.username() : c.id()).orElse("anonymous");
            ctx.llm().request().ifPresent(chat -> chat.addMessage(0, "system", "Answer in French."));
            ctx.put(TEAM, "blue");
        }
    }

    @Test
    void theRecipesDoWhatTheDocsSay() {
        SimpleChatRequest chat = new SimpleChatRequest("gpt-4o").user("Hi");
        FakePluginContext ctx = FakePluginContext.builder().header("X-Tenant", "ACME").header("X-Blocked", "YES")
                .header("Authorization", "Bearer x").chat(chat).build();
        ctx.in(Phase.ACCESS).identity().authenticate(ConsumerInfo.builder("c1").username("alice").build(), null);
        RecipePlugin plugin = new RecipePlugin();
        plugin.access(ctx.in(Phase.ACCESS));
        assertThat(plugin.blocked).isTrue();
        assertThat(plugin.who).isEqualTo("alice");
        assertThat(ctx.upstreamHeaders()).containsEntry("x-tenant", List.of("acme")).doesNotContainKey("authorization");
        assertThat(chat.messages().get(0).role()).isEqualTo("system");
        assertThat(ctx.get(TEAM)).contains("blue");

        FakePluginContext missing = FakePluginContext.builder().build();
        plugin.access(missing.in(Phase.ACCESS));
        assertThat(missing.exitStatus()).isEqualTo(400);
        assertThat(missing.exitBody()).isEqualTo(Map.of("message", "Missing header X-Tenant"));
    }

    @Test
    void theConfigRecipeRefusesWhatItSays() {
        assertThatThrownBy(() -> TeamConfig.SCHEMA.validate(Map.of())).isInstanceOfSatisfying(SchemaViolationException.class,
                e -> assertThat(e.errors()).containsEntry("value", "required field missing"));
        assertThatThrownBy(() -> TeamConfig.SCHEMA.validate(Map.of("value", "x", "header", "X:Bad")))
                .isInstanceOfSatisfying(SchemaViolationException.class,
                        e -> assertThat(e.errors().toString()).contains("a header name has no ':'"));
        assertThat(TeamConfig.SCHEMA.validate(Map.of("value", "blue")).string("header")).contains("X-Team");
    }
}
