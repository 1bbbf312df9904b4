package io.cocoatly.registry.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cocoatly.model.PackageId;
import io.cocoatly.registry.RegistryEditor;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Keys are the protocol's artifact paths without {@code artifacts/}, and only exact keys name a release. */
class ArtifactKeysTest {

    @Test
    void aKeyIsTheArtifactPathWithoutArtifacts() {
        for (String version : new String[] {"1.0.0", "2.0.0-rc.1", "1.0.0+build.5", "1.0.0-alpha.1+sha.0a1b"}) {
            PackageId id = PackageId.of("my-lib.core", version);
            assertEquals("artifacts/" + ArtifactKeys.key(id), RegistryEditor.artifactPath(id));
            assertEquals(Optional.of(id), ArtifactKeys.release(ArtifactKeys.key(id)));
        }
    }

    @Test
    void onlyExactKeysNameARelease() {
        for (String key : new String[] {"json", "json/", "/json-1.0.0.tar.gz", "json/json-.tar.gz", "json/json-1.0.tar.gz",
                "json/json-01.0.0.tar.gz", "json/json-1.0.0.tgz", "json/gzip-1.0.0.tar.gz", "Json/Json-1.0.0.tar.gz",
                "json/.json-1.0.0.tar.gz.123.tmp", "json/sub/json-1.0.0.tar.gz", "../json/json-1.0.0.tar.gz"}) {
            assertEquals(Optional.empty(), ArtifactKeys.release(key), key);
        }
    }
}
