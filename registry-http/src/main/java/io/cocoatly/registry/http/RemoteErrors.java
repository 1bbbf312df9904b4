package io.cocoatly.registry.http;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.transport.TransportException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The errors of reading a remote registry, worded in one place. None ever holds a token: they are
 * built from URLs and statuses only.
 */
final class RemoteErrors {

    /** The code of a file that offline mode needs and the cache does not have. */
    static final String OFFLINE_NOT_CACHED = "offline-not-cached";

    private static final String INDEX_PREFIX = "index/";
    private static final String JSON = ".json";

    private RemoteErrors() {
    }

    /** Offline and {@code path} is not cached: names the package (for an index file) or the file. */
    static CocoatlyException offlineNotCached(URI base, String path, String url) {
        String what = path.startsWith(INDEX_PREFIX) && path.endsWith(JSON)
                ? "package `" + path.substring(INDEX_PREFIX.length(), path.length() - JSON.length()) + "`"
                : "`" + path + "`";
        return new CocoatlyException(ErrorKind.FAILED, OFFLINE_NOT_CACHED, "offline: " + what + " of the registry `" + base
                + "` is not in the cache (" + url + ")",
                List.of("run the command once without `--offline` (and without `network.offline`) to fill the cache"));
    }

    /**
     * The transport's failure, with the words a registry reader needs for 401 and 403 (their codes
     * are {@link AuthErrors}'); any other failure already names the URL and the status and is
     * returned as it is.
     *
     * @param hadToken whether the transport had a token for the registry's origin (and so sent it after the 401)
     */
    static CocoatlyException refined(TransportException e, URI base, boolean hadToken) {
        return AuthErrors.of(e.status().orElse(-1), hadToken, base, e.getMessage(), Optional.empty(),
                AuthErrors.Forbidden.READ, e).orElse(e);
    }
}
