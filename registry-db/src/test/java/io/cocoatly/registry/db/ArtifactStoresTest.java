package io.cocoatly.registry.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The configuration strings of {@link ArtifactStores#parse}: both forms, and every way to get one wrong. */
class ArtifactStoresTest {

    private static final Map<String, String> ENV = Map.of("AWS_ACCESS_KEY_ID", "AKIDTEST", "AWS_SECRET_ACCESS_KEY", "very-secret");

    @Test
    void fileFormsNameADirectory() {
        for (String config : new String[] {"file:/srv/artifacts", "file:///srv/artifacts"}) {
            try (ArtifactStore store = ArtifactStores.parse(config, Map.of())) {
                assertEquals("`/srv/artifacts`", assertInstanceOf(FileArtifactStore.class, store).location());
            }
        }
        try (ArtifactStore store = ArtifactStores.parse("file:artifacts", Map.of())) {
            assertEquals("`" + Path.of("artifacts").toAbsolutePath() + "`", ((FileArtifactStore) store).location());
        }
    }

    @Test
    void anS3FormNamesEverySetting() {
        S3Settings settings = ArtifactStores.s3Settings(
                "registry-artifacts/team/v1?endpoint=http://127.0.0.1:9000&region=eu-west-3&public_base=https://cdn.example/team/", ENV);

        assertEquals(new S3Settings(URI.create("http://127.0.0.1:9000"), "registry-artifacts", "eu-west-3", "AKIDTEST",
                "very-secret", Optional.of(URI.create("https://cdn.example/team")), "team/v1/"), settings);
        assertEquals("team/v1/", settings.prefix());
        assertEquals(Optional.of(URI.create("https://cdn.example/team")), settings.publicBase());
        try (ArtifactStore store = ArtifactStores.parse("s3://registry-artifacts/team/v1?endpoint=http://127.0.0.1:9000", ENV)) {
            assertEquals("`s3://registry-artifacts/team/v1/` at `http://127.0.0.1:9000`",
                    assertInstanceOf(S3ArtifactStore.class, store).location());
        }
    }

    @Test
    void anS3FormWithoutEndpointOrRegionIsAwsInUsEast1() {
        S3Settings settings = ArtifactStores.s3Settings("registry-artifacts", ENV);

        assertEquals(URI.create("https://s3.us-east-1.amazonaws.com"), settings.endpoint());
        assertEquals("us-east-1", settings.region());
        assertEquals("", settings.prefix());
        assertEquals(Optional.empty(), settings.publicBase());
    }

    @Test
    void theSecretIsNeverShown() {
        S3Settings settings = ArtifactStores.s3Settings("registry-artifacts", ENV);

        assertEquals("S3Settings[endpoint=https://s3.us-east-1.amazonaws.com, bucket=registry-artifacts, region=us-east-1,"
                + " accessKeyId=AKIDTEST, secretKey=(hidden), publicBase=(none), prefix=]", settings.toString());
        try (ArtifactStore store = ArtifactStores.parse("s3://registry-artifacts", ENV)) {
            assertFalse(store.toString().contains("very-secret"), store.toString());
        }
    }

    @Test
    void malformedStringsAreClearErrors() {
        assertInvalid("artifact store: `/srv/artifacts` names no kind of store: expected `file:` or `s3://`", "/srv/artifacts", ENV);
        assertInvalid("artifact store: unknown kind of store `gs:`: expected `file:` or `s3://`", "gs://bucket", ENV);
        assertInvalid("artifact store: `file:` names no directory: expected `file:DIR`", "file:", ENV);
        assertInvalid("artifact store: `file://host/srv` names a host: expected `file:DIR` or `file:///DIR`", "file://host/srv", ENV);
        assertInvalid("artifact store: unknown parameter `endpiont` (did you mean `endpoint`?): expected `endpoint`,"
                + " `public_base` and `region`", "s3://bucket?endpiont=http://127.0.0.1:9000", ENV);
        assertInvalid("artifact store: parameter `region` has no value", "s3://bucket?region=", ENV);
        assertInvalid("artifact store: parameter `region` is given twice", "s3://bucket?region=a&region=b", ENV);
        assertInvalid("artifact store: bucket name `Bad_Bucket`: it must be 3 to 63 lowercase letters, digits, `.` and `-`,"
                + " starting and ending with a letter or digit", "s3://Bad_Bucket", ENV);
        assertInvalid("artifact store: key prefix `a/../b`: each segment must be letters, digits, `.`, `_` or `-`,"
                + " and neither `.` nor `..`", "s3://bucket/a/../b", ENV);
        assertInvalid("artifact store: endpoint `ftp://127.0.0.1`: expected an http or https URL with a host and no user,"
                + " query or fragment", "s3://bucket?endpoint=ftp://127.0.0.1", ENV);
        assertInvalid("artifact store: parameter `public_base`: `https://cdn example` is not a URL: Illegal character in authority",
                "s3://bucket?public_base=https://cdn%20example", ENV);
    }

    @Test
    void credentialsComeFromTheEnvironmentOnly() {
        assertInvalid("artifact store: the S3 store `s3://bucket` needs credentials: AWS_ACCESS_KEY_ID and"
                + " AWS_SECRET_ACCESS_KEY are not set in the environment", "s3://bucket", Map.of());
        assertInvalid("artifact store: the S3 store `s3://bucket` needs credentials: AWS_SECRET_ACCESS_KEY is not set"
                + " in the environment", "s3://bucket", Map.of("AWS_ACCESS_KEY_ID", "AKIDTEST"));
        CocoatlyException e = assertInvalid("artifact store: credentials in an `s3://` location are not read (they would"
                + " show in the process list): set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead",
                "s3://AKID:hunter2@bucket", ENV);
        assertFalse(e.getMessage().contains("hunter2"));
        CocoatlyException user = assertInvalid("artifact store: endpoint (a URL with a user part): expected an http or https"
                + " URL with a host and no user, query or fragment", "s3://bucket?endpoint=http://u:hunter2@127.0.0.1", ENV);
        assertFalse(user.getMessage().contains("hunter2"));
    }

    private static CocoatlyException assertInvalid(String message, String config, Map<String, String> env) {
        CocoatlyException e = assertThrows(CocoatlyException.class, () -> ArtifactStores.parse(config, env).close());
        assertEquals(ErrorKind.INVALID_INPUT, e.kind());
        assertEquals("invalid-artifact-store", e.code());
        assertEquals(message, e.getMessage());
        assertTrue(e.hints().get(0).startsWith("the form is `file:DIR` or `s3://BUCKET[/PREFIX]?endpoint=URL"), e.hints().toString());
        return e;
    }
}
