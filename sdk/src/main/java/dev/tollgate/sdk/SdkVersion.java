package dev.tollgate.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of the SDK in use. A plugin jar records the version it was built against in its
 * manifest, as {@value #MANIFEST_ATTRIBUTE}; the gateway refuses a jar built against a newer SDK
 * than its own, naming both versions.
 *
 * @since 0.1.0
 */
public final class SdkVersion {
    /** The manifest attribute a plugin jar names its SDK version in. */
    public static final String MANIFEST_ATTRIBUTE = "Tollgate-Sdk-Version";

    private static final String CURRENT = read();

    private SdkVersion() {
    }

    /** This SDK's version, e.g. {@code 0.1.0}. */
    public static String current() {
        return CURRENT;
    }

    private static String read() {
        try (InputStream in = SdkVersion.class.getResourceAsStream("sdk-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("sdk-version.properties is missing from the SDK jar");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
