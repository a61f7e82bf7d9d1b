/**
 * The Tollgate plugin SDK: the API Java plugins are written against. It depends on the JDK alone.
 *
 * <ul>
 *   <li>{@code dev.tollgate.sdk}: plugins, their factories, phases and the request context;</li>
 *   <li>{@code dev.tollgate.sdk.config}: configuration schemas and validated configuration;</li>
 *   <li>{@code dev.tollgate.sdk.llm}: the chat view of AI requests and their usage;</li>
 *   <li>{@code dev.tollgate.sdk.metrics}: counters, gauges and histograms exposed at {@code /metrics};</li>
 *   <li>{@code dev.tollgate.sdk.spi}: what the gateway implements to host other kinds of plugin.</li>
 * </ul>
 *
 * @since 0.1.0
 */
module dev.tollgate.sdk {
    exports dev.tollgate.sdk;
    exports dev.tollgate.sdk.config;
    exports dev.tollgate.sdk.llm;
    exports dev.tollgate.sdk.metrics;
    exports dev.tollgate.sdk.spi;
}
