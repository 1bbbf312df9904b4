package io.cocoatly.benchmarks;

import io.cocoatly.model.VersionPolicy;
import io.cocoatly.testkit.Scenario;
import io.cocoatly.testkit.ScenarioReader;
import io.cocoatly.solver.ResolveRequest;
import io.cocoatly.solver.Resolver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Resolving every scenario in {@code testdata/scenarios} once per invocation: small hand-written
 * cases, so this measures the fixed cost of a resolution (encoding set-up, solver creation, the
 * optimisation steps) rather than the size of a graph.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ResolveScenariosBenchmark {

    private final List<Resolver> resolvers = new ArrayList<>();
    private final List<ResolveRequest> requests = new ArrayList<>();

    @Setup
    public void read() {
        for (Scenario scenario : ScenarioReader.readAll(DataFiles.repositoryDirectory("testdata/scenarios"))) {
            if (scenario.isWorkspace()) {
                continue; // resolved through the project module's workspace rules, not as one root
            }
            Scenario.Options options = scenario.options();
            resolvers.add(new Resolver(scenario.registry()));
            requests.add(ResolveRequest.of(scenario.root()).withPreferred(options.preferred())
                    .withPolicy(options.semverMajor() ? VersionPolicy.SEMVER_MAJOR : VersionPolicy.ONE_PER_PACKAGE)
                    .withAllowPrereleases(options.prereleases()));
        }
        if (requests.isEmpty()) {
            throw new IllegalStateException("no scenarios in testdata/scenarios");
        }
    }

    /** Every scenario once; the score is for the whole set (see the setup for the count). */
    @Benchmark
    public void allScenarios(Blackhole sink) {
        for (int i = 0; i < requests.size(); i++) {
            sink.consume(resolvers.get(i).resolve(requests.get(i)));
        }
    }
}
