package dev.tollgate.host.admin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Rows of JSON objects as CSV (RFC 4180): a header of every field seen, then one line per row.
 * Nested values are written as JSON; a value that a spreadsheet would run as a formula (starting
 * with =, +, - or @) is prefixed with a quote, so that an exported consumer name cannot attack
 * whoever opens the file.
 */
final class Csv {
    private Csv() {
    }

    static String of(JsonNode rows) {
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(r -> r.fieldNames().forEachRemaining(columns::add));
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", columns.stream().map(Csv::cell).toList())).append("\r\n");
        for (JsonNode r : rows) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                JsonNode v = r.get(c);
                cells.add(v == null || v.isNull() ? "" : cell(v.isValueNode() ? v.asText() : v.toString()));
            }
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString();
    }

    static String cell(String v) {
        String s = v;
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !isNumber(s)) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
