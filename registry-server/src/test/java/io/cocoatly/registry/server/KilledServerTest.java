package io.cocoatly.registry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.artifact.Ed25519SigningKey;
import io.cocoatly.registry.RegistryEditor;
import io.cocoatly.testkit.TestRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server SIGKILLed while publishes are in flight leaves no index entry without its archive: the
 * archive is stored (synced and renamed) before the index file is replaced. Each round keeps four
 * clients publishing back to back, so the server is nearly always inside a publish when it is
 * killed; the kill moment varies by round. Then a new server on the same directory publishes again
 * (the dead server's lock went with it).
 */
class KilledServerTest {

    @TempDir
    Path dir;

    @Test
    void aKilledServerLeavesNoIndexEntryWithoutItsArchive() throws Exception {
        Path registry = dir.resolve("registry");
        RegistryEditor.init(registry, "team");
        DirectoryBackend backend = new DirectoryBackend(registry);
        Ed25519SigningKey key = TestRegistry.newKey(dir.resolve("keys"));
        backend.addUser("alice", key.publicKey());
        String token = backend.createToken("alice", EnumSet.allOf(Scope.class), List.of("*"), Optional.empty()).text();
        // A fixture only to build bodies; its own server is not used.
        try (ServerFixture bodies = new ServerFixture(dir.resolve("bodies"))) {
            AtomicInteger next = new AtomicInteger();
            int published = 0;
            for (int round = 0; round < 3; round++) {
                Process child = start(registry);
                URI url = URI.create(new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))
                        .readLine());
                HttpClient http = HttpClient.newHttpClient();
                AtomicInteger ok = new AtomicInteger();
                ExecutorService clients = Executors.newFixedThreadPool(4);
                for (int c = 0; c < 4; c++) {
                    clients.submit(() -> {
                        while (child.isAlive()) {
                            int n = next.getAndIncrement();
                            byte[] body = bodies.body("http", "1." + n + ".0", Map.of(), key);
                            try {
                                HttpResponse<String> r = http.send(HttpRequest.newBuilder(url.resolve("api/v1/packages/new"))
                                        .header("Authorization", "Bearer " + token)
                                        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                                if (r.statusCode() == 200) {
                                    ok.incrementAndGet();
                                }
                            } catch (IOException e) {
                                return null;
                            }
                        }
                        return null;
                    });
                }
                // Kill after a few publishes went through, a different number each round.
                while (ok.get() < 1 + round * 2 && child.isAlive()) {
                    Thread.sleep(5);
                }
                child.destroyForcibly().waitFor();
                clients.shutdown();
                assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
                List<String> versions = Consistency.check(registry, "http");
                assertTrue(versions.size() >= published + ok.get(), "a version answered 200 is kept: " + versions);
                published = versions.size();
            }
            // A new server on the same directory goes on publishing.
            Process child = start(registry);
            try {
                URI url = URI.create(new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))
                        .readLine());
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("api/v1/packages/new"))
                        .header("Authorization", "Bearer " + token)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(bodies.body("http", "9.0.0", Map.of(), key))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), r.body());
            } finally {
                child.destroyForcibly().waitFor();
            }
            assertEquals(published + 1, Consistency.check(registry, "http").size());
        }
    }

    private static Process start(Path registry) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ServeMain.class.getName(),
                registry.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
