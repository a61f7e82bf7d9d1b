package dev.tollgate.plugins.requesttransformer;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules for one part of the request (headers, query string or body), in the order Kong
 * applies them: remove, rename, replace, add, append. Entries are written as Kong writes them:
 * {@code name} to remove, {@code old:new} to rename, {@code name:value} for the others.
 *
 * @param remove  names removed
 * @param rename  {@code name} renamed to {@code value}
 * @param replace values set on names that are present
 * @param add     values set on names that are absent
 * @param append  values added to names, present or not
 */
record Rules(List<String> remove, List<Entry> rename, List<Entry> replace, List<Entry> add, List<Entry> append) {
    static final Rules NONE = new Rules(List.of(), List.of(), List.of(), List.of(), List.of());

    private static final Pattern HEADER_TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    private static final Pattern TEMPLATE = Pattern.compile(".*\\$\\(.*\\).*", Pattern.DOTALL);

    /** One {@code name:value} entry. */
    record Entry(String name, String value) {
        Entry {
            requireNonNull(name, "name");
            requireNonNull(value, "value");
        }

        /**
         * {@code text} split at its first ':', further colons before the value dropped as Kong
         * does ({@code a::b} is {@code a} and {@code b}); a value may hold colons of its own.
         */
        static Entry parse(String text) {
            int colon = text.indexOf(':');
            if (colon < 0) {
                return new Entry(text, "");
            }
            int start = colon;
            while (start < text.length() && text.charAt(start) == ':') {
                start++;
            }
            return new Entry(text.substring(0, colon), text.substring(start));
        }

        @Override
        public String toString() {
            return name + ":" + value;
        }
    }

    Rules {
        remove = List.copyOf(requireNonNull(remove, "remove"));
        rename = List.copyOf(requireNonNull(rename, "rename"));
        replace = List.copyOf(requireNonNull(replace, "replace"));
        add = List.copyOf(requireNonNull(add, "add"));
        append = List.copyOf(requireNonNull(append, "append"));
    }

    /** Rules from the configured entry lists; {@code remove} entries are names (anything after ':' is ignored). */
    static Rules of(List<String> remove, List<String> rename, List<String> replace, List<String> add, List<String> append) {
        return new Rules(remove.stream().map(r -> Entry.parse(r).name()).toList(), entries(rename), entries(replace),
                entries(add), entries(append));
    }

    boolean isEmpty() {
        return remove.isEmpty() && rename.isEmpty() && replace.isEmpty() && add.isEmpty() && append.isEmpty();
    }

    private static List<Entry> entries(List<String> texts) {
        // An entry without a value does nothing in Kong; leaving it out says so.
        return texts.stream().map(Entry::parse).filter(e -> !e.value().isEmpty()).toList();
    }

    // ---- validation of configured entries (the schema's checks)

    static final String NAMES = "names";
    static final String HEADER_NAMES = "header names";
    static final String RENAMES = "entries 'old:new'";
    static final String HEADER_RENAMES = "entries 'old:new' of header names";
    static final String PAIRS = "entries 'name:value' (templates like $(...) are not supported)";
    static final String HEADER_PAIRS = "entries 'name:value' with a header name and a value without control "
            + "characters (templates like $(...) are not supported)";

    static boolean validNames(List<?> texts, boolean headers) {
        return texts.stream().allMatch(t -> validName(Entry.parse((String) t).name(), headers));
    }

    static boolean validRenames(List<?> texts, boolean headers) {
        return texts.stream().map(t -> (String) t).allMatch(t -> {
            Entry e = Entry.parse(t);
            return t.indexOf(':') > 0 && validName(e.name(), headers) && validName(e.value(), headers);
        });
    }

    static boolean validPairs(List<?> texts, boolean headers) {
        return texts.stream().map(t -> (String) t).allMatch(t -> {
            Entry e = Entry.parse(t);
            return t.indexOf(':') > 0 && validName(e.name(), headers) && !TEMPLATE.matcher(e.value()).matches()
                    && (!headers || e.value().chars().noneMatch(c -> c < 0x20 && c != '\t' || c == 0x7F));
        });
    }

    private static boolean validName(String name, boolean header) {
        return header ? HEADER_TOKEN.matcher(name).matches() : !name.isEmpty();
    }
}
