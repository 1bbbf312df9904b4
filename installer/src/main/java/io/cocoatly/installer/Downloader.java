package io.cocoatly.installer;

import io.cocoatly.artifact.VerificationPolicy;
import io.cocoatly.artifact.VerificationException;
import io.cocoatly.artifact.DigestSink;
import io.cocoatly.artifact.Checksums;
import io.cocoatly.artifact.ArtifactVerifier;
import io.cocoatly.transport.Cancellation;
import io.cocoatly.transport.DownloadFailure;
import io.cocoatly.transport.DownloadOptions;
import io.cocoatly.transport.Backoff;
import io.cocoatly.transport.Transport;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.PackageId;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Downloads artifacts into the content-addressed cache, verified: the metadata (required digests,
 * signature) is checked before the first byte is fetched, the body is hashed while it streams into
 * a temporary file, and only a file whose size and every digest match is renamed into the cache.
 *
 * <p>Up to {@link DownloadOptions#maxConcurrent()} artifacts download at once. Connection errors,
 * timeouts, truncated bodies, 5xx, 408 and 429 are retried with exponential backoff and jitter (or
 * the server's {@code Retry-After}); other 4xx, bodies longer than the declared size and digest
 * mismatches are not. Thread-safe; close it to release threads and connections.
 */
public final class Downloader implements AutoCloseable {

    private final ArtifactCache cache;
    private final DownloadOptions options;
    private final ArtifactVerifier verifier;
    private final Backoff backoff;
    private final Transport transport;
    private final ExecutorService pool;

    /**
     * @param cacheDir the cache directory ({@code cache.dir}); created when first written
     */
    public Downloader(Path cacheDir, DownloadOptions options, VerificationPolicy policy) {
        this.cache = new ArtifactCache(cacheDir);
        this.options = options;
        this.verifier = new ArtifactVerifier(policy);
        this.backoff = new Backoff(options);
        this.transport = new Transport(options);
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(options.maxConcurrent(), r -> {
            Thread t = new Thread(r, "cocoatly-download-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Downloads one artifact in the calling thread.
     *
     * @return the verified artifact in the cache
     * @throws VerificationException if the metadata or the bytes fail a check
     * @throws DownloadException     if the bytes cannot be fetched
     */
    public DownloadedArtifact download(DownloadRequest request, DownloadListener listener) {
        try {
            return fetch(request, listener, Cancellation.never());
        } catch (Cancelled c) {
            throw new AssertionError("a single download is never cancelled", c);
        }
    }

    /**
     * Downloads many artifacts concurrently. With {@link OnFailure#STOP} the first failure cancels
     * the downloads in flight (reported as skipped) and starts no more; with {@link OnFailure#CONTINUE}
     * every artifact is attempted. Never throws for a failed artifact: see the result.
     *
     * @throws IllegalArgumentException if two requests are for the same package
     */
    public DownloadResults downloadAll(List<DownloadRequest> requests, OnFailure onFailure, DownloadListener listener) {
        Set<PackageId> ids = new HashSet<>();
        for (DownloadRequest r : requests) {
            if (!ids.add(r.id())) {
                throw new IllegalArgumentException("two requests for " + r.id());
            }
        }
        Cancellation cancellation = new Cancellation();
        ExecutorCompletionService<DownloadedArtifact> done = new ExecutorCompletionService<>(pool);
        Map<Future<DownloadedArtifact>, PackageId> futures = new HashMap<>();
        for (DownloadRequest r : requests) {
            futures.put(done.submit(() -> {
                if (cancellation.isCancelled()) {
                    throw new Cancelled();
                }
                return fetch(r, listener, cancellation);
            }), r.id());
        }
        Map<PackageId, DownloadedArtifact> downloaded = new HashMap<>();
        Map<PackageId, CocoatlyException> failed = new HashMap<>();
        Set<PackageId> skipped = new HashSet<>();
        try {
            for (int i = 0; i < requests.size(); i++) {
                Future<DownloadedArtifact> f = done.take();
                PackageId id = futures.get(f);
                try {
                    downloaded.put(id, f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Cancelled) {
                        skipped.add(id);
                    } else if (e.getCause() instanceof CocoatlyException) {
                        failed.put(id, (CocoatlyException) e.getCause());
                        if (onFailure == OnFailure.STOP) {
                            cancellation.cancel();
                        }
                    } else {
                        cancellation.cancel();
                        throw new IllegalStateException("download of " + id + " failed unexpectedly", e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            cancellation.cancel();
            futures.keySet().forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new CocoatlyException("interrupted", "downloads were interrupted", List.of());
        }
        return new DownloadResults(inRequestOrder(requests, downloaded), inRequestOrder(requests, failed), skipped);
    }

    private DownloadedArtifact fetch(DownloadRequest request, DownloadListener listener, Cancellation cancellation)
            throws Cancelled {
        PackageId id = request.id();
        long size = request.artifact().size();
        listener.started(id, size);
        try {
            Checksums expected = verifier.checkMetadata(id, request.artifact());
            Path target = cache.pathFor(expected);
            Optional<Checksums> hit = cache.verifiedHit(target, size, expected);
            if (hit.isPresent()) {
                DownloadedArtifact result = new DownloadedArtifact(id, target, size, hit.get(), true, 0);
                listener.finished(id, result);
                return result;
            }
            DownloadedArtifact result = fetchWithRetries(request, expected, target, listener, cancellation);
            listener.finished(id, result);
            return result;
        } catch (Cancelled c) {
            listener.failed(id, new DownloadException("download-cancelled", id, "another download failed first", 0,
                    List.of(), null));
            throw c;
        } catch (CocoatlyException e) {
            listener.failed(id, e);
            throw e;
        } catch (UncheckedIOException e) {
            DownloadException error = new DownloadException("cache-error", id, "writing the cache failed: "
                    + e.getCause().getMessage(), 0, List.of("check free space and permissions of `cache.dir`"), e);
            listener.failed(id, error);
            throw error;
        }
    }

    private DownloadedArtifact fetchWithRetries(DownloadRequest request, Checksums expected, Path target,
                                                DownloadListener listener, Cancellation cancellation) throws Cancelled {
        PackageId id = request.id();
        long size = request.artifact().size();
        int attempts = options.retries() + 1;
        for (int attempt = 1; ; attempt++) {
            if (cancellation.isCancelled()) {
                throw new Cancelled();
            }
            Path tmp = cache.newTemp();
            try {
                DigestSink sink;
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
                    sink = DigestSink.tee(expected.algorithms(), out);
                    transport.fetch(request.url(), size, sink, bytes -> listener.progress(id, bytes, size), cancellation);
                }
                if (sink.size() < size) {
                    throw new DownloadFailure.Retryable("truncated body: " + sink.size() + " of " + size + " bytes",
                            Optional.empty(), null);
                }
                verifier.checkContent(id, size, expected, sink.size(), sink.checksums());
                cache.commit(tmp, target);
                return new DownloadedArtifact(id, target, size, sink.checksums(), false, attempt);
            } catch (DownloadFailure.Retryable e) {
                if (cancellation.isCancelled()) {
                    throw new Cancelled();
                }
                if (attempt == attempts) {
                    throw new DownloadException("download-failed", id, e.reason() + " (gave up after " + attempts
                            + " attempts)", attempts, List.of("check the network and the registry, then try again",
                            "`network.retries` and `network.timeout_seconds` set how hard to try"), e.getCause());
                }
                Duration delay = backoff.delay(attempt, e.retryAfter());
                listener.retried(id, attempt, delay, e.reason());
                sleep(delay);
            } catch (DownloadFailure.Fatal e) {
                throw new DownloadException(e.code(), id, e.reason(), attempt, e.hints(), e.getCause());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                deleteQuietly(tmp);
            }
        }
    }

    private static void sleep(Duration d) throws Cancelled {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled();
        }
    }

    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            // A leftover under cache/tmp is harmless (never read) and removed by the next cleanup.
        }
    }

    private static <T> Map<PackageId, T> inRequestOrder(List<DownloadRequest> requests, Map<PackageId, T> map) {
        Map<PackageId, T> out = new LinkedHashMap<>();
        for (DownloadRequest r : requests) {
            if (map.containsKey(r.id())) {
                out.put(r.id(), map.get(r.id()));
            }
        }
        return out;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        transport.close();
    }

    /** This artifact was stopped because another one of its batch failed. */
    private static final class Cancelled extends Exception {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super(null, null, false, false);
        }
    }
}
