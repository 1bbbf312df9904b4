package io.cocoatly.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The {@code User-Agent} every request of this module sends: {@code cocoatly/<version>}, the build's
 * version stamped into {@code version.properties} by Maven. Registries count downloads only for
 * clients that say {@value #PREFIX} (as crates.io counts only {@code cargo/}), so a cocoatly that sent
 * anything else would download uncounted.
 */
public final class UserAgent {

    /** What every cocoatly user agent starts with. */
    public static final String PREFIX = "cocoatly/";

    /** The header's value, e.g. {@code cocoatly/0.1.0-SNAPSHOT}. */
    public static final String VALUE = PREFIX + version();

    private UserAgent() {
    }

    private static String version() {
        Properties p = new Properties();
        try (InputStream in = UserAgent.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // "unknown" only if the resource is missing (a build without resources); still a cocoatly agent.
        return p.getProperty("version", "unknown");
    }
}
