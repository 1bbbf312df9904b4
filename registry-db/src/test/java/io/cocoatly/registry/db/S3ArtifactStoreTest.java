package io.cocoatly.registry.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageId;
import io.cocoatly.registry.server.ApiException;
import io.cocoatly.registry.server.ArtifactFile;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The contract over S3Proxy in this JVM, and what only an object store has: object headers,
 * streamed or redirected downloads, a store that is down, refused credentials, a missing bucket.
 */
class S3ArtifactStoreTest extends ArtifactStoreContract {

    private static S3ProxyFixture s3;
    private S3Settings settings;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = new S3ProxyFixture();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @Override
    ArtifactStore newStore() {
        settings = s3.settings(Optional.empty());
        return new S3ArtifactStore(settings);
    }

    @Override
    ArtifactStore storeFailingMidway() {
        return new S3ArtifactStore(settings, in -> new FilterInputStream(in) {
            private long read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read > 100) {
                    throw new IOException("connection reset (test)");
                }
                int n = super.read(b, off, Math.min(len, 64));
                read += Math.max(n, 0);
                return n;
            }
        });
    }

    @Override
    void putStray(String key, byte[] bytes) {
        s3.client().putObject(b -> b.bucket(S3ProxyFixture.BUCKET).key(settings.prefix() + key), RequestBody.fromBytes(bytes));
    }

    @Override
    byte[] served(ArtifactFile file) throws IOException {
        ArtifactFile.Streamed streamed = assertInstanceOf(ArtifactFile.Streamed.class, file);
        try (InputStream in = streamed.body().open()) {
            byte[] bytes = in.readAllBytes();
            assertEquals(streamed.size(), bytes.length);
            return bytes;
        }
    }

    @Test
    void objectsCarryTheirTypeCacheHeadersAndDigest() throws Exception {
        store.put(JSON_BUILD, ARCHIVE);

        HeadObjectResponse head = s3.client().headObject(b -> b.bucket(S3ProxyFixture.BUCKET)
                .key(settings.prefix() + "json/json-1.0.0+build.5.tar.gz"));
        assertEquals("application/gzip", head.contentType());
        assertEquals("public, max-age=31536000, immutable", head.cacheControl());
        assertEquals(java.util.Set.of("sha256", "cocoatly-upload"), head.metadata().keySet());
        assertEquals(ArtifactStoreSupport.sha256(ARCHIVE), head.metadata().get("sha256"));
        // A put's own random name, so that a retried PUT refused for its own object knows it.
        assertTrue(head.metadata().get("cocoatly-upload").matches("[0-9a-f-]{36}"), head.metadata().toString());
        ArtifactFile.Streamed streamed = (ArtifactFile.Streamed) store.file(JSON_BUILD).orElseThrow();
        assertEquals(Files.size(ARCHIVE), streamed.size());
        assertEquals(head.eTag(), streamed.etag());
        assertEquals(head.lastModified(), streamed.lastModified());
    }

    @Test
    void withAPublicBaseDownloadsAreRedirectedThere() throws Exception {
        S3Settings cdn = s3.settings(Optional.of(URI.create("https://cdn.example/team/")));
        try (ArtifactStore redirecting = new S3ArtifactStore(cdn)) {
            redirecting.put(JSON_BUILD, ARCHIVE);
            redirecting.put(JSON_1_0_0, ARCHIVE);

            assertEquals(new ArtifactFile.Redirect(JSON_BUILD, URI.create("https://cdn.example/team/json/json-1.0.0%2Bbuild.5.tar.gz")),
                    redirecting.file(JSON_BUILD).orElseThrow());
            assertEquals(new ArtifactFile.Redirect(JSON_1_0_0, URI.create("https://cdn.example/team/json/json-1.0.0.tar.gz")),
                    redirecting.file(JSON_1_0_0).orElseThrow());
            assertEquals(Optional.empty(), redirecting.file(GZIP));
            assertArrayEquals(Files.readAllBytes(ARCHIVE), read(redirecting.open(JSON_BUILD)));
        }
    }

    @Test
    void s3ProxyHonoursTheConditionalWriteAPutRelieson() throws Exception {
        store.put(JSON_1_0_0, ARCHIVE);

        S3Exception e = assertThrows(S3Exception.class, () -> s3.client().putObject(b -> b.bucket(S3ProxyFixture.BUCKET)
                .key(settings.prefix() + "json/json-1.0.0.tar.gz").ifNoneMatch("*"), RequestBody.fromBytes(new byte[] {1})));

        assertEquals(412, e.statusCode());
        assertArrayEquals(Files.readAllBytes(ARCHIVE), read(store.open(JSON_1_0_0)));
    }

    @Test
    void aPutThatLosesTheRaceBetweenItsHeadAndItsUploadComparesWithTheWinner() throws Exception {
        for (boolean sameBytes : List.of(true, false)) {
            PackageId id = sameBytes ? JSON_1_0_0 : GZIP;
            byte[] winner = Files.readAllBytes(sameBytes ? ARCHIVE : OTHER_ARCHIVE);
            AtomicBoolean raced = new AtomicBoolean();
            // The tap runs when the upload starts, after the store's HEAD found nothing.
            try (ArtifactStore racing = new S3ArtifactStore(settings, in -> {
                if (!raced.getAndSet(true)) {
                    putStray(ArtifactKeys.key(id), winner);
                }
                return in;
            })) {
                if (sameBytes) {
                    assertFalse(racing.put(id, ARCHIVE));
                } else {
                    assertEquals("artifact-exists", assertThrows(ApiException.class, () -> racing.put(id, ARCHIVE)).code());
                }
            }
            assertTrue(raced.get());
            assertArrayEquals(winner, read(store.open(id)));
        }
    }

    @Test
    void bytesDamagedOnTheWayAreRefusedNotStored() throws Exception {
        try (ArtifactStore damaging = new S3ArtifactStore(settings, in -> new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    b[off] ^= 1;
                }
                return n;
            }
        })) {
            CocoatlyException e = assertThrows(CocoatlyException.class, () -> damaging.put(JSON_1_0_0, ARCHIVE));
            assertEquals("artifact-store-failed", e.code());
        }

        assertFalse(store.exists(JSON_1_0_0));
    }

    @Test
    void anObjectStoredWithoutOurDigestIsComparedByItsBytes() throws Exception {
        putStray("json/json-1.0.0.tar.gz", Files.readAllBytes(ARCHIVE));

        assertFalse(store.put(JSON_1_0_0, ARCHIVE));
        ApiException e = assertThrows(ApiException.class, () -> store.put(JSON_1_0_0, OTHER_ARCHIVE));
        assertEquals("artifact-exists", e.code());
    }

    @Test
    void aStoreThatIsDownIsUnavailableNamingTheBucketAndEndpointNeverTheSecret() throws Exception {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        S3Settings down = new S3Settings(closed, "artifacts", "us-east-1", S3ProxyFixture.ACCESS_KEY,
                S3ProxyFixture.SECRET_KEY, Optional.empty(), "team");
        try (ArtifactStore unreachable = new S3ArtifactStore(down)) {
            for (Executable use : List.<Executable>of(() -> unreachable.put(JSON_1_0_0, ARCHIVE),
                    () -> unreachable.exists(JSON_1_0_0), () -> unreachable.file(JSON_1_0_0),
                    () -> unreachable.open(JSON_1_0_0), () -> unreachable.delete(JSON_1_0_0), unreachable::list)) {
                ApiException e = assertThrows(ApiException.class, use);
                assertEquals(ApiException.Status.SERVICE_UNAVAILABLE, e.status());
                assertEquals("artifact-store-unavailable", e.code());
                assertTrue(e.getMessage().startsWith("the artifact store `s3://artifacts/team/` at `" + closed + "` cannot be reached to "),
                        e.getMessage());
                assertFalse(e.getMessage().contains(S3ProxyFixture.SECRET_KEY));
            }
        }
    }

    @Test
    void aStoreThatAcceptsConnectionsButNeverAnswersIsUnavailable() throws Exception {
        // Never accepted: the kernel completes the handshakes into the backlog, and nobody answers.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            URI endpoint = URI.create("http://127.0.0.1:" + silent.getLocalPort());
            S3Settings hanging = new S3Settings(endpoint, "artifacts", "us-east-1", S3ProxyFixture.ACCESS_KEY,
                    S3ProxyFixture.SECRET_KEY, Optional.empty(), "");
            try (ArtifactStore store = new S3ArtifactStore(hanging, UnaryOperator.identity(), Duration.ofMillis(200))) {
                ApiException e = assertThrows(ApiException.class, () -> store.exists(JSON_1_0_0));

                assertEquals(ApiException.Status.SERVICE_UNAVAILABLE, e.status());
                assertTrue(e.getMessage().startsWith("the artifact store `s3://artifacts/` at `" + endpoint
                        + "` cannot be reached to look up `json/json-1.0.0.tar.gz`: "), e.getMessage());
            }
        }
    }

    @Test
    void wrongCredentialsAreAFailureThatNeverShowsTheSecret() {
        S3Settings wrong = new S3Settings(s3.endpoint(), S3ProxyFixture.BUCKET, "us-east-1", S3ProxyFixture.ACCESS_KEY,
                "not-the-secret-key", Optional.empty(), "");
        try (ArtifactStore refused = new S3ArtifactStore(wrong)) {
            CocoatlyException e = assertThrows(CocoatlyException.class, () -> refused.put(JSON_1_0_0, ARCHIVE));

            assertEquals(ErrorKind.FAILED, e.kind());
            assertEquals("artifact-store-failed", e.code());
            assertTrue(e.getMessage().startsWith("the artifact store `s3://artifacts/` at `" + s3.endpoint() + "` failed to look up `json/json-1.0.0.tar.gz`: "),
                    e.getMessage());
            assertFalse(e.getMessage().contains("not-the-secret-key"));
            assertFalse(wrong.toString().contains("not-the-secret-key"));
        }
    }

    @Test
    void aMissingBucketIsAFailureWithAHint() {
        S3Settings missing = new S3Settings(s3.endpoint(), "no-such-bucket", "us-east-1", S3ProxyFixture.ACCESS_KEY,
                S3ProxyFixture.SECRET_KEY, Optional.empty(), "");
        try (ArtifactStore store = new S3ArtifactStore(missing)) {
            CocoatlyException e = assertThrows(CocoatlyException.class, () -> store.put(JSON_1_0_0, ARCHIVE));

            assertEquals("artifact-store-failed", e.code());
            assertTrue(e.getMessage().startsWith("the artifact store `s3://no-such-bucket/` at `" + s3.endpoint() + "` failed to store "),
                    e.getMessage());
            assertEquals(List.of("create the bucket `no-such-bucket` first"), e.hints());
        }
    }
}
