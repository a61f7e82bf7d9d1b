package dev.tollgate.plugins.aisanitizer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in detectors by the names operators give in {@code anonymize}, Kong's names
 * ({@code creditcard}, {@code bank}, {@code credentials}, {@code all}, {@code all_and_credentials},
 * {@code custom}) accepted as aliases.
 */
final class Detectors {
    /** Precedence when findings overlap: the first listed wins (custom patterns go before all of them). */
    private static final Map<String, Detector> BUILTIN = new LinkedHashMap<>();

    static {
        BUILTIN.put("secret", new SecretDetector());
        BUILTIN.put("email", new EmailDetector());
        BUILTIN.put("iban", new IbanDetector());
        BUILTIN.put("credit_card", new CardDetector());
        BUILTIN.put("ssn", new SsnDetector());
        BUILTIN.put("ip", new IpDetector());
        BUILTIN.put("phone", new PhoneDetector());
    }

    private static final List<String> PII = List.of("email", "phone", "ssn", "credit_card", "iban", "ip");
    private static final Map<String, List<String>> ALIASES = Map.of(
            "creditcard", List.of("credit_card"),
            "bank", List.of("iban"),
            "credentials", List.of("secret"),
            "all", PII,
            "all_and_credentials", concat(PII, List.of("secret")),
            "custom", List.of());

    private Detectors() {
    }

    /** Every name {@code anonymize} accepts, built-in names first. */
    static List<String> names() {
        List<String> names = new ArrayList<>(List.of("email", "phone", "ssn", "credit_card", "iban", "ip", "secret"));
        names.addAll(List.of("all", "all_and_credentials", "creditcard", "bank", "credentials", "custom"));
        return names;
    }

    /** True for the name of a built-in detector or an alias: custom patterns may not take these. */
    static boolean reserved(String name) {
        return BUILTIN.containsKey(name) || ALIASES.containsKey(name);
    }

    /** The built-in detectors {@code names} select, aliases expanded. */
    static Set<String> expand(Collection<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            out.addAll(ALIASES.getOrDefault(n, List.of(n)));
        }
        out.retainAll(BUILTIN.keySet());
        return out;
    }

    /** A scanner running {@code custom} first, then the selected built-in detectors in precedence order. */
    static PiiScanner scanner(Collection<String> names, List<? extends Detector> custom) {
        Set<String> selected = expand(names);
        List<Detector> detectors = new ArrayList<>(custom);
        BUILTIN.forEach((name, d) -> {
            if (selected.contains(name)) {
                detectors.add(d);
            }
        });
        return new PiiScanner(detectors);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
