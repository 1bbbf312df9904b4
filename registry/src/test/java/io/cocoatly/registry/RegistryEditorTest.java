package io.cocoatly.registry;

import io.cocoatly.json.StrictJson;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Adding and yanking releases, written so that {@link FileRegistry} reads back exactly what was written. */
class RegistryEditorTest {

    private static final String SHA256 = "a".repeat(64);
    private static final String SIGNATURE = java.util.Base64.getEncoder().encodeToString(new byte[64]);

    @TempDir
    Path dir;

    private static Release release(String name, String version, boolean yanked, Artifact artifact,
            String... deps) {
        List<Dependency> dependencies = new ArrayList<>();
        for (int i = 0; i < deps.length; i += 2) {
            dependencies.add(Dependency.parse(deps[i], deps[i + 1]));
        }
        return new Release(PackageId.of(name, version), dependencies, yanked, Optional.ofNullable(artifact));
    }

    private static Artifact artifact(String name, String version) {
        return new Artifact(RegistryEditor.artifactPath(PackageId.of(name, version)), 42,
                Map.of("sha256", SHA256, "blake3", "b".repeat(64), "sha512", "c".repeat(128)),
                Optional.of(new Artifact.Signature("ed25519:0011223344556677", SIGNATURE)));
    }

    private PackageListing read(String name) {
        return FileRegistry.open(dir).find(PackageName.of(name)).orElseThrow();
    }

    @Test
    void initWritesARegistryThatOpensAndRefusesASecondInit() throws IOException {
        RegistryEditor.init(dir, "team");
        assertEquals("team", FileRegistry.open(dir).name());
        assertEquals("{\n  \"format\": 1,\n  \"name\": \"team\"\n}\n",
                Files.readString(dir.resolve("registry.json")));
        CocoatlyException e = assertThrows(CocoatlyException.class, () -> RegistryEditor.init(dir, "other"));
        assertEquals("registry-exists", e.code());
        assertEquals("team", FileRegistry.open(dir).name());
        assertEquals("invalid-registry-name",
                assertThrows(CocoatlyException.class, () -> RegistryEditor.init(dir.resolve("b"), " ")).code());
    }

    @Test
    void writtenReleasesReadBackAsTheSameModel() {
        RegistryEditor.init(dir, "t");
        List<Release> added = List.of(
                release("http", "1.2.0", false, artifact("http", "1.2.0"), "tls", "^2.0", "log", ">=0.4, <0.6"),
                release("http", "1.0.0", true, null, "zope.interface", "^0.4 || ^0.5"),
                release("http", "2.0.0-rc.1+linux", false, artifact("http", "2.0.0-rc.1+linux")));
        try (RegistryEditor editor = RegistryEditor.open(dir)) {
            added.forEach(editor::addRelease);
        }
        PackageListing read = read("http");
        assertEquals(new PackageListing(PackageName.of("http"), added), read);
        assertEquals(List.of("1.0.0", "1.2.0", "2.0.0-rc.1+linux"),
                read.releases().stream().map(r -> r.version().toString()).toList());
    }

    @Test
    void packagesAddedInBulkReadBackAsAddedOneByOneAndAreNotAddedTwice(@TempDir Path other) throws IOException {
        RegistryEditor.init(dir, "t");
        List<Release> http = List.of(release("http", "1.0.0", true, null, "tls", "^2.0"), release("http", "1.2.0", false, null));
        List<Release> tls = List.of(release("tls", "2.1.0", false, artifact("tls", "2.1.0")));
        try (RegistryEditor editor = RegistryEditor.open(dir)) {
            editor.addPackages(List.of(new PackageListing(PackageName.of("http"), http),
                    new PackageListing(PackageName.of("tls"), tls)));
            assertEquals("version-exists", assertThrows(CocoatlyException.class, () -> editor.addPackages(
                    List.of(new PackageListing(PackageName.of("tls"), List.of(release("tls", "3.0.0", false, null)))))).code());
            // A name given twice is refused before anything is written.
            PackageListing log = new PackageListing(PackageName.of("log"), List.of(release("log", "0.4.1", false, null)));
            assertEquals("version-exists", assertThrows(CocoatlyException.class, () -> editor.addPackages(
                    List.of(log, log))).code());
            assertFalse(Files.exists(dir.resolve("index/log.json")));
        }
        assertEquals(new PackageListing(PackageName.of("http"), http), read("http"));
        assertEquals(new PackageListing(PackageName.of("tls"), tls), read("tls"));
        assertEquals(List.of(PackageName.of("http"), PackageName.of("tls")), FileRegistry.open(dir).packageNames());
        RegistryEditor.init(other, "t");
        try (RegistryEditor editor = RegistryEditor.open(other)) {
            http.forEach(editor::addRelease);
            tls.forEach(editor::addRelease);
        }
        for (String file : List.of("index/http.json", "index/tls.json", "names.json")) {
            assertEquals(Files.readString(other.resolve(file)), Files.readString(dir.resolve(file)), file);
        }
    }

    @Test
    void theIndexFileIsCanonical() throws IOException {
        RegistryEditor.init(dir, "t");
        try (RegistryEditor editor = RegistryEditor.open(dir)) {
            editor.addRelease(release("log", "0.4.1", false, artifact("log", "0.4.1"), "serde", "^1", "itoa", "~1.0"));
            editor.addRelease(release("log", "0.3.9", true, null));
        }
        String expected = String.join("\n",
                "{",
                "  \"name\": \"log\",",
                "  \"versions\": [",
                "    {",
                "      \"version\": \"0.3.9\",",
                "      \"yanked\": true",
                "    },",
                "    {",
                "      \"version\": \"0.4.1\",",
                "      \"dependencies\": {",
                "        \"itoa\": \"~1.0\",",
                "        \"serde\": \"^1\"",
                "      },",
                "      \"artifact\": {",
                "        \"url\": \"artifacts/log/log-0.4.1.tar.gz\",",
                "        \"size\": 42,",
                "        \"checksums\": {",
                "          \"blake3\": \"" + "b".repeat(64) + "\",",
                "          \"sha256\": \"" + SHA256 + "\",",
                "          \"sha512\": \"" + "c".repeat(128) + "\"",
                "        },",
                "        \"signature\": {",
                "          \"key\": \"ed25519:0011223344556677\",",
                "          \"ed25519\": \"" + SIGNATURE + "\"",
                "        }",
                "      }",
                "    }",
                "  ]",
                "}",
                "");
        assertEquals(expected, Files.readString(dir.resolve("index/log.json")));
    }

    @Test
    void anExistingVersionIsRefusedAlsoWithOtherBuildMetadata() throws IOException {
        RegistryEditor.init(dir, "t");
        try (RegistryEditor editor = RegistryEditor.open(dir)) {
            editor.addRelease(release("tls", "1.0.0+linux", false, null));
            byte[] before = Files.readAllBytes(dir.resolve("index/tls.json"));
            for (String v : List.of("1.0.0+linux", "1.0.0", "1.0.0+mac")) {
                CocoatlyException e = assertThrows(CocoatlyException.class,
                        () -> editor.addRelease(release("tls", v, false, null, "log", "^1")));
                assertEquals("version-exists", e.code());
                assertEquals("version already published: `tls@1.0.0+linux`", e.getMessage());
            }
            assertArrayEquals(before, Files.readAllBytes(dir.resolve("index/tls.json")));
        }
    }

    @Test
    void aRefusedReleaseLeavesItsArtifactFileWhereItWas() throws IOException {
        RegistryEditor.init(dir, "t");
        try (RegistryEditor editor = RegistryEditor.open(dir)) {
            Path first = editor.newTempFile();
            Files.writeString(first, "first");
            editor.addRelease(release("zlib", "1.0.0", false, artifact("zlib", "1.0.0")), first);
            Path target = dir.resolve("artifacts/zlib/zlib-1.0.0.tar.gz");
            assertEquals("first", Files.readString(target));
            assertFalse(Files.exists(first));

            Path second = editor.newTempFile();
            Files.writeString(second, "second");
            assertThrows(CocoatlyException.class,
                    () -> editor.addRelease(release("zlib", "1.0.0", false, artifact("zlib", "1.0.0")), second));
            assertEquals("first", Files.readString(target));
            assertTrue(Files.exists(second), "the caller still owns its temp file");
        }
    }

    /** A web server running as another user must be able to read every file of the registry. */
    @Test
    void everyFileWrittenIsReadableLikeAnyNewFile() throws IOException {
        assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null);
        String plain = mode(Files.createFile(dir.resolve("plain")));
        RegistryEditor.init(dir.resolve("reg"), "t");
        try (RegistryEditor editor = RegistryEditor.open(dir.resolve("reg"))) {
            Path archive = editor.newTempFile();
            Files.writeString(archive, "archive");
            editor.addRelease(release("zlib", "1.0.0", false, artifact("zlib", "1.0.0")), archive);
            assertEquals(plain, mode(dir.resolve("reg/index/zlib.json")));
            Files.setPosixFilePermissions(dir.resolve("reg/index/zlib.json"), PosixFilePermissions.fromString("rw-------"));
            editor.yank(PackageName.of("zlib"), Version.parse("1.0.0"), true);
        }
        assertEquals(plain, mode(dir.resolve("reg/registry.json")));
        assertEquals(plain, mode(dir.resolve("reg/artifacts/zlib/zlib-1.0.0.tar.gz")));
        assertEquals(plain, mode(dir.resolve("reg/index/zlib.json")), "yank rewrites the index file shared too");
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void yankAndUndoChangeOnlyTheFlag() {
        RegistryEditor.init(dir, "t");
        Release original = release("ring", "0.17.0", false, artifact("ring", "0.17.0"), "log", "^0.4");
        try (RegistryEditor editor = RegistryEditor.open(dir)) {
            editor.addRelease(original);
            editor.addRelease(release("ring", "0.16.20", false, null));
            assertTrue(editor.yank(PackageName.of("ring"), Version.parse("0.17.0"), true).yanked());
        }
        Release yanked = read("ring").releases().get(1);
        assertEquals(new Release(original.id(), original.dependencies(), true, original.artifact()), yanked);
        assertFalse(read("ring").releases().get(0).yanked());
        try (RegistryEditor editor = RegistryEditor.open(dir)) {
            editor.yank(PackageName.of("ring"), Version.parse("0.17.0"), false);
        }
        assertEquals(original, read("ring").releases().get(1));
    }

    @Test
    void yankingSomethingThatIsNotThereNamesWhatIs() {
        RegistryEditor.init(dir, "t");
        try (RegistryEditor editor = RegistryEditor.open(dir)) {
            editor.addRelease(release("ring", "0.16.20", false, null));
            CocoatlyException noVersion = assertThrows(CocoatlyException.class,
                    () -> editor.yank(PackageName.of("ring"), Version.parse("0.17.0"), true));
            assertEquals("version-not-found", noVersion.code());
            assertEquals("`ring` has no version `0.17.0` in registry `t`", noVersion.getMessage());
            assertEquals(List.of("published versions: 0.16.20"), noVersion.hints());
            assertEquals("package-not-found", assertThrows(CocoatlyException.class,
                    () -> editor.yank(PackageName.of("md4"), Version.parse("1.0.0"), true)).code());
        }
    }

    @Test
    void openingARegistryThatIsNotThereFails() {
        assertEquals("registry-not-found",
                assertThrows(CocoatlyException.class, () -> RegistryEditor.open(dir.resolve("none"))).code());
    }

    @Test
    void aSecondEditorWaitsForTheLockThenGivesUp() {
        RegistryEditor.init(dir, "t");
        try (RegistryEditor first = RegistryEditor.open(dir)) {
            CocoatlyException e = assertThrows(CocoatlyException.class,
                    () -> RegistryEditor.open(dir, Duration.ofMillis(200)));
            assertEquals("registry-locked", e.code());
            assertEquals("registry `" + dir + "` is being edited by another publisher: still locked after 200 ms",
                    e.getMessage());
        }
        try (RegistryEditor again = RegistryEditor.open(dir, Duration.ofMillis(200))) {
            assertEquals("t", again.name());
        }
    }

    @Test
    void closingTwiceDoesNotLetTwoEditorsIn() {
        RegistryEditor.init(dir, "t");
        RegistryEditor first = RegistryEditor.open(dir);
        first.close();
        first.close();
        try (RegistryEditor second = RegistryEditor.open(dir, Duration.ofMillis(200))) {
            assertEquals("registry-locked", assertThrows(CocoatlyException.class,
                    () -> RegistryEditor.open(dir, Duration.ofMillis(200))).code());
        }
    }

    @Test
    void concurrentPublishersLoseNoRelease() throws Exception {
        RegistryEditor.init(dir, "t");
        int publishers = 8;
        int each = 5;
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                int major = p;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        try (RegistryEditor editor = RegistryEditor.open(dir)) {
                            editor.addRelease(release("bytes", major + "." + i + ".0", false, null));
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(publishers * each, read("bytes").releases().size());
        try (Stream<Path> files = Files.list(dir.resolve("index"))) {
            assertEquals(List.of("bytes.json"), files.map(p -> p.getFileName().toString()).toList(),
                    "no temp file is left behind");
        }
    }

    @Test
    void quotingEscapesWhatJsonRequires() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001é\"", IndexWriter.quote("a\"b\\c\n\u0001é"));
        byte[] json = ("{" + IndexWriter.quote("k") + ": " + IndexWriter.quote("a\"b\\c\n\u0001é") + "}")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals("a\"b\\c\n\u0001é", StrictJson.parse(json, Path.of("x.json"), "test").required("k").string());
    }
}
