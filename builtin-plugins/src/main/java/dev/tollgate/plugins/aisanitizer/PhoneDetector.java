package dev.tollgate.plugins.aisanitizer;

import java.util.List;

/**
 * Phone numbers in international (E.164 "+CC …", "00CC …") and national formats with
 * separators: "+1 (415) 555-0132", "+44 20 7946 0958", "030 901820", "06 12 34 56 78",
 * "612 345 678". National numbers are told from the many other numbers in prose (dates, order
 * numbers, amounts, versions) by shape: 9–12 digits, groups of at least two digits, one kind of
 * separator, no leading "1" except NANP's "1-800-…", dots only in the 3-3-4 and 2-2-2-2-2
 * layouts; and by the words before them (an order or invoice number is not a phone). A number
 * without separators, or of only 7–8 digits, counts only after a phone word ("call", "Tel.",
 * "portable", "móvil", …).
 */
final class PhoneDetector implements Detector {
    static final String LABEL = "PHONE";
    private static final int CONTEXT = 28;
    /** Words that say a phone number follows (beginnings of words: "tel" covers "Telefon"), in several languages. */
    static final WordPrefixes PHONE_WORDS = new WordPrefixes(List.of("phone", "tel", "call", "mobile", "cell", "contact",
            "fax", "dial", "ring", "text", "whatsapp", "sms", "handy", "telefon", "ruf", "anruf", "mobil", "portable",
            "appel", "numéro de t", "móvil", "movil", "llam", "celular", "cellulare", "chiam", "bel ", "ligue",
            "telemóvel"));
    /** Words that say the number is something else. */
    static final WordPrefixes OTHER_NUMBER_WORDS = new WordPrefixes(List.of("order", "invoice", "ref ", "ref.", "ref:",
            "ref#", "reference", "référence", "referencia", "referenz", "ticket", "tracking", "shipment", "parcel", "isbn",
            "serial", "sku", "ean ", "ean:", "ean-", "gtin", "batch", "bestell", "rechnung", "sendung", "kundennummer",
            "aktenzeichen", "commande", "facture", "colis", "siren", "siret", "pedido", "factura", "envío", "seguimiento",
            "ordine", "fattura", "spedizione", "bestelling", "factuur", "zending"));

    @Override
    public String label() {
        return LABEL;
    }

    @Override
    public void find(ScanText t, List<Finding> out) {
        for (NumberRun run : t.runs()) {
            if (run.digits >= 7 && run.digits <= 15 && !run.gluedRight && isPhone(t, run)) {
                out.add(new Finding(LABEL, run.start, run.end));
            }
        }
    }

    /** The cheap checks of shape first; the words before the number only for what passes them. */
    private static boolean isPhone(ScanText t, NumberRun run) {
        if (run.plus) {
            return run.groups > 1 || run.digits >= 8;
        }
        String text = t.text;
        if (text.startsWith("00", run.groupStart(0)) && run.groupLength(0) >= 2 && run.groups > 1 && run.digits >= 10) {
            return true; // "0049 30 901820": the international prefix instead of '+'
        }
        if (run.digits > 12 || datePrefix(text, run) || run.groups > 1 && !shapeFits(text, run)) {
            return false;
        }
        if ((run.groups == 1 || run.digits < 9) && !t.wordBefore(run.start, CONTEXT, PHONE_WORDS)) {
            return false; // bare digits, or a short local number, only after a phone word
        }
        return !t.wordBefore(run.start, CONTEXT, OTHER_NUMBER_WORDS);
    }

    private static boolean shapeFits(String text, NumberRun run) {
        char first = text.charAt(run.groupStart(0));
        int len0 = run.groupLength(0);
        if (len0 == 1) {
            boolean nanp = first == '1' && lengths(run, 1, 3, 3, 4);           // 1-800-555-0199
            boolean frenchFree = first == '0' && lengths(run, 1, 3, 3, 3);     // 0 800 123 456
            if (!nanp && !frenchFree) {
                return false;
            }
        } else if (first == '1' && !run.paren(0)) {
            return false; // no national numbering plan of these countries starts with 1: amounts, part numbers
        }
        char kind = 0;
        int slashes = 0;
        boolean allTwo = true;
        for (int i = 1; i < run.groups; i++) {
            if (run.groupLength(i) < 2 || run.groupLength(i) > 8) {
                return false;
            }
            allTwo &= run.groupLength(i) == 2;
            char s = run.sepBefore(i);
            if (s == 0 || run.paren(i - 1) || run.paren(i)) {
                continue; // around parentheses any separator goes: "(415) 555-0132"
            }
            if (kind == 0) {
                kind = s;
            } else if (kind != s) {
                return false;
            }
            if (s == '/') {
                slashes++;
            }
        }
        if (kind == '.' && !(lengths(run, 3, 3, 4) || allTwo && run.groupLength(0) == 2)) {
            return false; // 212.555.0143, 01.23.45.67.89; not 1.234.567 or 123.456.789
        }
        if (slashes > 0 && (slashes > 1 || first != '0')) {
            return false; // 030/12345678; not 12/05/2024
        }
        if (lengths(run, 3, 3, 3) && "06789".indexOf(first) < 0) {
            return false; // 612 345 678, 030 901 820; not an amount like 345 678 901
        }
        if (kind == '-' && lengths(run, 3, 2, 4)) {
            return false; // the SSN layout: a valid SSN is found as one, an invalid one is no phone either
        }
        return !lengths(run, 4, 4, 4); // chunks of an account, card or tracking number, not a phone layout
    }

    private static boolean lengths(NumberRun run, int... expected) {
        if (run.groups != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (run.groupLength(i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** 2024-05-12 or 12.05.2024 at the start of the run: a date, perhaps followed by a time. */
    private static boolean datePrefix(String text, NumberRun run) {
        if (run.groups < 3) {
            return false;
        }
        int a = run.groupLength(0);
        int b = run.groupLength(1);
        int c = run.groupLength(2);
        boolean ymd = a == 4 && b <= 2 && c <= 2 && (text.startsWith("19", run.groupStart(0)) || text.startsWith("20", run.groupStart(0)));
        boolean dmy = a <= 2 && b <= 2 && (c == 4 || c == 2);
        boolean threeParts = run.groups == 3 || run.sepBefore(3) != run.sepBefore(2); // a time may follow
        return (ymd || dmy) && threeParts && run.sepBefore(1) != ' ' && run.sepBefore(1) == run.sepBefore(2);
    }
}
