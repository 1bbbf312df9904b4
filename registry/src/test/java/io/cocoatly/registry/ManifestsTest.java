package io.cocoatly.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.InvalidFileException;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading {@code cocoatly.json}: hand-written, so stricter about unknown keys than index files. */
class ManifestsTest {

    private static final Path FILE = Path.of("app", "cocoatly.json");

    @TempDir
    Path dir;

    private static InvalidFileException error(String json) {
        return assertThrows(InvalidFileException.class, () -> Manifests.parse(json, FILE));
    }

    @Test
    void readsAManifest() throws Exception {
        Path file = dir.resolve("cocoatly.json");
        Files.writeString(file, "{\"name\": \"app\", \"version\": \"0.1.0\", \"dependencies\": {\"log\": \"^0.4\", \"http\": \"^1.2\"}}");
        Manifest m = Manifests.read(file);
        assertEquals(new Manifest(PackageName.of("app"), Version.parse("0.1.0"),
                List.of(Dependency.parse("http", "^1.2"), Dependency.parse("log", "^0.4"))), m);
    }

    @Test
    void dependenciesAreOptional() {
        assertEquals(List.of(), Manifests.parse("{\"name\": \"app\", \"version\": \"1.0.0\"}", FILE).dependencies());
    }

    @Test
    void aDependencyOnItselfIsKeptForTheSolver() {
        Manifest m = Manifests.parse("{\"name\": \"app\", \"version\": \"1.0.0\", \"dependencies\": {\"app\": \"^1\"}}", FILE);
        assertEquals(List.of(Dependency.parse("app", "^1")), m.dependencies());
    }

    @Test
    void unknownKeySuggestsTheIntendedOne() {
        InvalidFileException e = error("{\"name\": \"app\", \"version\": \"1.0.0\", \"dependecies\": {}}");
        assertEquals(FILE + ": $: unknown key `dependecies`", e.getMessage());
        assertEquals(List.of("did you mean `dependencies`?"), e.hints());
        assertEquals("invalid-manifest", e.code());
    }

    @Test
    void unknownKeyFarFromAnyListsTheKnownOnes() {
        InvalidFileException e = error("{\"name\": \"app\", \"version\": \"1.0.0\", \"scripts\": {}}");
        assertEquals(List.of("known keys are `categories`, `dependencies`, `description`, `dev-dependencies`, `keywords`,"
                + " `license`, `name`, `repository` and `version`"), e.hints());
    }

    @Test
    void fieldErrors() {
        assertEquals(FILE + ": $: missing required key `name`", error("{\"version\": \"1.0.0\"}").getMessage());
        assertEquals(FILE + ": $: missing required key `version`", error("{\"name\": \"app\"}").getMessage());
        assertEquals(FILE + ": $.name: invalid package name `My App`: it must match [a-z0-9][a-z0-9._-]*",
                error("{\"name\": \"My App\", \"version\": \"1.0.0\"}").getMessage());
        assertEquals(FILE + ": $.version: invalid version `v1.0.0`: expected the major version number at column 1, found `v`",
                error("{\"name\": \"app\", \"version\": \"v1.0.0\"}").getMessage());
        assertEquals(FILE + ": $.dependencies['a/b']: invalid package name `a/b`: it must match [a-z0-9][a-z0-9._-]*",
                error("{\"name\": \"app\", \"version\": \"1.0.0\", \"dependencies\": {\"a/b\": \"1\"}}").getMessage());
        assertEquals(FILE + ": $.dependencies.http: expected a string, found an integer",
                error("{\"name\": \"app\", \"version\": \"1.0.0\", \"dependencies\": {\"http\": 1}}").getMessage());
    }

    @Test
    void malformedManifest() {
        assertEquals(FILE + ": $.version: malformed JSON at line 1, column 32: the file ends too early",
                error("{\"name\": \"app\", \"version\": \"1.0").getMessage());
    }

    @Test
    void missingFile() {
        CocoatlyException e = assertThrows(CocoatlyException.class, () -> Manifests.read(dir.resolve("cocoatly.json")));
        assertEquals("manifest-not-found", e.code());
        assertEquals("no manifest at `" + dir.resolve("cocoatly.json") + "`", e.getMessage());
    }

    @Test
    void readsDevDependenciesAndMetadata() {
        Manifest m = Manifests.parse("""
                {"name": "app", "version": "1.0.0", "description": "An app", "license": "MIT OR Apache-2.0",
                 "repository": "https://example.org/app", "keywords": ["cli", "http_2"],
                 "categories": ["development-tools::testing"],
                 "dependencies": {"http": "^1"}, "dev-dependencies": {"test-kit": "^2", "bench": "*"}}
                """, FILE);
        assertEquals(List.of(Dependency.parse("http", "^1")), m.dependencies());
        assertEquals(List.of(Dependency.parse("bench", "*"), Dependency.parse("test-kit", "^2")), m.devDependencies());
        assertEquals(new ManifestMetadata(Optional.of("An app"), Optional.of("MIT OR Apache-2.0"),
                Optional.of("https://example.org/app"), List.of("cli", "http_2"), List.of("development-tools::testing")),
                m.metadata());
    }

    @Test
    void aNameInBothDependencyListsIsAnError() {
        InvalidFileException e = error("{\"name\": \"app\", \"version\": \"1.0.0\", \"dependencies\": {\"http\": \"^1\"},"
                + " \"dev-dependencies\": {\"http\": \"^1.2\"}}");
        assertEquals(FILE + ": $.dev-dependencies.http: `http` is also in `dependencies`", e.getMessage());
    }

    @Test
    void metadataErrorsNameTheirPath() {
        String head = "{\"name\": \"app\", \"version\": \"1.0.0\", ";
        assertEquals(FILE + ": $.repository: expected an http(s) URL: `git@example.org:app`",
                error(head + "\"repository\": \"git@example.org:app\"}").getMessage());
        assertEquals(FILE + ": $.keywords: at most 5 keywords, found 6",
                error(head + "\"keywords\": [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"]}").getMessage());
        assertEquals(FILE + ": $.keywords[1]: invalid keyword `Web`",
                error(head + "\"keywords\": [\"a\", \"Web\"]}").getMessage());
        assertEquals(FILE + ": $.keywords[0]: keyword `abcdefghijklmnopqrstu` is longer than 20 characters",
                error(head + "\"keywords\": [\"abcdefghijklmnopqrstu\"]}").getMessage());
        assertEquals(FILE + ": $.categories[1]: category `x` is listed twice",
                error(head + "\"categories\": [\"x\", \"x\"]}").getMessage());
        assertEquals(FILE + ": $.description: must be one line",
                error(head + "\"description\": \"a\\nb\"}").getMessage());
        assertEquals(FILE + ": $.description: must not contain control characters",
                error(head + "\"description\": \"a \\u001b]0;x\\u0007\"}").getMessage());
        assertEquals(FILE + ": $.license: must not be empty", error(head + "\"license\": \" \"}").getMessage());
        assertEquals(FILE + ": $.keywords: expected an array, found a string",
                error(head + "\"keywords\": \"cli\"}").getMessage());
    }
}
