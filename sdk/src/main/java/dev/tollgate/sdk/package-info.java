/**
 * The Tollgate plugin SDK: what a plugin sees of the gateway.
 *
 * <p>A plugin jar implements {@link dev.tollgate.sdk.PluginFactory} and lists it in
 * {@code META-INF/services/dev.tollgate.sdk.PluginFactory}. The gateway calls the factory's
 * {@link dev.tollgate.sdk.PluginFactory#create create} once per configured plugin instance and the
 * returned {@link dev.tollgate.sdk.Plugin}'s phase methods on every request the instance applies to,
 * with a {@link dev.tollgate.sdk.PluginContext} split as Kong's PDK: the client's request
 * (read-only), the upstream request (settable), the upstream response, the client response,
 * the caller's identity, shared typed context keys, a tagged logger and host services.
 *
 * <p>This module depends on the JDK alone; plugins compile against it in {@code provided} scope.
 * See {@code docs/plugin-sdk.md} for the compatibility promise.
 */
package dev.tollgate.sdk;
