package io.cocoatly.benchmarks;

import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.registry.RegistrySource;
import io.cocoatly.registry.http.CacheMode;
import io.cocoatly.registry.http.RegistryLocations;
import io.cocoatly.registry.http.RemoteOptions;
import io.cocoatly.solver.ResolveRequest;
import io.cocoatly.solver.Resolver;
import io.cocoatly.transport.TransportOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves the crates.io top-300 roots from a registry at a location (a directory, or a URL served
 * by {@code cocoatly registry serve} or any static server), as one command would: a new registry
 * object per run, so each run fetches or revalidates each index file at most once, exactly as a
 * command does. benchmarks/registry-resolve.sh runs it against a directory and against HTTP in the
 * same run and counts the server's requests (docs/performance-registry.md).
 *
 * <p>{@code RemoteResolveRun LOCATION CACHE_DIR MODE RUNS [ROOTS]}, where MODE is {@code cold} (the
 * cache is emptied before every run), {@code normal} (the cache as the previous run left it) or
 * {@code offline}. Prints one line per run and the median, in milliseconds of wall time.
 */
public final class RemoteResolveRun {

    private RemoteResolveRun() {
    }

    /** See the class comment. */
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: RemoteResolveRun LOCATION CACHE_DIR cold|normal|offline RUNS [ROOTS]");
            System.exit(2);
        }
        String location = args[0];
        Path cache = Path.of(args[1]);
        String mode = args[2];
        int runs = Integer.parseInt(args[3]);
        List<PackageId> roots = CratesRoots.load();
        if (args.length > 4) {
            roots = roots.subList(0, Math.min(roots.size(), Integer.parseInt(args[4])));
        }
        List<ResolveRequest> requests = roots.stream().map(CratesRoots::request).toList();
        List<Double> millis = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            // A cold run gets an empty cache of its own: the previous run's unneeded prefetches may
            // still be writing into its cache after it was closed.
            Path runCache = mode.equals("cold") ? cache.resolve("run-" + run) : cache;
            long start = System.nanoTime();
            RegistrySource source = open(location, runCache, mode);
            FileRegistry registry = FileRegistry.open(source);
            Resolver resolver = new Resolver(registry);
            requests.forEach(resolver::resolve);
            double elapsed = (System.nanoTime() - start) / 1e6;
            millis.add(elapsed);
            System.out.printf("run %d: %.1f ms%n", run, elapsed);
            if (run == 1) {
                System.out.printf("dependency graph: %d packages reached, %d levels deep from the roots%n",
                        reached(registry, roots).size(), depth(registry, roots));
            }
            close(source);
        }
        millis.sort(null);
        System.out.printf("median: %.1f ms over %d runs (%s, %d roots)%n", millis.get(millis.size() / 2), runs, mode,
                roots.size());
    }

    private static RegistrySource open(String location, Path cache, String mode) {
        CacheMode cacheMode = mode.equals("offline") ? CacheMode.OFFLINE : CacheMode.NORMAL;
        // Cargo finds a sparse index worth it only with many requests in flight (REGISTRY-NOTES.md);
        // the default of network.max_concurrent_downloads is what a user gets.
        RemoteOptions options = new RemoteOptions(cache, TransportOptions.defaults(), cacheMode);
        return RegistryLocations.open(location, "benchmark", options);
    }

    private static Set<PackageName> reached(FileRegistry registry, List<PackageId> roots) {
        Set<PackageName> seen = new HashSet<>();
        List<PackageName> level = roots.stream().map(PackageId::name).distinct().toList();
        while (!level.isEmpty()) {
            level = next(registry, level, seen);
        }
        return seen;
    }

    /** Breadth-first levels from the roots over every release's dependencies: the round trips prefetching needs. */
    private static int depth(FileRegistry registry, List<PackageId> roots) {
        Set<PackageName> seen = new HashSet<>();
        List<PackageName> level = roots.stream().map(PackageId::name).distinct().toList();
        int depth = 0;
        while (!level.isEmpty()) {
            depth++;
            level = next(registry, level, seen);
        }
        return depth;
    }

    private static List<PackageName> next(FileRegistry registry, List<PackageName> level, Set<PackageName> seen) {
        List<PackageName> next = new ArrayList<>();
        for (PackageName name : level) {
            if (!seen.add(name)) {
                continue;
            }
            for (Release release : registry.find(name).map(PackageListing::releases).orElse(List.of())) {
                release.dependencies().forEach(d -> {
                    if (!seen.contains(d.name())) {
                        next.add(d.name());
                    }
                });
            }
        }
        return next.stream().distinct().toList();
    }

    private static void close(RegistrySource source) {
        // The HTTP source holds a thread pool and connections; a directory holds nothing.
        if (source instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
