package dev.tollgate.plugins.iprestriction;

import static java.util.Objects.requireNonNull;

import java.net.Inet6Address;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One IP address or CIDR range, IPv4 or IPv6, parsed once when the plugin is configured. An
 * IPv4 address written in IPv6 form ({@code ::ffff:10.0.0.1}) is the IPv4 address, so it matches
 * either way the client's address is reported.
 */
final class IpRange {
    // Four decimal octets without leading zeros: "010" would be octal to some parsers and decimal to others.
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern PREFIX = Pattern.compile("0|[1-9]\\d{0,2}");
    private static final int MAPPED_PREFIX = 96;

    private final String text;
    private final byte[] network;
    private final int prefix;

    private IpRange(String text, byte[] network, int prefix) {
        this.text = text;
        this.network = network;
        this.prefix = prefix;
    }

    /**
     * The range {@code text} writes: {@code 10.0.0.1}, {@code 10.0.0.0/8}, {@code 2001:db8::1},
     * {@code 2001:db8::/32}. Bits past the prefix are ignored, as in {@code 10.1.2.3/8}.
     *
     * @throws IllegalArgumentException for anything else
     */
    static IpRange parse(String text) {
        requireNonNull(text, "text");
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(address)
                .orElseThrow(() -> invalid(text));
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = text.substring(slash + 1);
            if (!PREFIX.matcher(p).matches()) {
                throw invalid(text);
            }
            prefix = Integer.parseInt(p);
            if (address.indexOf(':') >= 0 && bytes.length == 4) {
                // An IPv4-mapped IPv6 range: its prefix counts the 96 bits of the mapping.
                if (prefix < MAPPED_PREFIX) {
                    throw invalid(text);
                }
                prefix -= MAPPED_PREFIX;
            }
            if (prefix > bits) {
                throw invalid(text);
            }
        }
        return new IpRange(text, mask(bytes, prefix), prefix);
    }

    /** True when {@code text} is an address or range {@link #parse} accepts. */
    static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The bytes of a client address as the server reports it, brackets and an IPv6 zone
     * ({@code %eth0}) allowed; empty when it is not an IP address (a Unix socket).
     */
    static Optional<byte[]> clientAddress(String ip) {
        if (ip == null) {
            return Optional.empty();
        }
        String s = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
        int zone = s.indexOf('%');
        if (zone >= 0 && s.indexOf(':') >= 0) {
            s = s.substring(0, zone);
        }
        return literal(s);
    }

    /** True when {@code address} (from {@link #clientAddress}) is in this range. */
    boolean contains(byte[] address) {
        return address.length == network.length && Arrays.equals(mask(address, prefix), network);
    }

    // Never a DNS look-up: only literals are parsed, IPv4 by hand and IPv6 by the JDK's literal parser.
    private static Optional<byte[]> literal(String s) {
        if (IPV4.matcher(s).matches()) {
            byte[] out = new byte[4];
            String[] parts = s.split("\\.");
            for (int i = 0; i < 4; i++) {
                out[i] = (byte) Integer.parseInt(parts[i]);
            }
            return Optional.of(out);
        }
        if (s.indexOf(':') < 0 || s.indexOf('%') >= 0 || s.indexOf('[') >= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Inet6Address.ofLiteral(s).getAddress());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.clamp(prefix - i * 8L, 0, 8);
            out[i] = (byte) (out[i] & (0xFF << (8 - keep)));
        }
        return out;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' (expected: an IP address or CIDR range, "
                + "like 10.0.0.1, 10.0.0.0/8 or 2001:db8::/32)");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpRange r && prefix == r.prefix && Arrays.equals(network, r.network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        return text;
    }
}
