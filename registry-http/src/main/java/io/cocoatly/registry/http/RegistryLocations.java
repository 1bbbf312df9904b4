package io.cocoatly.registry.http;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.registry.RegistrySource;
import io.cocoatly.registry.RegistrySources;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * The one place that opens any registry location: {@code http(s)} URLs as an
 * {@link HttpRegistrySource}, everything else (a directory, a {@code file:} URL) through
 * {@link RegistrySources#open}, which keeps refusing {@code http(s)} for callers that go to it
 * directly.
 */
public final class RegistryLocations {

    private RegistryLocations() {
    }

    /** Whether {@code location} is an {@code http:} or {@code https:} URL. */
    public static boolean isRemote(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        return lower.startsWith("http:") || lower.startsWith("https:");
    }

    /**
     * The base URL of a remote registry, ending in {@code /} (docs/registry-protocol.md §1): what its
     * cache, its token and its lockfiles are keyed by.
     *
     * @throws CocoatlyException with code {@code invalid-registry-location} if it has no host
     */
    public static URI baseUrl(String location) {
        URI base = RegistrySources.root(location);
        if (base.getHost() == null || base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "invalid-registry-location", "invalid registry location `"
                    + location + "`: an http(s) registry URL has a host and no query or fragment",
                    List.of("give a URL such as `https://registry.example/team/`"));
        }
        return base;
    }

    /**
     * Opens the registry at {@code location}.
     *
     * @param command as errors name it, e.g. {@code cocoatly lock}
     * @param options how a remote registry is read; ignored for a directory
     * @throws CocoatlyException what {@link RegistrySources#open} throws for a local location, or
     *     {@code invalid-registry-location} for a malformed URL
     */
    public static RegistrySource open(String location, String command, RemoteOptions options) {
        if (!isRemote(location)) {
            return RegistrySources.open(location, command);
        }
        return new HttpRegistrySource(baseUrl(location), options, Clock.systemUTC());
    }
}
