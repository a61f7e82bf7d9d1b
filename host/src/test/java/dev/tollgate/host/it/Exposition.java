package dev.tollgate.host.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A scrape of {@code GET /metrics} read back: Prometheus's text format, parsed as a scraper
 * would (names, label sets, values), for tests that assert on what a dashboard would show.
 */
public final class Exposition {
    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private final List<Sample> samples;
    private final String text;

    private Exposition(String text) {
        this.text = text;
        this.samples = parse(text);
    }

    public static Exposition of(String text) {
        return new Exposition(text);
    }

    public String text() {
        return text;
    }

    public List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The sum of every sample of {@code name} whose labels include {@code labels} (pairs: name, value, ...). */
    public double sum(String name, String... labels) {
        return samples(name).stream().filter(s -> matches(s, labels)).mapToDouble(Sample::value).sum();
    }

    /** How many label sets {@code name} has. */
    public long series(String name) {
        return samples(name).size();
    }

    private static boolean matches(Sample s, String[] labels) {
        for (int i = 0; i + 1 < labels.length; i += 2) {
            if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                return false;
            }
        }
        return true;
    }

    /** Retries {@code check} until it passes or 5 s are up: the log phase records after the response. */
    public static void eventually(Runnable check) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Reads (scrapes) until {@code check} passes on what was read; returns that. */
    public static <T> T eventually(Supplier<T> read, java.util.function.Consumer<T> check) {
        java.util.concurrent.atomic.AtomicReference<T> last = new java.util.concurrent.atomic.AtomicReference<>();
        eventually(() -> {
            last.set(read.get());
            check.accept(last.get());
        });
        return last.get();
    }

    private static List<Sample> parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name;
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                int close = line.lastIndexOf('}');
                readLabels(line.substring(brace + 1, close), labels);
            } else {
                name = line.substring(0, space);
            }
            out.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
        }
        return out;
    }

    private static void readLabels(String s, Map<String, String> labels) {
        int i = 0;
        while (i < s.length()) {
            int eq = s.indexOf('=', i);
            String key = s.substring(i, eq);
            StringBuilder v = new StringBuilder();
            int j = eq + 2; // past ="
            while (s.charAt(j) != '"') {
                if (s.charAt(j) == '\\') {
                    j++;
                    v.append(s.charAt(j) == 'n' ? '\n' : s.charAt(j));
                } else {
                    v.append(s.charAt(j));
                }
                j++;
            }
            labels.put(key, v.toString());
            i = j + 1;
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
            }
        }
    }
}
