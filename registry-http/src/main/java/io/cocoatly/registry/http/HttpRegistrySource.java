package io.cocoatly.registry.http;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Interruption;
import io.cocoatly.registry.RegistrySource;
import io.cocoatly.transport.GetOutcome;
import io.cocoatly.transport.GetRequest;
import io.cocoatly.transport.Transport;
import io.cocoatly.transport.TransportException;
import io.cocoatly.transport.TransportListener;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registry read over HTTP(S) as a static tree of files (docs/registry-protocol.md §1), through an
 * on-disk cache revalidated with {@code ETag} / {@code Last-Modified} and trusted for
 * {@code Cache-Control: max-age}. Open one with {@link RegistryLocations#open}.
 *
 * <p>One instance serves one command: each file is fetched or revalidated at most once, however
 * often it is read, and the answer (a body, "no such file", or an error) is kept in memory. Every
 * fetch runs on a bounded pool of daemon threads ({@link io.cocoatly.transport.TransportOptions#maxConcurrent()}
 * in flight at most), so {@link #prefetch} can start the index files the resolver will ask for next
 * while {@link #read} waits for the one it needs. Thread-safe. Close it to stop the pool and release
 * connections; an unclosed source's idle threads end by themselves.
 */
public final class HttpRegistrySource implements RegistrySource, AutoCloseable {

    /** The most bytes one index file, {@code registry.json} or {@code names.json} may have. */
    static final long MAX_FILE_BYTES = 64L << 20;

    private final URI base;
    private final RemoteOptions options;
    private final RegistryCache cache;
    private final Transport transport;
    private final Clock clock;
    private final ThreadPoolExecutor pool;
    private final ConcurrentHashMap<String, CompletableFuture<Optional<byte[]>>> files = new ConcurrentHashMap<>();
    // Set once registry.json says `auth_required`: from then on the token goes with the first attempt.
    private volatile boolean tokenFirst;

    HttpRegistrySource(URI base, RemoteOptions options, Clock clock) {
        this.base = base;
        this.options = options;
        this.cache = new RegistryCache(options.cacheDir(), base);
        this.transport = new Transport(options.transport());
        this.clock = clock;
        int threads = options.transport().maxConcurrent();
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 2, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "cocoatly-registry-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public URI location() {
        return base;
    }

    @Override
    public String describe(String relativePath) {
        return base.resolve(checked(relativePath)).toString();
    }

    /**
     * The file, from the cache or the server as the mode and its freshness say; empty if the server
     * answered 404, 410 or 451 (or did so before, as the cache remembers).
     *
     * @throws CocoatlyException {@code offline-not-cached} in offline mode when the file is not
     *     cached; {@code registry-auth-required}, {@code registry-token-refused} or
     *     {@code registry-forbidden} for 401 and 403; the transport's errors (which name the URL and
     *     the status) for everything else that fails; {@link Interruption#error()} when the calling
     *     thread is interrupted while it waits (the fetch goes on, for a later read of the same file)
     */
    @Override
    public Optional<byte[]> read(String relativePath) {
        try {
            // get(), not join(): a command whose thread is interrupted (its daemon client went away)
            // stops waiting at once, even on a server that never answers.
            return start(checked(relativePath)).get().map(byte[]::clone);
        } catch (InterruptedException e) {
            throw Interruption.error();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new CompletionException(e.getCause());
        }
    }

    /**
     * Empty: HTTP cannot list a directory, so {@code FileRegistry} reads the registry's
     * {@code names.json} instead.
     */
    @Override
    public Optional<List<String>> list(String relativeDirectory) {
        return Optional.empty();
    }

    /** Starts fetching each file in the background; never blocks and never throws: errors wait for {@link #read}. */
    @Override
    public void prefetch(Collection<String> relativePaths) {
        for (String path : relativePaths) {
            try {
                start(checked(path));
            } catch (RuntimeException e) {
                // A bad path or a closed pool: read() reports it if the file is ever asked for.
            }
        }
    }

    private CompletableFuture<Optional<byte[]>> start(String path) {
        return files.computeIfAbsent(path, p -> CompletableFuture.supplyAsync(() -> load(p), pool));
    }

    private Optional<byte[]> load(String path) {
        Optional<CacheEntry> cached = cache.read(path);
        cached.ifPresent(entry -> noteAuth(path, entry.body()));
        if (options.mode() == CacheMode.OFFLINE) {
            return cached.orElseThrow(() -> RemoteErrors.offlineNotCached(base, path, describe(path))).body();
        }
        Instant now = clock.instant();
        if (cached.isPresent() && options.mode() == CacheMode.NORMAL && cached.get().freshAt(now)) {
            return cached.get().body();
        }
        GetRequest request = GetRequest.atMost(base.resolve(path), MAX_FILE_BYTES).withMissingAsOutcome();
        if (tokenFirst) {
            request = request.withTokenFirst();
        }
        Optional<CacheEntry> revalidating = cached.filter(e -> e.body().isPresent() && !e.validators().isEmpty());
        if (revalidating.isPresent()) {
            request = request.ifChangedSince(revalidating.get().validators());
        }
        GetOutcome outcome;
        byte[] body;
        try {
            var fetched = transport.getBytes(request, TransportListener.NONE);
            outcome = fetched.outcome();
            body = fetched.bytes();
        } catch (TransportException e) {
            throw RemoteErrors.refined(e, base, options.transport().tokenFor(base).isPresent());
        }
        Instant arrived = clock.instant();
        if (outcome instanceof GetOutcome.NotModified) {
            CacheEntry entry = revalidating.get().revalidated(outcome.validators(), arrived, outcome.cache());
            store(path, entry);
            return entry.body();
        } else if (outcome instanceof GetOutcome.Missing) {
            store(path, new CacheEntry(Optional.empty(), outcome.validators(), arrived, outcome.cache()));
            return Optional.empty();
        } else if (outcome instanceof GetOutcome.ModifiedOrNew) {
            // Only a body that parses enters the cache; a corrupt one goes to the reader, which
            // reports it with the URL and the JSON path, and the next command fetches it again.
            if (JsonCheck.parses(body, describe(path))) {
                noteAuth(path, Optional.of(body));
                store(path, new CacheEntry(Optional.of(body), outcome.validators(), arrived, outcome.cache()));
            }
            return Optional.of(body);
        }
        throw new AssertionError(outcome);
    }

    private void store(String path, CacheEntry entry) {
        if (entry.cache().noStore()) {
            return;
        }
        try {
            cache.write(path, entry);
        } catch (IOException e) {
            // The cache only saves requests: a command whose cache cannot be written still works.
        }
    }

    private void noteAuth(String path, Optional<byte[]> body) {
        if (path.equals("registry.json") && body.isPresent() && JsonCheck.authRequired(body.get())) {
            tokenFirst = true;
        }
    }

    // Callers build paths from validated names; this still refuses anything that could leave the base.
    private static String checked(String relativePath) {
        if (relativePath.startsWith("/") || relativePath.contains("..") || relativePath.contains("\\")
                || relativePath.contains("//") || relativePath.contains(":") || relativePath.contains("?")
                || relativePath.contains("#") || relativePath.contains("%")) {
            throw new IllegalArgumentException("not a plain relative path: " + relativePath);
        }
        return relativePath;
    }

    /** Stops the fetching threads and releases connections; reads still under way fail. */
    @Override
    public void close() {
        pool.shutdownNow();
        transport.close();
    }

    @Override
    public String toString() {
        return "HttpRegistrySource[" + base + ", " + options.mode() + "]";
    }
}
