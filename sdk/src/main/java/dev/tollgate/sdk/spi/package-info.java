/**
 * The service interfaces the gateway loads plugin runtimes through ({@link java.util.ServiceLoader}):
 * a {@link dev.tollgate.sdk.spi.PluginSource} turns files of one kind (JavaScript, ...) into
 * {@link dev.tollgate.sdk.PluginFactory PluginFactories}. JDK-only, like the rest of the SDK.
 */
package dev.tollgate.sdk.spi;
