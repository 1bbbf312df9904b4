package io.cocoatly.installer;

import io.cocoatly.artifact.VerificationPolicy;
import io.cocoatly.artifact.VerificationException;
import io.cocoatly.artifact.DigestSink;
import io.cocoatly.artifact.Checksums;
import io.cocoatly.artifact.ArtifactVerifier;
import io.cocoatly.transport.Cancellation;
import io.cocoatly.transport.GetOutcome;
import io.cocoatly.transport.GetRequest;
import io.cocoatly.transport.Transport;
import io.cocoatly.transport.TransportException;
import io.cocoatly.transport.TransportOptions;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p>Up to {@link TransportOptions#maxConcurrent()} artifacts download at once. The {@link Transport}
 * retries connection errors, timeouts, truncated bodies, 5xx, 408 and 429 (each retry reported as
 * {@link DownloadListener#retried}); other 4xx, bodies longer than the declared size and digest
 * mismatches are not retried. Thread-safe; close it to release threads and connections.
 */
public final class Downloader implements AutoCloseable {

    private final ArtifactCache cache;
    private final ArtifactVerifier verifier;
    private final Transport transport;
    private final ExecutorService pool;
    // The cache entries fetched: kept from eviction until close(), after they were unpacked.
    private final List<CacheLocks.Lease> leases = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    /**
     * @param cacheDir the cache directory ({@code cache.dir}); created when first written
     */
    public Downloader(Path cacheDir, TransportOptions options, VerificationPolicy policy) {
        this.cache = new ArtifactCache(cacheDir);
        this.verifier = new ArtifactVerifier(policy);
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
            throw new CocoatlyException(ErrorKind.FAILED, "interrupted", "downloads were interrupted", List.of());
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
            leases.add(cache.lease(target));
            Optional<Checksums> hit = cache.verifiedHit(target, size, expected);
            if (hit.isPresent()) {
                cache.touch(target);
                DownloadedArtifact result = new DownloadedArtifact(id, target, size, hit.get(), true, 0);
                listener.finished(id, result);
                return result;
            }
            DownloadedArtifact result = fetchVerified(request, expected, target, listener, cancellation);
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
                    + IoFailures.describe(e, cache.root()), 0, List.of("check free space and permissions of `cache.dir`"), e);
            listener.failed(id, error);
            throw error;
        }
    }

    private DownloadedArtifact fetchVerified(DownloadRequest request, Checksums expected, Path target,
                                             DownloadListener listener, Cancellation cancellation) throws Cancelled {
        PackageId id = request.id();
        long size = request.artifact().size();
        Path tmp = cache.newTemp();
        try {
            HashingFile body = new HashingFile(tmp, expected.algorithms());
            GetOutcome outcome = transport.get(GetRequest.exactly(request.url(), size), body,
                    new DownloadEvents(id, size, listener), cancellation);
            DigestSink sink = body.last();
            verifier.checkContent(id, size, expected, sink.size(), sink.checksums());
            cache.commit(tmp, target);
            return new DownloadedArtifact(id, target, size, sink.checksums(), false, outcome.attempts());
        } catch (TransportException e) {
            throw downloadException(id, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** The transport's failure as this artifact's, with advice that fits an artifact. */
    private static DownloadException downloadException(PackageId id, TransportException e) throws Cancelled {
        switch (e.reason()) {
            case CANCELLED:
                throw new Cancelled();
            case TARGET:
                // The target is the cache's temp file: reported as `cache-error` by fetch().
                throw new UncheckedIOException((IOException) e.getCause());
            case HTTP_STATUS:
                int status = e.status().orElse(0);
                return new DownloadException(e.code(), id, e.getMessage(), e.attempts(), status == 404 || status == 410
                        ? List.of("the registry no longer has this artifact; refresh the lockfile with `cocoatly lock`")
                        : e.hints(), e);
            default:
                return new DownloadException(e.code(), id, e.getMessage(), e.attempts(), e.hints(), e);
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

    /**
     * Stops the downloads and releases the cache entries they returned: until then no eviction, in
     * this process or another, removes them, so unpack them before closing.
     */
    @Override
    public void close() {
        pool.shutdownNow();
        transport.close();
        synchronized (leases) {
            leases.forEach(CacheLocks.Lease::close);
            leases.clear();
        }
    }

    /** This artifact was stopped because another one of its batch failed. */
    private static final class Cancelled extends Exception {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super(null, null, false, false);
        }
    }
}
