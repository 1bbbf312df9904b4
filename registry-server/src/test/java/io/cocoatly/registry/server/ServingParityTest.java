package io.cocoatly.registry.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.testkit.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No client can tell a server reading a {@link RegistryFiles} from one reading the directory: for
 * every file of the sample registry (and some paths that are no file), with and without gzip,
 * {@code HEAD}, and both conditional requests, the status, the body's bytes and every header but
 * {@code Date} are the same from both.
 */
class ServingParityTest {

    @TempDir
    static Path dir;

    private static Path registry;
    private static RegistryServer directory;
    private static RegistryServer throughFiles;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws IOException {
        registry = dir.resolve("registry");
        copy(TestData.path("testdata/registry"), registry);
        directory = RegistryServer.start(registry, ServerOptions.defaults(), AccessLog.NONE);
        throughFiles = RegistryServer.start(MemoryFiles.copyOf(registry), new DirectoryBackend(registry), ServerOptions.defaults(),
                AccessLog.NONE);
    }

    @AfterAll
    static void stop() {
        directory.close();
        throughFiles.close();
    }

    @Test
    void everyFileOfTheSampleRegistryIsAnsweredAlike() throws IOException {
        List<String> paths = new ArrayList<>(List.of("index/nope.json", "artifacts/http/http-0.0.1.tar.gz", "README.md", "index/"));
        try (Stream<Path> all = Files.walk(registry)) {
            all.filter(Files::isRegularFile).map(p -> registry.relativize(p).toString()).filter(p -> !p.startsWith("."))
                    .sorted().forEach(paths::add);
        }
        assertTrue(paths.size() > 100, "the sample registry has its files: " + paths.size());
        int compared = 0;
        for (String path : paths) {
            HttpResponse<byte[]> plain = get(directory, path, "GET");
            String etag = plain.headers().firstValue("etag").orElse("\"none\"");
            String modified = plain.headers().firstValue("last-modified").orElse("Thu, 1 Jan 1970 00:00:00 GMT");
            List<String[]> variants = List.of(new String[0], new String[] {"Accept-Encoding", "gzip"},
                    new String[] {"If-None-Match", etag}, new String[] {"If-Modified-Since", modified},
                    new String[] {"Accept-Encoding", "gzip", "If-None-Match", etag});
            for (String method : List.of("GET", "HEAD")) {
                for (String[] headers : variants) {
                    HttpResponse<byte[]> want = get(directory, path, method, headers);
                    HttpResponse<byte[]> got = get(throughFiles, path, method, headers);
                    String what = method + " " + path + " " + String.join(" ", headers);
                    assertEquals(want.statusCode(), got.statusCode(), what);
                    assertArrayEquals(want.body(), got.body(), what);
                    assertEquals(headers(want), headers(got), what);
                    compared++;
                }
            }
        }
        assertEquals(paths.size() * 10, compared);
        // The registry.json both serve names the API, which the sample's file does not.
        assertTrue(new String(get(throughFiles, "registry.json", "GET").body(), java.nio.charset.StandardCharsets.UTF_8)
                .contains("\"api\": \"api/v1/\""));
    }

    private static Map<String, List<String>> headers(HttpResponse<?> r) {
        Map<String, List<String>> headers = new TreeMap<>();
        r.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        headers.remove("date");
        return headers;
    }

    private static HttpResponse<byte[]> get(RegistryServer server, String path, String method, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.url().resolve(path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
