package io.cocoatly.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.CocoatlyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeTest {

    @Test
    void cocoatlyHomeWins(@TempDir Path dir) {
        Home home = Home.locate(Map.of("COCOATLY_HOME", dir.resolve("h/../home").toString()), Path.of("/nonexistent-user"));
        assertEquals(dir.resolve("home"), home.root());
        assertEquals(dir.resolve("home/config.json"), home.configFile());
        assertEquals(dir.resolve("home/state.json"), home.stateFile());
        assertEquals(dir.resolve("home/cocoatly.lock"), home.lockFile());
        assertEquals(dir.resolve("home/packages"), home.packagesDir());
        assertEquals(dir.resolve("home/cache"), home.cacheDir());
        assertEquals(dir.resolve("home/plugins"), home.pluginsDir());
        assertEquals(dir.resolve("home/tmp"), home.tmpDir());
    }

    @Test
    void withoutTheVariableTheHomeIsDotCocoatlyInTheUserHome(@TempDir Path dir) {
        assertEquals(dir.resolve(".cocoatly"), Home.locate(Map.of(), dir).root());
        assertEquals(dir.resolve(".cocoatly"), Home.locate(Map.of("COCOATLY_HOME", "  "), dir).root());
    }

    @Test
    void noHomeAtAllIsAClearError() {
        CocoatlyException e = assertThrows(CocoatlyException.class, () -> Home.locate(Map.of(), null));
        assertEquals("no-home", e.code());
        assertEquals("cannot find the Cocoatly home: `COCOATLY_HOME` is not set and the user home directory is unknown",
                e.getMessage());
    }

    @Test
    void createMakesTheHomeAndItsStagingArea(@TempDir Path dir) {
        Home home = new Home(dir.resolve("a/b")).create();
        assertTrue(Files.isDirectory(home.tmpDir()));
    }
}
