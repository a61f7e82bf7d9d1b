package dev.tollgate.commons.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * Jackson's streaming parser as the plugins' JSON reader: strict JSON (no comments, no single
 * quotes, no NaN), nesting bounded so no document can exhaust a stack, and errors that name
 * where the text went wrong.
 */
final class JsonTokens {
    /** Deep enough for any real document, shallow enough for any stack. */
    static final int MAX_DEPTH = 512;
    // One past the parsers' own limit, so that they report it in their words.
    private static final JsonFactory FACTORY = factory(MAX_DEPTH + 1);
    /** For readers that skip values without recursing: any real depth, bounded all the same. */
    private static final JsonFactory SKIMMING = factory(1_000_000);

    private JsonTokens() {
    }

    private static JsonFactory factory(int maxDepth) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                .build();
    }

    static com.fasterxml.jackson.core.JsonParser open(String text) {
        return open(FACTORY, text);
    }

    /** For a reader that skips nested values (Jackson does so without recursing). */
    static com.fasterxml.jackson.core.JsonParser openSkimming(String text) {
        return open(SKIMMING, text);
    }

    private static com.fasterxml.jackson.core.JsonParser open(JsonFactory factory, String text) {
        try {
            return factory.createParser(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
        }
    }

    /** A parse failure as callers see it: where, and what was wrong. */
    static IllegalArgumentException error(JsonParser parser, IOException e) {
        JsonLocation at = e instanceof JsonProcessingException p && p.getLocation() != null
                ? p.getLocation() : parser.currentLocation();
        String what = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
        return new IllegalArgumentException("invalid JSON at offset " + Math.max(0, at.getCharOffset()) + ": "
                + firstLine(what), e);
    }

    static IllegalArgumentException error(JsonParser parser, String what) {
        return new IllegalArgumentException("invalid JSON at offset " + Math.max(0, parser.currentTokenLocation().getCharOffset())
                + ": " + what);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "malformed";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
