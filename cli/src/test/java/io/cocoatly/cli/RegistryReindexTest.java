package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocoatly.testkit.GoldenFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cocoatly registry reindex DIR}, and {@code registry init}'s empty {@code names.json}. */
class RegistryReindexTest {

    private static final Path SAMPLE = GoldenFile.repo().resolve("testdata/registry");

    @TempDir
    Path temp;

    /** The sample registry's registry.json and index files, as an older version wrote them: no names.json. */
    private Path olderSample() throws IOException {
        Path reg = temp.resolve("reg");
        Files.createDirectories(reg.resolve("index"));
        Files.copy(SAMPLE.resolve("registry.json"), reg.resolve("registry.json"));
        try (Stream<Path> files = Files.list(SAMPLE.resolve("index"))) {
            files.forEach(f -> copy(f, reg.resolve("index").resolve(f.getFileName())));
        }
        return reg;
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void writesTheNamesOfTheIndexFiles() throws IOException {
        Path reg = olderSample();
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("registry", "reindex", "reg");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        GoldenFile.assertMatches("registry/reindex", r.out().replace(temp.toString(), "<temp>"));
        assertEquals(Files.readString(SAMPLE.resolve("names.json")), Files.readString(reg.resolve("names.json")));
    }

    @Test
    void jsonListsTheNames() throws IOException {
        olderSample();
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("registry", "reindex", "reg", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode data = Json.mapper().readTree(r.out()).get("data");
        assertEquals(temp.resolve("reg").toString(), data.get("registry").asText());
        assertEquals(35, data.get("names").size());
        assertEquals("archive", data.get("names").get(0).asText());
    }

    @Test
    void aDirectoryThatIsNoRegistryIsRefused() throws IOException {
        Files.createDirectories(temp.resolve("empty"));
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("registry", "reindex", "empty");
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("error: no registry at `" + temp.resolve("empty") + "`: `registry.json` is missing\n"
                + "hint: a registry is a directory with `registry.json` and `index/<name>.json` files\n", r.err());
        assertEquals(List.of(), List.of(temp.resolve("empty").toFile().list()));
    }

    @Test
    void initWritesAnEmptyNameList() throws IOException {
        CliRunner.Result r = new CliRunner(temp, Map.of()).run("registry", "init", "new", "--name", "team");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("{\n  \"names\": []\n}\n", Files.readString(temp.resolve("new/names.json")));
    }
}
