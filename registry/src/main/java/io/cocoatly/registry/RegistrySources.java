package io.cocoatly.registry;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that turns a registry location into a {@link RegistrySource}, by its URI scheme:
 * {@code file:} or a plain path is a directory. {@code http:} and {@code https:} are read by the HTTP
 * registry client, which this module does not know: open every location through
 * {@code io.cocoatly.registry.http.RegistryLocations.open}, which delegates the local ones here. This
 * method keeps refusing them, naming the command that asked, so a caller that skipped the factory
 * fails loudly instead of reading nothing. Which
 * location a command uses (flag, environment, configuration) is the caller's decision, not this one's.
 */
public final class RegistrySources {

    /** The error code for a location this version cannot read a registry from. */
    public static final String UNSUPPORTED = "unsupported-registry-url";

    // Two characters at least, so that `C:\registry` stays a Windows path.
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+):.*", Pattern.DOTALL);

    private RegistrySources() {
    }

    /**
     * Opens the registry at {@code location}.
     *
     * @param location a {@code file:} URL or a path; a relative path is taken from the process's
     *                 working directory, so callers that have their own pass absolute ones
     * @param command  the command that reads the registry, as errors name it, e.g. {@code cocoatly lock}
     * @throws CocoatlyException with code {@value #UNSUPPORTED} for an {@code http(s):} URL (open those
     *     with {@code io.cocoatly.registry.http.RegistryLocations.open}) or any other URL,
     *     {@code invalid-registry-location} for a malformed one, {@code registry-not-found} if the
     *     path is not a directory
     */
    public static RegistrySource open(String location, String command) {
        Optional<String> scheme = scheme(location);
        if (scheme.isEmpty()) {
            return DirectorySource.open(path(location));
        }
        switch (scheme.get()) {
            case "file":
                return DirectorySource.open(fileUrl(location));
            case "http":
            case "https":
                throw new CocoatlyException(ErrorKind.INVALID_INPUT, UNSUPPORTED, "`" + command + "` cannot read an HTTP"
                        + " registry here: `" + location + "`", List.of("HTTP registries are opened by the HTTP registry"
                        + " client (io.cocoatly.registry.http.RegistryLocations.open); meanwhile pass `--registry DIR` or"
                        + " a `file:` URL"));
            default:
                throw new CocoatlyException(ErrorKind.INVALID_INPUT, UNSUPPORTED, "`" + command + "` cannot read a registry from a `"
                        + scheme.get() + ":` URL: `" + location + "`",
                        List.of("a registry location is a directory or a `file:` URL"));
        }
    }

    /**
     * The registry's root as a URI ending in {@code /}, against which the relative artifact URLs of
     * its index resolve: the URL as given for {@code http(s):} and {@code file:}, the absolute path
     * otherwise. Nothing is opened or checked.
     *
     * @throws CocoatlyException with code {@code invalid-registry-location} if it is neither
     */
    public static URI root(String location) {
        String uri;
        if (scheme(location).isPresent()) {
            try {
                uri = URI.create(location).toString();
            } catch (IllegalArgumentException e) {
                throw invalid(location, e.getMessage());
            }
        } else {
            uri = path(location).toAbsolutePath().toUri().toString();
        }
        return URI.create(uri.endsWith("/") ? uri : uri + "/");
    }

    private static Optional<String> scheme(String location) {
        Matcher m = SCHEME.matcher(location);
        return m.matches() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    private static Path path(String location) {
        try {
            return Path.of(location);
        } catch (InvalidPathException e) {
            throw invalid(location, e.getMessage());
        }
    }

    private static Path fileUrl(String location) {
        try {
            return Path.of(URI.create(location));
        } catch (IllegalArgumentException e) {
            throw invalid(location, e.getMessage());
        }
    }

    private static CocoatlyException invalid(String location, String why) {
        return new CocoatlyException(ErrorKind.INVALID_INPUT, "invalid-registry-location", "invalid registry location `" + location + "`: " + why,
                List.of("give a directory, e.g. `--registry ./registry`, or a URL such as `file:///srv/registry`"));
    }
}
