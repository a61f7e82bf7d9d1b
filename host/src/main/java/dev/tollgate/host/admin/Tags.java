package dev.tollgate.host.admin;

import java.util.List;
import java.util.regex.Pattern;

/** Tags: printable words an operator filters listings by ({@code ?tags=a,b} or {@code a/b}). */
final class Tags {
    private static final Pattern TAG = Pattern.compile("[^,/\\s\\p{Cntrl}]{1,128}");

    private Tags() {
    }

    static List<String> read(FieldReader r) {
        List<String> tags = r.strings("tags");
        if (tags == null) {
            return List.of();
        }
        for (String t : tags) {
            if (!TAG.matcher(t).matches()) {
                r.error("tags", "invalid tag '" + FieldReader.abbreviate(t)
                        + "' (expected: 1..128 printable characters without ',', '/' or spaces)");
            }
        }
        return tags.stream().distinct().toList();
    }
}
