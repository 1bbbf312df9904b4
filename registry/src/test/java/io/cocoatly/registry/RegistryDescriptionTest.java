package io.cocoatly.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.model.InvalidFileException;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code registry.json}'s optional keys: read strictly, unknown keys ignored, the template applied. */
class RegistryDescriptionTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String ARTIFACT = "\"artifact\": {\"url\": \"%s\", \"size\": 3, \"checksums\": {\"sha256\": \""
            + "a".repeat(64) + "\"}}";

    @TempDir
    Path dir;

    private FileRegistry open(String registryJson) {
        return TempRegistry.in(dir).file("registry.json", registryJson).open();
    }

    private InvalidFileException error(String registryJson) {
        return assertThrows(InvalidFileException.class, () -> open(registryJson));
    }

    @Test
    void aPlainRegistryHasNoApiNoTemplateNoTokenNoKeys() {
        assertEquals(RegistryDescription.named("tiny"), open(TempRegistry.REGISTRY_JSON).description());
    }

    @Test
    void everyKeyIsRead() {
        RegistryDescription d = open("{\"format\": 1, \"name\": \"team\", \"api\": \"api/v1/\","
                + " \"artifact_url\": \"https://cdn.example/team/{name}/{name}-{version}.tar.gz\", \"auth_required\": true,"
                + " \"publisher_keys\": [{\"key_id\": \"ed25519:3f2a9c01d4e5b6a7\", \"public_key\": \"" + KEY + "\", \"owner\": \"alice\"}],"
                + " \"mirrors\": [\"unknown keys are ignored\"]}").description();
        assertEquals(new RegistryDescription("team", Optional.of(URI.create("api/v1/")),
                Optional.of("https://cdn.example/team/{name}/{name}-{version}.tar.gz"), true,
                List.of(new RegistryDescription.PublisherKey("ed25519:3f2a9c01d4e5b6a7", KEY, "alice"))), d);
        assertEquals(Optional.of(URI.create("https://r.example/team/api/v1/")), d.apiAt(URI.create("https://r.example/team/")));
    }

    @Test
    void wrongTypesNameTheirPath() {
        String file = dir.resolve("registry.json").toString();
        assertEquals(file + ": $.api: expected a string, found an integer",
                error("{\"format\": 1, \"name\": \"t\", \"api\": 1}").getMessage());
        assertEquals(file + ": $.auth_required: expected a boolean, found a string",
                error("{\"format\": 1, \"name\": \"t\", \"auth_required\": \"yes\"}").getMessage());
        assertEquals(file + ": $.publisher_keys: expected an array, found an object",
                error("{\"format\": 1, \"name\": \"t\", \"publisher_keys\": {}}").getMessage());
        assertEquals(file + ": $.publisher_keys[0]: missing required key `owner`",
                error("{\"format\": 1, \"name\": \"t\", \"publisher_keys\": [{\"key_id\": \"k\", \"public_key\": \"" + KEY + "\"}]}")
                        .getMessage());
        assertEquals(file + ": $.publisher_keys[0].public_key: an Ed25519 public key has 32 bytes, found 3",
                error("{\"format\": 1, \"name\": \"t\", \"publisher_keys\": [{\"key_id\": \"k\", \"public_key\": \"AAAA\","
                        + " \"owner\": \"a\"}]}").getMessage());
        assertEquals(file + ": $.artifact_url: unknown placeholder `{vers}` in `a/{name}-{vers}.tar.gz`",
                error("{\"format\": 1, \"name\": \"t\", \"artifact_url\": \"a/{name}-{vers}.tar.gz\"}").getMessage());
        assertEquals(file + ": $.api: not a valid URL: `http://a b/`: Illegal character in authority",
                error("{\"format\": 1, \"name\": \"t\", \"api\": \"http://a b/\"}").getMessage());
    }

    @Test
    void relativeArtifactUrlsGoThroughTheTemplateAndAbsoluteOnesStay() {
        FileRegistry registry = TempRegistry.in(dir)
                .file("registry.json", "{\"format\": 1, \"name\": \"t\", \"artifact_url\": \"https://cdn.example/{name}/{name}-{version}.tgz\"}")
                .index("http", "{\"name\": \"http\", \"versions\": [{\"version\": \"1.0.0+b\", " + ARTIFACT.formatted("artifacts/x.tar.gz")
                        + "}, {\"version\": \"2.0.0\", " + ARTIFACT.formatted("https://elsewhere.example/h.tgz") + "}]}")
                .open();
        List<Release> releases = registry.find(PackageName.of("http")).orElseThrow().releases();
        assertEquals(List.of("https://cdn.example/http/http-1.0.0+b.tgz", "https://elsewhere.example/h.tgz"),
                releases.stream().map(r -> r.artifact().orElseThrow().url()).toList());
    }

    @Test
    void withoutATemplateRelativeUrlsStayRelative() {
        RegistryDescription plain = RegistryDescription.named("t");
        PackageId id = new PackageId(PackageName.of("http"), Version.parse("1.0.0"));
        assertEquals("artifacts/http/http-1.0.0.tar.gz", plain.artifactReference(id, "artifacts/http/http-1.0.0.tar.gz"));
        RegistryDescription relative = new RegistryDescription("t", Optional.empty(), Optional.of("../files/{name}-{version}.tgz"),
                false, List.of());
        assertEquals("../files/http-1.0.0.tgz", relative.artifactReference(id, "artifacts/http/http-1.0.0.tar.gz"));
    }
}
