package io.cocoatly.registry.db;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an {@link S3ArtifactStore} keeps archives, and how it signs in. Any S3-compatible store
 * works: AWS S3, MinIO, Garage, Ceph, S3Proxy; requests use path-style addressing
 * ({@code <endpoint>/<bucket>/<key>}), which they all accept.
 *
 * <p>The secret key is never shown: {@link #toString()} leaves it out, and no error message of the
 * store holds it.
 *
 * @param endpoint    the store's base URL, {@code http} or {@code https}, e.g. {@code http://127.0.0.1:9000}
 * @param bucket      the bucket, which must exist: 3 to 63 lowercase letters, digits, {@code .} and {@code -}
 * @param region      the region requests are signed for ({@code us-east-1} where the store has none)
 * @param accessKeyId the access key id
 * @param secretKey   the secret access key
 * @param publicBase  if present, where the store's objects are public (a CDN in front of the bucket,
 *                    at the prefix): downloads are redirected to {@code <publicBase>/<key>}; if
 *                    empty, the server streams them. Kept without a trailing {@code /}
 * @param prefix      put before every key, {@code ""} or segments ending in {@code /}
 *                    ({@code team/artifacts/}), so that one bucket holds several registries
 * @throws CocoatlyException {@code invalid-artifact-store} (invalid input) naming the field that is wrong
 */
public record S3Settings(URI endpoint, String bucket, String region, String accessKeyId, String secretKey,
                         Optional<URI> publicBase, String prefix) {

    // S3's rules for bucket names that work with path-style requests everywhere.
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern PREFIX_SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

    /** Checks every field; the prefix gets its trailing {@code /} and the public base loses one. */
    public S3Settings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(publicBase, "publicBase");
        Objects.requireNonNull(prefix, "prefix");
        requireHttp("endpoint", endpoint);
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw invalid("bucket name `" + bucket + "`: it must be 3 to 63 lowercase letters, digits, `.` and `-`,"
                    + " starting and ending with a letter or digit");
        }
        if (region == null || region.isBlank()) {
            throw invalid("an empty region");
        }
        if (accessKeyId == null || accessKeyId.isEmpty() || secretKey == null || secretKey.isEmpty()) {
            throw invalid("missing credentials: both an access key id and a secret key are needed");
        }
        publicBase.ifPresent(base -> requireHttp("public_base", base));
        publicBase = publicBase.map(base -> URI.create(base.toString().replaceAll("/+$", "")));
        prefix = normalisedPrefix(prefix);
    }

    /** The settings with every field shown but the secret key. */
    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region
                + ", accessKeyId=" + accessKeyId + ", secretKey=(hidden), publicBase=" + publicBase.map(URI::toString).orElse("(none)")
                + ", prefix=" + prefix + "]";
    }

    /** The store's name in messages: {@code s3://bucket/prefix} and its endpoint. */
    String location() {
        return "`s3://" + bucket + "/" + prefix + "` at `" + endpoint + "`";
    }

    private static String normalisedPrefix(String prefix) {
        String trimmed = prefix.replaceAll("^/+|/+$", "");
        if (trimmed.isEmpty()) {
            return "";
        }
        for (String segment : trimmed.split("/", -1)) {
            if (!PREFIX_SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw invalid("key prefix `" + prefix + "`: each segment must be letters, digits, `.`, `_` or `-`,"
                        + " and neither `.` nor `..`");
            }
        }
        return trimmed + "/";
    }

    private static void requireHttp(String what, URI uri) {
        String scheme = uri.getScheme();
        if (!uri.isAbsolute() || uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            // A user part may hold a password: never echo it.
            String shown = uri.getRawUserInfo() == null ? "`" + uri + "`" : "(a URL with a user part)";
            throw invalid(what + " " + shown + ": expected an http or https URL with a host and no user, query or fragment");
        }
    }

    static CocoatlyException invalid(String problem) {
        return new CocoatlyException(ErrorKind.INVALID_INPUT, "invalid-artifact-store", "artifact store: " + problem,
                List.of("the form is `file:DIR` or `s3://BUCKET[/PREFIX]?endpoint=URL&region=REGION[&public_base=URL]`,"
                        + " with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment"));
    }
}
