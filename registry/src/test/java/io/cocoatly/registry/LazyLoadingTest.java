package io.cocoatly.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Index files are read only when asked for, and at most once, even under concurrent calls. */
class LazyLoadingTest {

    @TempDir
    Path dir;

    /** Counts how often each file is read. */
    static final class CountingSource implements RegistrySource {
        final DirectorySource delegate;
        final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();

        CountingSource(Path root) {
            this.delegate = new DirectorySource(root);
        }

        int reads(String path) {
            return reads.getOrDefault(path, new AtomicInteger()).get();
        }

        @Override
        public String describe(String relativePath) {
            return delegate.describe(relativePath);
        }

        @Override
        public java.net.URI location() {
            return delegate.location();
        }

        @Override
        public Optional<byte[]> read(String relativePath) {
            reads.computeIfAbsent(relativePath, p -> new AtomicInteger()).incrementAndGet();
            return delegate.read(relativePath);
        }

        @Override
        public Optional<List<String>> list(String relativeDirectory) {
            return delegate.list(relativeDirectory);
        }
    }

    private CountingSource source() {
        TempRegistry.in(dir)
                .index("http", "{\"name\": \"http\", \"versions\": [{\"version\": \"1.0.0\", \"dependencies\": {\"tls\": \"^1\"}}]}")
                .index("tls", "{\"name\": \"tls\", \"versions\": [{\"version\": \"1.0.0\"}]}");
        return new CountingSource(dir);
    }

    @Test
    void openReadsOnlyRegistryJson() {
        CountingSource source = source();
        FileRegistry.open(source);
        assertEquals(Map.of("registry.json", 1), counts(source));
    }

    @Test
    void listingReadsNoIndexFile() {
        CountingSource source = source();
        assertEquals(List.of(PackageName.of("http"), PackageName.of("tls")), FileRegistry.open(source).packageNames());
        assertEquals(Map.of("registry.json", 1), counts(source));
    }

    @Test
    void eachFileIsReadOnceAndOnlyWhenAsked() {
        CountingSource source = source();
        FileRegistry registry = FileRegistry.open(source);
        PackageListing first = registry.find(PackageName.of("http")).orElseThrow();
        assertSame(first, registry.find(PackageName.of("http")).orElseThrow());
        assertEquals(1, source.reads("index/http.json"));
        assertEquals(0, source.reads("index/tls.json"));
    }

    @Test
    void missesAreCachedToo() {
        CountingSource source = source();
        FileRegistry registry = FileRegistry.open(source);
        assertEquals(Optional.empty(), registry.find(PackageName.of("nope")));
        assertEquals(Optional.empty(), registry.find(PackageName.of("nope")));
        assertEquals(1, source.reads("index/nope.json"));
    }

    @Test
    void concurrentCallersShareOneRead() throws Exception {
        CountingSource source = source();
        FileRegistry registry = FileRegistry.open(source);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<PackageListing>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return registry.find(PackageName.of("tls")).orElseThrow();
                }));
            }
            start.countDown();
            PackageListing first = results.get(0).get();
            for (Future<PackageListing> f : results) {
                assertSame(first, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, source.reads("index/tls.json"));
    }

    private static Map<String, Integer> counts(CountingSource source) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        source.reads.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }
}
