/**
 * The node's metrics as plugins record them: counters, gauges and histograms with labels,
 * exposed by the gateway at {@code GET /metrics} in Prometheus's text format
 * ({@link dev.tollgate.sdk.HostServices#metrics()}).
 *
 * @since 0.2.0
 */
package dev.tollgate.sdk.metrics;
