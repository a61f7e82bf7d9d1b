package dev.tollgate.plugins.basicauth;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The username and password of an {@code Authorization: Basic} (or {@code Proxy-Authorization})
 * header value. The username is what comes before the first ':', and must not be empty.
 */
record BasicCredentials(String username, String password) {
    private static final Pattern BASIC = Pattern.compile("\\s*[Bb]asic\\s+(\\S+)\\s*");

    /** The credentials in a header value; empty when it is not Basic, not base64 or has no ':'. */
    static Optional<BasicCredentials> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = BASIC.matcher(header);
        if (!m.matches()) {
            return Optional.empty();
        }
        String decoded;
        try {
            byte[] bytes = Base64.getDecoder().decode(m.group(1));
            decoded = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return "BasicCredentials[username=" + username + "]"; // never the password
    }
}
