package dev.tollgate.plugins.responsetransformer;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One configured {@code name:value} entry, split as Kong splits it: at the first ':', with
 * further colons before the value dropped ({@code a::b} is {@code a} and {@code b}).
 */
record NameValue(String name, String value) {
    private static final Pattern HEADER_TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

    NameValue {
        requireNonNull(name, "name");
        requireNonNull(value, "value");
    }

    static NameValue parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return new NameValue(text, "");
        }
        int start = colon;
        while (start < text.length() && text.charAt(start) == ':') {
            start++;
        }
        return new NameValue(text.substring(0, colon), text.substring(start));
    }

    /** The names of remove entries (anything after a ':' is ignored, as Kong does). */
    static List<String> names(List<String> texts) {
        return texts.stream().map(t -> parse(t).name()).toList();
    }

    /** The entries of {@code texts} that have a value: one without does nothing in Kong, so it is left out. */
    static List<NameValue> entries(List<String> texts) {
        return texts.stream().map(NameValue::parse).filter(e -> !e.value().isEmpty()).toList();
    }

    // ---- the schema's checks

    static final String HEADER_NAMES = "header names";
    static final String NAMES = "names";
    static final String HEADER_RENAMES = "entries 'old:new' of header names";
    static final String RENAMES = "entries 'old:new'";
    static final String HEADER_PAIRS = "entries 'name:value' with a header name and a value without control characters";
    static final String PAIRS = "entries 'name:value'";

    static boolean validNames(List<?> texts, boolean headers) {
        return texts.stream().allMatch(t -> validName(parse((String) t).name(), headers));
    }

    static boolean validRenames(List<?> texts, boolean headers) {
        return texts.stream().map(t -> (String) t).allMatch(t -> t.indexOf(':') > 0
                && validName(parse(t).name(), headers) && validName(parse(t).value(), headers));
    }

    static boolean validPairs(List<?> texts, boolean headers) {
        return texts.stream().map(t -> (String) t).allMatch(t -> t.indexOf(':') > 0 && validName(parse(t).name(), headers)
                && (!headers || parse(t).value().chars().noneMatch(c -> c < 0x20 && c != '\t' || c == 0x7F)));
    }

    private static boolean validName(String name, boolean header) {
        return header ? HEADER_TOKEN.matcher(name).matches() : !name.isEmpty();
    }

    @Override
    public String toString() {
        return name + ":" + value;
    }
}
