package dev.tollgate.plugins.aisanitizer;

import static dev.tollgate.plugins.aisanitizer.ScanText.wordChar;

import java.util.List;
import java.util.Map;

/**
 * IBANs, with or without the usual spaces every four characters: a country of the IBAN registry,
 * exactly that country's length, and the ISO 7064 mod-97 checksum. A mistyped IBAN fails the
 * checksum and is left alone.
 */
final class IbanDetector implements Detector {
    static final String LABEL = "IBAN";

    /** The IBAN length of each country in the SWIFT IBAN registry. */
    private static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28),
            Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BI", 27),
            Map.entry("BR", 29), Map.entry("BY", 28), Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28),
            Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DJ", 27), Map.entry("DK", 18), Map.entry("DO", 28),
            Map.entry("EE", 20), Map.entry("EG", 29), Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FK", 18),
            Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GE", 22), Map.entry("GI", 23),
            Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("GT", 28), Map.entry("HR", 21), Map.entry("HU", 28),
            Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23), Map.entry("IS", 26), Map.entry("IT", 27),
            Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20), Map.entry("LB", 28), Map.entry("LC", 32),
            Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("LY", 25),
            Map.entry("MC", 27), Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19), Map.entry("MN", 20),
            Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NI", 28), Map.entry("NL", 18),
            Map.entry("NO", 15), Map.entry("OM", 23), Map.entry("PK", 24), Map.entry("PL", 28), Map.entry("PS", 29),
            Map.entry("PT", 25), Map.entry("QA", 29), Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("RU", 33),
            Map.entry("SA", 24), Map.entry("SC", 31), Map.entry("SD", 18), Map.entry("SE", 24), Map.entry("SI", 19),
            Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("SO", 23), Map.entry("ST", 25), Map.entry("SV", 28),
            Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VA", 22),
            Map.entry("VG", 24), Map.entry("XK", 20), Map.entry("YE", 30));

    @Override
    public String label() {
        return LABEL;
    }

    @Override
    public void find(ScanText t, List<Finding> out) {
        String text = t.text;
        int n = text.length();
        char[] compact = new char[34];
        for (int i = 0; i + 4 <= n; i++) {
            if (!upper(text.charAt(i)) || !upper(text.charAt(i + 1)) || !ScanText.digit(text.charAt(i + 2))
                    || !ScanText.digit(text.charAt(i + 3)) || i > 0 && wordChar(text.charAt(i - 1))) {
                continue;
            }
            Integer length = LENGTHS.get(text.substring(i, i + 2));
            if (length == null) {
                continue;
            }
            int pos = i;
            int chars = 0;
            while (pos < n && chars < length) {
                char c = text.charAt(pos);
                if (alnum(c)) {
                    compact[chars++] = Character.toUpperCase(c);
                    pos++;
                } else if (c == ' ' && chars % 4 == 0 && pos + 1 < n && alnum(text.charAt(pos + 1))) {
                    pos++;
                } else {
                    break;
                }
            }
            if (chars == length && (pos == n || !wordChar(text.charAt(pos))) && mod97(compact, length) == 1) {
                out.add(new Finding(LABEL, i, pos));
                i = pos - 1;
            }
        }
    }

    /** The number formed by the BBAN, the country (letters as 10..35) and the check digits, mod 97. */
    static int mod97(char[] iban, int length) {
        int r = 0;
        for (int k = 0; k < length; k++) {
            char c = iban[(k + 4) % length];
            if (c >= '0' && c <= '9') {
                r = (r * 10 + (c - '0')) % 97;
            } else {
                r = (r * 100 + (c - 'A' + 10)) % 97;
            }
        }
        return r;
    }

    private static boolean upper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean alnum(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }
}
