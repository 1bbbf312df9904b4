package io.cocoatly.registry.db;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API in this JVM: S3Proxy over its in-memory blob store on 127.0.0.1, port 0, with
 * signed (v2 or v4) requests. Started once per test class (a few seconds); each test takes a fresh
 * key prefix, so tests never see each other's objects.
 */
final class S3ProxyFixture implements AutoCloseable {

    static final String ACCESS_KEY = "cocoatly-test";
    static final String SECRET_KEY = "s3cr3t-never-shown-0123456789";
    static final String BUCKET = "artifacts";
    static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final URI endpoint;
    private final S3Client client;
    private final AtomicInteger prefixes = new AtomicInteger();

    S3ProxyFixture() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        client = S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        client.createBucket(b -> b.bucket(BUCKET));
    }

    /** The proxy's URL. */
    URI endpoint() {
        return endpoint;
    }

    /** A client of the test's own, to look at objects behind the store's back. */
    S3Client client() {
        return client;
    }

    /** Settings over the bucket under a prefix no other test uses. */
    S3Settings settings(Optional<URI> publicBase) {
        return new S3Settings(endpoint, BUCKET, REGION, ACCESS_KEY, SECRET_KEY, publicBase,
                "test-" + prefixes.incrementAndGet() + "/artifacts");
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
    }
}
