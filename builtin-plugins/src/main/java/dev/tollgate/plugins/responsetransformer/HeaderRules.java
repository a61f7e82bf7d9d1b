package dev.tollgate.plugins.responsetransformer;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The rules for the client's response headers, in Kong's order: remove, rename, replace, add, append.
 *
 * @param rename  {@code name} renamed to {@code value}, when present
 * @param replace values set on headers that are present
 * @param add     values set on headers that are absent
 * @param append  values added, present or not
 */
record HeaderRules(List<String> remove, List<NameValue> rename, List<NameValue> replace, List<NameValue> add,
                   List<NameValue> append) {

    HeaderRules {
        remove = List.copyOf(requireNonNull(remove, "remove"));
        rename = List.copyOf(requireNonNull(rename, "rename"));
        replace = List.copyOf(requireNonNull(replace, "replace"));
        add = List.copyOf(requireNonNull(add, "add"));
        append = List.copyOf(requireNonNull(append, "append"));
    }

    boolean isEmpty() {
        return remove.isEmpty() && rename.isEmpty() && replace.isEmpty() && add.isEmpty() && append.isEmpty();
    }
}
