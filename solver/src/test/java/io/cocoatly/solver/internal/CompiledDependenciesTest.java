package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.VersionPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A resolver's cache keeps each release's dependencies compiled once followed ({@link Matches.Compiled}),
 * and the next resolution reads them instead of the release. What it loads must be what reading the
 * release gives: a target whose listing changed since is matched anew, a release with a dependency
 * into the root is not compiled (that edge depends on the resolution's root), and a compiled
 * dependency on a package that a later root is named like is that root's.
 */
class CompiledDependenciesTest {

    private static final Preferences NONE = Preferences.of(List.of(), VersionPolicy.ONE_PER_PACKAGE);

    @Test
    void aTargetWhoseListingChangedIsMatchedAnew() {
        PackageListing a = listing("a", release("a", "1.0.0", Dependency.parse("b", "^1")));
        Matches matches = new Matches();
        PackageIndex before = index(a, listing("b", release("b", "1.0.0"), release("b", "1.1.0")));
        assertEquals(List.of("1.0.0", "1.1.0"), candidates(load(before, "root", matches), "b"));
        // The same listing of a, so its compiled dependency is read; b has a new release.
        PackageIndex after = index(a, listing("b", release("b", "1.0.0"), release("b", "1.1.0"),
                release("b", "1.2.0")));
        assertEquals(List.of("1.0.0", "1.1.0", "1.2.0"), candidates(load(after, "root", matches), "b"));
        assertEquals(candidates(load(after, "root", new Matches()), "b"),
                candidates(load(after, "root", matches), "b"));
    }

    @Test
    void anEdgeIntoTheRootIsMetByTheRootWhetherCompiledOrNot() {
        // a depends on c: in the first resolution c is the root itself, in the second a registry package.
        PackageListing a = listing("a", release("a", "1.0.0", Dependency.parse("c", "^1")));
        PackageIndex index = index(a, listing("c", release("c", "1.0.0"), release("c", "1.5.0")));
        Matches matches = new Matches();
        assertEquals(List.of(), candidates(load(index, "c", matches), "c"));
        assertEquals(List.of("1.0.0", "1.5.0"), candidates(load(index, "root", matches), "c"));
        // Compiled now (c was a registry package): a root named c still meets that edge itself.
        assertEquals(List.of(), candidates(load(index, "c", matches), "c"));
    }

    @Test
    void everyRandomCaseLoadsTheSameThroughAWarmCache() {
        Matches matches = new Matches();
        for (long seed = 1; seed <= 200; seed++) {
            io.cocoatly.solver.RandomCase c = io.cocoatly.solver.RandomCase.generate(seed, 12,
                    VersionPolicy.SEMVER_MAJOR);
            var root = c.request().root();
            Preferences preferred = Preferences.of(c.request().preferred(), c.request().policy());
            Universe fresh = Universe.forRoot(c.index(), root.name(), root.dependencies(), preferred, new Matches());
            Universe.forRoot(c.index(), root.name(), root.dependencies(), preferred, matches);
            Universe warm = Universe.forRoot(c.index(), root.name(), root.dependencies(), preferred, matches);
            assertEquals(describe(fresh), describe(warm), "seed " + seed);
        }
    }

    /** Every package's candidates, and each candidate's edges as package and range. */
    private static List<String> describe(Universe u) {
        List<String> lines = new ArrayList<>();
        for (Universe.Package p : u.packages().values()) {
            for (Universe.Candidate c : p.candidates()) {
                StringBuilder line = new StringBuilder(c.release().id().toString());
                for (int id : c.edges()) {
                    line.append(' ').append(id == Universe.FIXED ? "fixed" : u.met(id).name() + " " + u.met(id).range());
                }
                lines.add(line.toString());
            }
        }
        return lines;
    }

    private static Universe load(PackageIndex index, String rootName, Matches matches) {
        return Universe.forRoot(index, PackageName.of(rootName), List.of(Dependency.parse("a", "^1")), NONE, matches);
    }

    private static List<String> candidates(Universe u, String name) {
        return u.get(PackageName.of(name)).candidates().stream().map(c -> c.release().version().toString()).toList();
    }

    private static Release release(String name, String version, Dependency... dependencies) {
        return new Release(PackageId.of(name, version), List.of(dependencies), false, Optional.empty());
    }

    private static PackageListing listing(String name, Release... releases) {
        return new PackageListing(PackageName.of(name), List.of(releases));
    }

    private static PackageIndex index(PackageListing... listings) {
        Map<PackageName, PackageListing> byName = new java.util.HashMap<>();
        for (PackageListing l : listings) {
            byName.put(l.name(), l);
        }
        return new PackageIndex() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public Optional<PackageListing> find(PackageName name) {
                return Optional.ofNullable(byName.get(name));
            }
        };
    }
}
