package io.cocoatly.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.PackageName;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.testkit.StaticHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cold lookup of a deep and wide graph takes about as many sequential round trips as the graph is
 * deep, not as many as it has packages: counted at the server as bursts (the in-flight count rising
 * from 0) while each answer is held a moment, and as the most requests in flight.
 */
class PrefetchTest {

    private static final int DEPTH = 5;
    private static final int WIDTH = 6;
    private static final int MAX_CONCURRENT = 4;

    @TempDir
    Path dir;

    @Test
    void aColdWalkOfTheGraphTakesAboutDepthRoundTrips() throws IOException {
        Path registry = layeredRegistry(dir.resolve("registry"));
        try (StaticHost server = StaticHost.of(registry).holdEachAnswer(100);
             HttpRegistrySource source = RemoteFixture.open(server.uri(), dir.resolve("cache"), CacheMode.NORMAL,
                     RemoteFixture.FAST.withMaxConcurrent(MAX_CONCURRENT))) {
            Set<PackageName> reached = Closure.of(FileRegistry.open(source), List.of("root"));

            int packages = 1 + DEPTH * WIDTH;
            // The figure docs/registry-protocol.md quotes; the assertions below are what must hold.
            System.out.println("prefetch: " + packages + " packages, depth " + DEPTH + ": " + server.bursts()
                    + " sequential round trips, " + server.maxInFlight() + " requests in flight at most");
            assertEquals(packages, reached.size());
            assertEquals(packages + 1, server.requests(), "registry.json and each index file once: " + server.log());
            // registry.json, the root, then one burst per level; a level wider than the pool may need
            // a second one. Without prefetching it would be one burst per package (32).
            int levelsWithSpill = DEPTH * ((WIDTH + MAX_CONCURRENT - 1) / MAX_CONCURRENT);
            assertTrue(server.bursts() <= 2 + levelsWithSpill, "bursts: " + server.bursts());
            assertTrue(server.maxInFlight() >= 2, "requests overlap: " + server.maxInFlight());
            assertTrue(server.maxInFlight() <= MAX_CONCURRENT, "never more than network.max_concurrent_downloads: "
                    + server.maxInFlight());
        }
    }

    /** {@code root} depends on level 1; every package of level k depends on every package of level k+1. */
    private static Path layeredRegistry(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("index"));
        Files.writeString(dir.resolve("registry.json"), "{\"format\": 1, \"name\": \"layers\"}");
        write(dir, "root", 1);
        for (int level = 1; level <= DEPTH; level++) {
            for (int i = 0; i < WIDTH; i++) {
                write(dir, "p" + level + "-" + i, level < DEPTH ? level + 1 : -1);
            }
        }
        return dir;
    }

    private static void write(Path dir, String name, int nextLevel) throws IOException {
        List<String> deps = new ArrayList<>();
        if (nextLevel > 0) {
            for (int i = 0; i < WIDTH; i++) {
                deps.add("\"p" + nextLevel + "-" + i + "\": \"^1.0.0\"");
            }
        }
        Files.writeString(dir.resolve("index/" + name + ".json"), "{\"name\": \"" + name + "\", \"versions\": [{\"version\":"
                + " \"1.0.0\", \"dependencies\": {" + String.join(", ", deps) + "}}]}");
    }
}
