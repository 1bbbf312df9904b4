package io.cocoatly.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code artifacts/.publish-*.part} files: never left behind by a publish that can still clean up, and removed when one could not. */
class PartFilesTest {

    @TempDir
    Path dir;

    @Test
    void theNextEditorRemovesLeftoversOfDeadPublishesAndNothingElse() throws IOException {
        RegistryEditor.init(dir, "t");
        Path artifacts = Files.createDirectories(dir.resolve("artifacts"));
        Path leftover = Files.writeString(artifacts.resolve(".publish-8123456789.part"), "half an archive");
        List<Path> kept = List.of(artifacts.resolve(".publish-x.part"), artifacts.resolve("publish-1.part"),
                artifacts.resolve(".publish-1.part.keep"), Files.createDirectories(artifacts.resolve("http"))
                        .resolve(".publish-2.part"));
        for (Path p : kept) {
            Files.writeString(p, "not ours");
        }
        Path directory = Files.createDirectories(artifacts.resolve(".publish-3.part"));

        try (RegistryEditor editor = RegistryEditor.open(dir)) {
            assertEquals(List.of(leftover), editor.leftoversRemoved());
        }
        assertFalse(Files.exists(leftover));
        kept.forEach(p -> assertTrue(Files.exists(p), p.toString()));
        assertTrue(Files.isDirectory(directory));
        try (RegistryEditor editor = RegistryEditor.open(dir)) {
            assertEquals(List.of(), editor.leftoversRemoved());
        }
    }

    @Test
    void aPartFileNotMovedIntoPlaceIsDeletedWhenTheEditorCloses() throws IOException {
        RegistryEditor.init(dir, "t");
        Path part;
        try (RegistryEditor editor = RegistryEditor.open(dir)) {
            part = editor.newTempFile();
            Files.writeString(part, "packed, then refused");
            assertTrue(part.getFileName().toString().matches("\\.publish-[0-9]+\\.part"), part.toString());
        }
        assertFalse(Files.exists(part));
    }

    @Test
    void aPublisherStoppedByASignalDeletesItsPartFileOnTheWayOut() throws Exception {
        RegistryEditor.init(dir, "t");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RegistryEditorMain.class.getName(), "part", dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            Path part = Path.of(new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))
                    .readLine());
            assertTrue(Files.exists(part));
            // SIGTERM, as `kill` sends; Ctrl-C's SIGINT runs the same shutdown hooks.
            child.destroy();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            assertFalse(Files.exists(part), "the exit hook deleted " + part);
        } finally {
            child.destroyForcibly();
        }
    }
}
