package io.cocoatly.registry.http;

import io.cocoatly.testkit.TestData;
import io.cocoatly.transport.BearerToken;
import io.cocoatly.transport.TransportOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.stream.Stream;

/** What the client's tests share: a copy of the sample registry's index, and quick transport options. */
final class RemoteFixture {

    /** Short timeouts and backoffs, one retry. */
    static final TransportOptions FAST = TransportOptions.defaults().withRetries(1)
            .withBackoff(Duration.ofMillis(1), Duration.ofMillis(2)).withTimeout(Duration.ofSeconds(2));

    private RemoteFixture() {
    }

    /** {@code testdata/registry}'s {@code registry.json} and {@code index/} copied into {@code dir}. */
    static Path sampleRegistry(Path dir) {
        Path source = TestData.path("testdata/registry");
        try {
            Files.createDirectories(dir.resolve("index"));
            Files.copy(source.resolve("registry.json"), dir.resolve("registry.json"));
            try (Stream<Path> files = Files.list(source.resolve("index"))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.copy(f, dir.resolve("index").resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpRegistrySource open(URI base, Path cache, CacheMode mode, TransportOptions transport) {
        return (HttpRegistrySource) RegistryLocations.open(base.toString(), "cocoatly test",
                new RemoteOptions(cache, transport, mode));
    }

    static TransportOptions withToken(URI base, String token) {
        return FAST.withToken(BearerToken.forOrigin(base, token));
    }
}
