package dev.tollgate.plugins.aisanitizer;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A set of lower-case word beginnings ("tel", "social security"), matched at the starts of words
 * in a stretch of text with one walk down a trie per word start: the context checks of the
 * detectors cost a few dozen character steps, not an allocation and an indexOf per word.
 */
final class WordPrefixes {
    private final Node root = new Node();

    private static final class Node {
        final Map<Character, Node> next = new HashMap<>(4);
        boolean end;
    }

    WordPrefixes(List<String> words) {
        for (String w : words) {
            Node n = root;
            for (char c : w.toLowerCase(Locale.ROOT).toCharArray()) {
                n = n.next.computeIfAbsent(c, k -> new Node());
            }
            n.end = true;
        }
    }

    /** True when one of the words starts a word in {@code text[from, to)} (and may run on past {@code to}). */
    boolean startsAWordIn(String text, int from, int to) {
        for (int i = Math.max(0, from); i < to; i++) {
            if (i > 0 && Character.isLetter(text.charAt(i - 1))) {
                continue;
            }
            Node n = root;
            for (int k = i; k < text.length(); k++) {
                n = n.next.get(Character.toLowerCase(text.charAt(k)));
                if (n == null) {
                    break;
                }
                if (n.end) {
                    return true;
                }
            }
        }
        return false;
    }
}
