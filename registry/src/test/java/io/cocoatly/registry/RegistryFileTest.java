package io.cocoatly.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.InvalidFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a registry: {@code registry.json} is read eagerly and checked before anything else. */
class RegistryFileTest {

    @TempDir
    Path dir;

    private InvalidFileException error(String registryJson) {
        TempRegistry registry = TempRegistry.in(dir).file("registry.json", registryJson);
        return assertThrows(InvalidFileException.class, registry::open);
    }

    @Test
    void readsTheName() {
        assertEquals("tiny", TempRegistry.in(dir).open().name());
    }

    @Test
    void unknownKeysAreIgnoredForForwardCompatibility() {
        TempRegistry registry = TempRegistry.in(dir)
                .file("registry.json", "{\"format\": 1, \"name\": \"tiny\", \"mirrors\": [\"x\"]}");
        assertEquals("tiny", registry.open().name());
    }

    @Test
    void unknownFormatNamesFileValueAndSupportedFormat() {
        InvalidFileException e = error("{\"format\": 2}");
        assertEquals(dir.resolve("registry.json") + ": $.format: unsupported registry format `2`: this version of "
                + "cocoatly reads format 1", e.getMessage());
        assertEquals("unsupported-registry-format", e.code());
        assertEquals(List.of("a newer cocoatly may read this registry; check for an update"), e.hints());
    }

    @Test
    void formatMustBeAnInteger() {
        assertEquals(dir.resolve("registry.json") + ": $.format: expected an integer, found a string",
                error("{\"format\": \"1\", \"name\": \"tiny\"}").getMessage());
    }

    @Test
    void nameIsRequiredAndNotBlank() {
        assertEquals(dir.resolve("registry.json") + ": $: missing required key `name`",
                error("{\"format\": 1}").getMessage());
        assertEquals(dir.resolve("registry.json") + ": $.name: the registry name must not be empty",
                error("{\"format\": 1, \"name\": \" \"}").getMessage());
    }

    @Test
    void malformedRegistryJson() {
        assertEquals(dir.resolve("registry.json") + ": $: malformed JSON at line 1, column 2: expected a key in "
                + "double quotes, found `'`: JSON strings take double quotes", error("{'format': 1}").getMessage());
    }

    @Test
    void missingRegistryJson() {
        CocoatlyException e = assertThrows(CocoatlyException.class, () -> FileRegistry.open(dir));
        assertEquals("registry-not-found", e.code());
        assertEquals("no registry at `" + dir + "`: `registry.json` is missing", e.getMessage());
    }

    @Test
    void missingDirectory() {
        CocoatlyException e = assertThrows(CocoatlyException.class, () -> FileRegistry.open(dir.resolve("nope")));
        assertEquals("no registry at `" + dir.resolve("nope") + "`: not a directory", e.getMessage());
    }

    @Test
    void registryWithoutIndexDirectoryIsEmpty() {
        FileRegistry registry = TempRegistry.in(dir).open();
        assertEquals(List.of(), registry.packageNames());
    }
}
