package dev.tollgate.sdk;

import java.time.Duration;

/**
 * Where a plugin's shared counters or cache live.
 *
 * @param password null when the server needs none
 * @param timeout  for connecting and for each command
 */
public record RedisSettings(String host, int port, String password, int database, Duration timeout, boolean ssl) {
}
