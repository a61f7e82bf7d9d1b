package dev.tollgate.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class LocalCacheTest {
    @Test
    void expiresAndEvictsTheLeastRecentlyUsedWithinItsBounds() {
        Clock at0 = Clock.fixed(Instant.ofEpochSecond(0), ZoneOffset.UTC);
        var cache = new LocalCache(at0, 2, 1000);
        cache.put("a", new byte[] {1}, Duration.ofSeconds(10));
        cache.put("b", new byte[] {2}, Duration.ofSeconds(10));
        cache.get("a"); // a is now more recent than b
        cache.put("c", new byte[] {3}, Duration.ofSeconds(10));
        assertThat(cache.get("b")).isEmpty();
        assertThat(cache.get("a")).isPresent();
        assertThat(cache.get("c")).isPresent();

        var bytes = new LocalCache(at0, 100, 10);
        bytes.put("k1", new byte[4], Duration.ofSeconds(10));
        bytes.put("k2", new byte[4], Duration.ofSeconds(10)); // 12 bytes with the keys: k1 goes
        assertThat(bytes.get("k1")).isEmpty();
        assertThat(bytes.get("k2")).isPresent();

        var expiring = new LocalCache(at0, 10, 1000);
        expiring.put("x", new byte[] {1}, Duration.ZERO);
        assertThat(expiring.get("x")).isEmpty();
    }
}
