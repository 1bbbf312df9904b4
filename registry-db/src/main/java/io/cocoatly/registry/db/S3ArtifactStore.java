package io.cocoatly.registry.db;

import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.artifact.DigestSink;
import io.cocoatly.model.PackageId;
import io.cocoatly.registry.server.ArtifactFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An {@link ArtifactStore} in an S3-compatible bucket ({@link S3Settings}), through the AWS SDK v2
 * with the JDK's HTTP client ({@code url-connection-client}): path-style requests, static
 * credentials, a connect timeout of 5 s, a read timeout of 10 s and one retry, so a store that is
 * down or hangs answers {@code 503} within seconds rather than holding the request.
 *
 * <p>Each object carries {@code Content-Type: application/gzip}, {@code Cache-Control: public,
 * max-age=31536000, immutable} (a CDN in front passes both on) and its SHA-256 in the user metadata
 * {@code x-amz-meta-sha256} (and {@code x-amz-meta-cocoatly-upload}, a random name of the put that
 * stored it: when the SDK retries a PUT whose first attempt stored the object but lost its answer, the
 * retry's {@code 412} finds the put's own object), and is sent with its {@code Content-MD5}, so the
 * store refuses bytes damaged or changed on the way. A put never replaces an object: it asks with {@code HEAD} first (a
 * put of the same bytes, as a retried publish sends, uploads nothing), then uploads with
 * {@code If-None-Match: *}, the conditional write AWS S3 has honoured since 2024; a store that
 * answers {@code 412} lost a race, and the stored object's digest is compared as after the
 * {@code HEAD}. S3Proxy 4.1 honours {@code If-None-Match: *} on {@code PUT} (S3ArtifactStoreTest
 * checks it); on a store that ignores the header, two simultaneous first puts of different bytes
 * can both succeed and the later upload wins, a race a backend closes by putting under its
 * per-package lock.
 * An S3 {@code PUT} is atomic: a reader sees no object or the whole one.
 *
 * <p>Downloads: with a public base URL, {@link #file} answers a redirect to
 * {@code <publicBase>/<key>} (after a {@code HEAD}, so a missing object is still empty); without one,
 * the server streams the object. Connection failures, timeouts and {@code 5xx} answers are
 * {@code artifact-store-unavailable} ({@code 503}); other refusals (bad credentials, a missing
 * bucket) are {@code artifact-store-failed}. Messages name the bucket and the endpoint, never the
 * secret.
 */
public final class S3ArtifactStore implements ArtifactStore {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    // S3 answers a HEAD or the first bytes of a GET in well under a second; ten is a store that hangs.
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final String CONTENT_TYPE = "application/gzip";
    private static final String CACHE_CONTROL = "public, max-age=31536000, immutable";
    private static final String SHA256 = "sha256";
    private static final String UPLOAD = "cocoatly-upload";
    private static final int NOT_FOUND = 404;
    private static final int CONFLICT = 409;
    private static final int PRECONDITION_FAILED = 412;

    private final S3Settings settings;
    private final S3Client client;
    private final UnaryOperator<InputStream> uploadTap;

    /** A store over the settings' bucket; {@link #close()} it when done. */
    public S3ArtifactStore(S3Settings settings) {
        this(settings, UnaryOperator.identity(), READ_TIMEOUT);
    }

    /** As {@link #S3ArtifactStore(S3Settings)}, with each upload's bytes read through {@code uploadTap}; tests break an upload midway. */
    S3ArtifactStore(S3Settings settings, UnaryOperator<InputStream> uploadTap) {
        this(settings, uploadTap, READ_TIMEOUT);
    }

    /** As {@link #S3ArtifactStore(S3Settings)}, waiting at most {@code readTimeout} for each read of an answer. */
    S3ArtifactStore(S3Settings settings, UnaryOperator<InputStream> uploadTap, Duration readTimeout) {
        this.settings = settings;
        this.uploadTap = uploadTap;
        this.client = S3Client.builder()
                .endpointOverride(settings.endpoint())
                .forcePathStyle(true)
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKeyId(), settings.secretKey())))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(readTimeout)
                        .build())
                // Checksums only where S3 demands them: the default (CRC trailers in aws-chunked
                // bodies, since SDK 2.30) is refused by many S3-compatible stores.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(c -> c.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(2).build()))
                .build();
    }

    @Override
    public boolean put(PackageId id, Path archive) {
        String key = ArtifactKeys.key(id);
        Upload upload;
        try {
            upload = Upload.of(archive);
        } catch (IOException e) {
            throw ArtifactStoreErrors.failed(location(), "store `" + key + "`", e, "check that the archive " + archive + " is readable");
        }
        String sha256 = upload.sha256();
        // Names this call's upload, to know our own object when a retry of our PUT is refused for it.
        String uploadId = java.util.UUID.randomUUID().toString();
        Optional<HeadObjectResponse> stored = head(key);
        if (stored.isPresent()) {
            return sameBytes(key, stored.get(), sha256);
        }
        // A HEAD's 404 has no body, so it cannot tell a missing key from a missing bucket; the PUT's
        // error would, but a store may answer it before reading the body and close the connection,
        // which reads as "unreachable". One HEAD of the bucket tells, before any byte is sent.
        if (attempt("store `" + key + "`", () -> client.headBucket(b -> b.bucket(settings.bucket())), NOT_FOUND).isEmpty()) {
            throw ArtifactStoreErrors.failed(location(), "store `" + key + "`", new IOException("no bucket `" + settings.bucket() + "`"),
                    "create the bucket `" + settings.bucket() + "` first");
        }
        Optional<?> created = attempt("store `" + key + "`", () -> client.putObject(b -> b.bucket(settings.bucket())
                        .key(objectKey(key))
                        .ifNoneMatch("*")
                        .contentType(CONTENT_TYPE)
                        .cacheControl(CACHE_CONTROL)
                        .metadata(Map.of(SHA256, sha256, UPLOAD, uploadId))
                        .contentMD5(upload.md5()),
                RequestBody.fromContentProvider(() -> uploadTap.apply(newInputStream(archive)), upload.size(), CONTENT_TYPE)),
                PRECONDITION_FAILED, CONFLICT);
        if (created.isPresent()) {
            return true;
        }
        // Another put created the object between our HEAD and our PUT (412; 409 is AWS's answer
        // while that other upload is still in flight, and then the HEAD may find nothing yet).
        HeadObjectResponse winner = head(key).orElseThrow(() -> ArtifactStoreErrors.unavailable(location(),
                "store `" + key + "`", new IOException("another upload of the same key is in progress")));
        if (uploadId.equals(winner.metadata().get(UPLOAD))) {
            // Our own: the PUT's first attempt stored it but its answer was lost, and the SDK's retry
            // was refused because of it. This call created the object.
            return true;
        }
        return sameBytes(key, winner, sha256);
    }

    @Override
    public Optional<ArtifactFile> file(PackageId id) {
        String key = ArtifactKeys.key(id);
        return head(key).map(h -> settings.publicBase().isPresent()
                ? new ArtifactFile.Redirect(id, publicUrl(key))
                : new ArtifactFile.Streamed(id, h.contentLength(), etag(h), h.lastModified(), () -> stream(key)));
    }

    /** The object's bytes straight from the bucket, whether downloads are redirected or not. */
    @Override
    public Optional<InputStream> open(PackageId id) {
        String key = ArtifactKeys.key(id);
        return attempt("read `" + key + "`",
                () -> client.getObject(b -> b.bucket(settings.bucket()).key(objectKey(key))), NOT_FOUND);
    }

    @Override
    public boolean exists(PackageId id) {
        return head(ArtifactKeys.key(id)).isPresent();
    }

    @Override
    public void delete(PackageId id) {
        String key = ArtifactKeys.key(id);
        // S3's DELETE succeeds whether or not the object exists.
        call("delete `" + key + "`", () -> client.deleteObject(b -> b.bucket(settings.bucket()).key(objectKey(key))));
    }

    @Override
    public List<PackageId> list() {
        List<PackageId> ids = call("list its archives", () -> {
            List<PackageId> found = new ArrayList<>();
            for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(settings.bucket()).prefix(settings.prefix())).contents()) {
                ArtifactKeys.release(object.key().substring(settings.prefix().length())).ifPresent(found::add);
            }
            return found;
        });
        ids.sort(null);
        return ids;
    }

    /** Where the store is, for messages: {@code s3://bucket/prefix} and its endpoint, never the secret. */
    public String location() {
        return settings.location();
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "S3ArtifactStore[" + settings + "]";
    }

    private String objectKey(String key) {
        return settings.prefix() + key;
    }

    // A '+' (build metadata) is literal in a URL path, but S3 and some CDNs in front of it read it
    // as a space, as in a query string; %2B means '+' to all of them.
    private URI publicUrl(String key) {
        return URI.create(settings.publicBase().orElseThrow() + "/" + key.replace("+", "%2B"));
    }

    private Optional<HeadObjectResponse> head(String key) {
        return attempt("look up `" + key + "`",
                () -> client.headObject(b -> b.bucket(settings.bucket()).key(objectKey(key))), NOT_FOUND);
    }

    private boolean sameBytes(String key, HeadObjectResponse stored, String sha256) {
        String storedSha256 = stored.metadata().get(SHA256);
        if (storedSha256 == null) {
            // Stored by another tool, without our metadata: hash the bytes themselves.
            storedSha256 = storedDigest(key);
        }
        if (!storedSha256.equals(sha256)) {
            throw ArtifactStoreErrors.otherBytes(location(), key, storedSha256, sha256);
        }
        return false;
    }

    private String storedDigest(String key) {
        try (InputStream in = stream(key)) {
            DigestSink sink = DigestSink.of(Set.of(DigestAlgorithm.SHA256));
            in.transferTo(sink);
            return sink.checksums().get(DigestAlgorithm.SHA256).orElseThrow();
        } catch (IOException e) {
            throw ArtifactStoreErrors.unavailable(location(), "read `" + key + "`", e);
        }
    }

    // For ArtifactFile.Opener, whose failures are IOExceptions the server reports.
    private InputStream stream(String key) throws IOException {
        try {
            return client.getObject(b -> b.bucket(settings.bucket()).key(objectKey(key)));
        } catch (SdkException e) {
            throw new IOException("the artifact store " + location() + " failed to read `" + key + "`: " + e.getMessage(), e);
        }
    }

    /**
     * What a put sends besides the bytes, from one read of the archive: its SHA-256 for the metadata
     * and the comparisons, and its MD5 for {@code Content-MD5}, which every S3-compatible store checks,
     * so bytes that changed or were damaged on the way are refused rather than stored.
     */
    private record Upload(String sha256, String md5, long size) {
        static Upload of(Path archive) throws IOException {
            MessageDigest md5;
            try {
                md5 = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has MD5", e);
            }
            DigestSink sink = DigestSink.tee(Set.of(DigestAlgorithm.SHA256),
                    new DigestOutputStream(OutputStream.nullOutputStream(), md5));
            try (InputStream in = Files.newInputStream(archive)) {
                in.transferTo(sink);
            }
            String sha256 = sink.checksums().get(DigestAlgorithm.SHA256).orElseThrow();
            return new Upload(sha256, Base64.getEncoder().encodeToString(md5.digest()), sink.size());
        }
    }

    private static InputStream newInputStream(Path archive) {
        try {
            return Files.newInputStream(archive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String etag(HeadObjectResponse head) {
        String etag = head.eTag();
        return etag.startsWith("\"") ? etag : "\"" + etag + "\"";
    }

    private <T> T call(String operation, Supplier<T> request) {
        return attempt(operation, request).orElseThrow();
    }

    /**
     * The one place that turns the SDK's exceptions into ours: runs a request, and answers empty
     * when the store refuses it with one of the {@code expected} statuses (a missing key is 404;
     * a missing bucket is a 404 too, but an error).
     */
    private <T> Optional<T> attempt(String operation, Supplier<T> request, int... expected) {
        try {
            return Optional.of(request.get());
        } catch (S3Exception e) {
            boolean missingBucket = "NoSuchBucket".equals(e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode());
            for (int status : expected) {
                if (e.statusCode() == status && !missingBucket) {
                    return Optional.empty();
                }
            }
            if (e.statusCode() >= 500) {
                throw ArtifactStoreErrors.unavailable(location(), operation, e);
            }
            throw ArtifactStoreErrors.failed(location(), operation, e, missingBucket
                    ? "create the bucket `" + settings.bucket() + "` first"
                    : "check the bucket's permissions and the credentials in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        } catch (SdkException e) {
            // No answer: a refused, reset or timed out connection.
            throw ArtifactStoreErrors.unavailable(location(), operation, e);
        }
    }
}
