package io.cocoatly.benchmarks;

import io.cocoatly.model.PackageName;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.testkit.InMemoryIndex;
import io.cocoatly.solver.CheckReport;
import io.cocoatly.solver.Resolver;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The registry-wide installability check (dose-distcheck's job) over a generated registry of about
 * 650 packages and 4,000 versions; one operation checks every version once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class CheckBenchmark {

    @Param({"1", "2", "3"})
    public long seed;

    @Param({"ONE_PER_PACKAGE", "SEMVER_MAJOR"})
    public VersionPolicy policy;

    private Resolver resolver;
    private List<PackageName> packages;

    @Setup
    public void generate() {
        InMemoryIndex registry = RegistryGenerator.generate(seed, RegistryGenerator.Shape.realistic());
        resolver = new Resolver(registry);
        packages = List.copyOf(registry.packages());
    }

    @Benchmark
    public CheckReport checkAll() {
        return resolver.check(packages, policy);
    }
}
