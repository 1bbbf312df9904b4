package io.cocoatly.benchmarks;

import io.cocoatly.model.PackageId;
import io.cocoatly.solver.ResolveRequest;
import io.cocoatly.solver.Resolver;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Resolving crates.io roots with a warm index (every crate a root needs already parsed), under
 * Cargo's one-version-per-class rule. {@code allRoots} resolves the 300 most depended-on crates in
 * one invocation and reports time per root; {@code oneRoot} times a few well-known crates alone.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class ResolveCratesBenchmark {

    /** How many roots the snapshot's top list holds; {@code allRoots} divides its time by this. */
    static final int ROOTS = 300;

    /** Every top-300 root, resolved once during setup so the index is warm. */
    @State(Scope.Benchmark)
    public static class AllRoots {
        Resolver resolver;
        List<ResolveRequest> requests;

        @Setup
        public void open() {
            CratesIndex index = CratesIndex.open();
            resolver = new Resolver(index);
            List<PackageId> roots = CratesRoots.load();
            if (roots.size() != ROOTS) {
                throw new IllegalStateException("expected " + ROOTS + " roots, the file has " + roots.size());
            }
            requests = roots.stream().map(CratesRoots::request).toList();
            requests.forEach(resolver::resolve);
        }
    }

    /** One named root. */
    @State(Scope.Benchmark)
    public static class OneRoot {
        @Param({"serde", "syn", "tokio", "hyper", "reqwest", "diesel"})
        public String crate;

        Resolver resolver;
        ResolveRequest request;

        @Setup
        public void open() {
            CratesIndex index = CratesIndex.open();
            resolver = new Resolver(index);
            PackageId root = CratesRoots.load().stream().filter(id -> id.name().value().equals(crate)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("not a top-300 crate: " + crate));
            request = CratesRoots.request(root);
            resolver.resolve(request);
        }
    }

    /** All 300 roots; the score is per root. */
    @Benchmark
    @OperationsPerInvocation(ROOTS)
    public void allRoots(AllRoots state, Blackhole sink) {
        for (ResolveRequest request : state.requests) {
            sink.consume(state.resolver.resolve(request));
        }
    }

    @Benchmark
    public Object oneRoot(OneRoot state) {
        return state.resolver.resolve(state.request);
    }
}
