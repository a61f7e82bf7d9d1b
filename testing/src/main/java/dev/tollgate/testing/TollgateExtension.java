package dev.tollgate.testing;

import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a {@link Tollgate} gateway and mock LLM before a test class's first test and stops them
 * after its last, with the plugins on the test class path installed. Register it in a static
 * field to configure it, or with {@code @ExtendWith(TollgateExtension.class)} for the defaults;
 * tests take the gateway as a {@link Tollgate} parameter or from {@link #gateway()}.
 *
 * <pre>{@code
 * class HelloPluginIT {
 *     @RegisterExtension
 *     static final TollgateExtension TOLLGATE = TollgateExtension.withFlags("--proxy.max-body-size=1MiB");
 *
 *     @Test
 *     void greets(Tollgate tollgate) {
 *         String route = tollgate.echoRoute("/hello");
 *         tollgate.configure("/plugins", "name=hello-header", "config.greeting=hi");
 *         assertEquals("hi (v1.0.0)", tollgate.get(tollgate.proxy(route)).headers().firstValue("X-Hello").orElseThrow());
 *     }
 * }
 * }</pre>
 *
 * Configuration made in one test stays for the next ones of the class: give each test its own
 * route path, or remove what it made.
 */
public final class TollgateExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private final List<String> flags;
    private Tollgate gateway;

    /** The defaults: embedded H2 in a temporary directory, random ports. */
    public TollgateExtension() {
        this(List.of());
    }

    private TollgateExtension(List<String> flags) {
        this.flags = List.copyOf(flags);
    }

    /** With gateway flags ({@code --proxy.max-body-size=1MiB}; see docs/configuration.md). */
    public static TollgateExtension withFlags(String... flags) {
        return new TollgateExtension(List.of(flags));
    }

    /** The running gateway. @throws IllegalStateException before the class's tests start */
    public Tollgate gateway() {
        if (gateway == null) {
            throw new IllegalStateException("the gateway starts before the test class's first test");
        }
        return gateway;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        gateway = Tollgate.start(flags.toArray(String[]::new));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Tollgate.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return gateway();
    }
}
