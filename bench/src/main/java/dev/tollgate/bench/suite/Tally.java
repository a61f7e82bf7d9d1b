package dev.tollgate.bench.suite;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts by key from many threads (statuses, kinds of error), and hands out a sorted snapshot,
 * so a result prints the same way every time.
 */
final class Tally<K extends Comparable<K>> {

    private final ConcurrentHashMap<K, LongAdder> counts = new ConcurrentHashMap<>();

    void add(K key) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    void add(K key, long n) {
        counts.computeIfAbsent(key, k -> new LongAdder()).add(n);
    }

    long total() {
        long total = 0;
        for (LongAdder count : counts.values()) {
            total += count.sum();
        }
        return total;
    }

    SortedMap<K, Long> snapshot() {
        SortedMap<K, Long> copy = new TreeMap<>();
        counts.forEach((key, count) -> copy.put(key, count.sum()));
        return Collections.unmodifiableSortedMap(copy);
    }

    /** The kind of an error, as a tally key: the exception's simple class name. */
    static String kindOf(Throwable error) {
        return error.getClass().getSimpleName();
    }

    /** E.g. {@code "200: 796, 503: 4"}. */
    static <K> String describe(Map<K, Long> counts) {
        StringBuilder text = new StringBuilder();
        counts.forEach((key, count) -> text.append(text.isEmpty() ? "" : ", ").append(key).append(": ").append(count));
        return text.toString();
    }
}
