package io.cocoatly.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.InvalidFileException;
import io.cocoatly.model.PackageName;
import io.cocoatly.registry.ManifestEditor.Section;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each edit against a pair of files, {@code editor/NAME.before.json} and {@code NAME.after.json}: the
 * after file is exactly what a person would have written. Regenerate the after files with
 * -Dcocoatly.regenerate=true (testkit's GoldenFile cannot be used here: testkit depends on registry).
 */
class ManifestEditorTest {

    private static final Path DIR = Path.of("src/test/resources/editor");

    private static PackageName name(String name) {
        return PackageName.of(name);
    }

    private static final Map<String, UnaryOperator<ManifestEditor>> EDITS = Map.ofEntries(
            Map.entry("add-sorted", e -> e.with(Section.DEPENDENCIES, name("http"), "^1.2")),
            Map.entry("add-unsorted-tabs", e -> e.with(Section.DEPENDENCIES, name("json"), "^1")),
            Map.entry("replace-compact", e -> e.with(Section.DEPENDENCIES, name("tls"), ">=2.2, <3")),
            Map.entry("add-dev-section-crlf", e -> e.with(Section.DEV_DEPENDENCIES, name("test-kit"), "^2")),
            Map.entry("add-section-one-line", e -> e.with(Section.DEPENDENCIES, name("http"), "^1")),
            Map.entry("remove-middle", e -> e.without(name("b"))),
            Map.entry("remove-last", e -> e.without(name("c"))),
            Map.entry("remove-only", e -> e.without(name("test-kit"))),
            Map.entry("move-to-dev", e -> e.with(Section.DEV_DEPENDENCIES, name("http"), "^1.1")),
            Map.entry("add-to-empty", e -> e.with(Section.DEPENDENCIES, name("log"), "^0.4")));

    static Stream<String> cases() {
        return EDITS.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void editsLikeAPerson(String name) throws IOException {
        Path before = DIR.resolve(name + ".before.json");
        String edited = EDITS.get(name).apply(ManifestEditor.read(before)).text();
        Path after = DIR.resolve(name + ".after.json");
        if (Boolean.getBoolean("cocoatly.regenerate")) {
            Files.writeString(after, edited);
        }
        assertEquals(Files.readString(after), edited);
    }

    @Test
    void theEditedTextReadsAsTheEditedManifest() {
        ManifestEditor editor = ManifestEditor.read(DIR.resolve("move-to-dev.before.json"))
                .with(Section.DEV_DEPENDENCIES, name("http"), "^1.1");
        assertEquals(List.of(), editor.manifest().dependencies());
        assertEquals(List.of(Dependency.parse("http", "^1.1"), Dependency.parse("test-kit", "^2")),
                editor.manifest().devDependencies());
        assertEquals(Optional.of(new ManifestEditor.Entry(Section.DEV_DEPENDENCIES, Dependency.parse("http", "^1.1"))),
                editor.find(name("http")));
        assertEquals(Optional.empty(), editor.find(name("tls")));
    }

    @Test
    void aWorkspaceRootsOwnPackageLosesOnlyItsWorkspaceSection(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cocoatly.json");
        Files.writeString(file, "{\n  \"name\": \"suite\",\n  \"workspace\": {\"members\": [\"libs/*\"]},\n"
                + "  \"version\": \"1.0.0\",\n    \"dependencies\": {\"core\": \"*\"}\n}\n");
        ManifestEditor root = ManifestEditor.readRootPackage(file).withoutWorkspace();
        assertEquals("{\n  \"name\": \"suite\",\n  \"version\": \"1.0.0\",\n    \"dependencies\": {\"core\": \"*\"}\n}\n",
                root.text());
        assertEquals("suite@1.0.0", root.manifest().id().toString());
        // Last in the file: the separator before it goes with it.
        Files.writeString(file, "{\"name\": \"suite\", \"version\": \"1.0.0\", \"workspace\": {\"members\": []}}");
        assertEquals("{\"name\": \"suite\", \"version\": \"1.0.0\"}", ManifestEditor.readRootPackage(file).withoutWorkspace().text());
        Files.writeString(file, "{\"name\": \"plain\", \"version\": \"1.0.0\"}");
        assertThrows(IllegalStateException.class, () -> ManifestEditor.read(file).withoutWorkspace());
    }

    @Test
    void aByteOrderMarkIsSkippedAndKept(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cocoatly.json");
        Files.writeString(file, "\uFEFF{\n  \"name\": \"app\",\n  \"version\": \"1.0.0\"\n}\n");
        ManifestEditor.read(file).with(Section.DEPENDENCIES, name("http"), "^1").write();
        assertEquals("\uFEFF{\n  \"name\": \"app\",\n  \"version\": \"1.0.0\",\n  \"dependencies\": {\n    \"http\": \"^1\"\n  }\n}\n",
                Files.readString(file));
        assertEquals(List.of(Dependency.parse("http", "^1")), Manifests.read(file).dependencies());
    }

    @Test
    void aLinkedManifestIsEditedThroughTheLinkAndKeepsItsMode(@TempDir Path dir) throws IOException {
        Path real = dir.resolve("dotfiles/cocoatly.json");
        Files.createDirectories(real.getParent());
        Files.writeString(real, "{\"name\": \"app\", \"version\": \"1.0.0\"}\n");
        Files.setPosixFilePermissions(real, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        Path link = Files.createSymbolicLink(dir.resolve("cocoatly.json"), real);
        ManifestEditor.read(link).with(Section.DEPENDENCIES, name("http"), "^1").write();
        assertTrue(Files.isSymbolicLink(link), "the link was replaced by a file");
        assertEquals(List.of(Dependency.parse("http", "^1")), Manifests.read(real).dependencies());
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
    }

    @Test
    void aFileTheReaderRefusesIsNotEdited(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cocoatly.json");
        Files.writeString(file, "{\"name\": \"app\", \"version\": \"1.0\"}\n");
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> ManifestEditor.read(file));
        assertEquals(assertThrows(InvalidFileException.class, () -> Manifests.read(file)).getMessage(), e.getMessage());
        CocoatlyException missing = assertThrows(CocoatlyException.class, () -> ManifestEditor.read(dir.resolve("none.json")));
        assertEquals("manifest-not-found", missing.code());
    }

    @Test
    void anInvalidRequirementIsTheReadersError() {
        ManifestEditor editor = ManifestEditor.read(DIR.resolve("add-sorted.before.json"));
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> editor.with(Section.DEPENDENCIES, name("http"), ">=1 <<2"));
        assertEquals("$.dependencies.http", e.jsonPath());
    }

    @Test
    void removingANameThatIsNotThereNamesIt() {
        ManifestEditor editor = ManifestEditor.read(DIR.resolve("remove-middle.before.json"));
        CocoatlyException e = assertThrows(CocoatlyException.class, () -> editor.without(name("d")));
        assertEquals("not-a-dependency", e.code());
        assertEquals("`d` is not a dependency in `" + DIR.resolve("remove-middle.before.json") + "`", e.getMessage());
        assertEquals(List.of("did you mean `a`?"), e.hints());
        CocoatlyException far = assertThrows(CocoatlyException.class, () -> editor.without(name("zlib-ng")));
        assertEquals(List.of("its dependencies are `a`, `b` and `c`"), far.hints());
    }

    @Test
    void writeReplacesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cocoatly.json");
        Files.copy(DIR.resolve("add-sorted.before.json"), file);
        ManifestEditor edited = ManifestEditor.read(file).with(Section.DEPENDENCIES, name("http"), "^1.2");
        edited.write();
        assertEquals(edited.text(), Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(List.of(file), Files.list(dir).toList(), "no temp file left behind");
    }

    @Test
    void aWorkspaceRootsOwnPackageIsEditedAndItsWorkspaceSectionKept(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cocoatly.json");
        String text = "{\n  \"name\": \"app\",\n  \"version\": \"1.0.0\",\n  \"workspace\": {\"members\": [\"libs/*\"]}\n}\n";
        Files.writeString(file, text);
        assertThrows(InvalidFileException.class, () -> ManifestEditor.read(file), "not a package's manifest");
        ManifestEditor edited = ManifestEditor.readRootPackage(file).with(Section.DEPENDENCIES, name("http"), "^1")
                .without(name("http")).with(Section.DEV_DEPENDENCIES, name("log"), "^0.4");
        assertEquals(List.of(Dependency.parse("log", "^0.4")), edited.manifest().devDependencies());
        assertTrue(edited.text().contains("\"workspace\": {\"members\": [\"libs/*\"]}"), edited.text());

        Files.writeString(file, "{\"workspace\": {\"members\": [\"libs/*\"]}}\n");
        assertThrows(InvalidFileException.class, () -> ManifestEditor.readRootPackage(file), "a workspace only has no package");
    }
}
