package io.cocoatly.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.CocoatlyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A home is marked when Cocoatly creates it, adopted when an earlier Cocoatly made it, refused otherwise. */
class HomeMarkerTest {

    @TempDir
    Path dir;

    @Test
    void aNewHomeIsMarked() throws IOException {
        Home home = new Home(dir.resolve("a/b")).create();
        assertTrue(Files.readString(home.root().resolve(Home.MARKER)).startsWith("This directory is a Cocoatly home"));
        assertTrue(Files.isDirectory(home.tmpDir()));
    }

    @Test
    void aHomeAnotherProcessIsCreatingIsNotRefused() throws IOException {
        // The other process has written the marker but not yet made tmp/.
        Files.createDirectories(dir.resolve("h"));
        Files.writeString(dir.resolve("h").resolve(Home.MARKER), "");
        Files.createDirectories(dir.resolve("h/packages"));
        new Home(dir.resolve("h")).create();
        assertTrue(Files.isDirectory(dir.resolve("h/tmp")));
    }

    @Test
    void anUnmarkedDirectoryWithOtherFilesIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("u/Documents"));
        Files.writeString(dir.resolve("u/config.json"), "{}");
        CocoatlyException e = assertThrows(CocoatlyException.class, () -> new Home(dir.resolve("u")).create());
        assertEquals("not-a-home", e.code());
        assertTrue(Files.notExists(dir.resolve("u/tmp")));
    }

    @Test
    void markIfAdoptableMarksWhatCreateAcceptsAndLeavesTheRestAsItWas() throws IOException {
        Path ours = Files.createDirectories(dir.resolve("ours/plugins"));
        assertTrue(new Home(ours.getParent()).markIfAdoptable());
        assertTrue(Files.exists(ours.getParent().resolve(Home.MARKER)));

        Files.createDirectories(dir.resolve("users/audit"));
        Files.writeString(dir.resolve("users/config.json"), "{}");
        assertFalse(new Home(dir.resolve("users")).markIfAdoptable());
        assertTrue(Files.notExists(dir.resolve("users").resolve(Home.MARKER)));
        assertTrue(Files.notExists(dir.resolve("users/tmp")), "nothing created in a home it does not take");
    }

    @Test
    void anEarlierHomeIsAdoptedByItsStateOrItsLock() throws IOException {
        for (String file : new String[] {"state.json", "cocoatly.lock"}) {
            Path root = dir.resolve("old-" + file);
            Files.createDirectories(root.resolve("my-keys"));
            Files.writeString(root.resolve(file), "");
            new Home(root).create();
            assertTrue(Files.exists(root.resolve(Home.MARKER)), file);
        }
    }

    @Test
    void anEmptyPathOrANulIsNotAHome() {
        assertThrows(IllegalArgumentException.class, () -> new Home(Path.of("")));
        assertEquals(new Home(Path.of("/x/.cocoatly")), Home.locate(java.util.Map.of(Home.ENV, " "), Path.of("/x")));
    }
}
