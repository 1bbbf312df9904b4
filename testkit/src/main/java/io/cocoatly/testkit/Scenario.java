package io.cocoatly.testkit;

import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One resolver test case read from a {@code *.scenario} file: a registry, a root manifest, resolver
 * options and the outcome a correct resolver must reach. The format is described in
 * {@code docs/scenarios.md}; {@link ScenarioReader} reads it.
 *
 * @param name        the file's path below the scenario directory without the extension, e.g.
 *                    {@code basics/diamond}
 * @param file        the file it was read from
 * @param description what the case shows, empty if the file has none
 * @param registry    every release the resolver may see
 * @param root        the project being resolved
 * @param options     preferences and policies for the resolver
 * @param expected    the outcome a correct resolver reaches
 * @param workspace   for a scenario with {@code members:}, the workspace that {@code root} stands for
 *                    (its name and version, the root package's requirements alone): only the
 *                    {@code project} module knows how to resolve one, so the solver's own tests skip
 *                    these ({@link #isWorkspace()}); the expected selection never lists members
 */
public record Scenario(String name, Path file, String description, InMemoryIndex registry, Manifest root,
                       Options options, Expectation expected, Optional<Workspace> workspace) {

    /**
     * Checks that every component is there.
     *
     * @throws NullPointerException if any component is null
     */
    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(workspace, "workspace");
    }

    /** A scenario of one project, not a workspace. */
    public Scenario(String name, Path file, String description, InMemoryIndex registry, Manifest root,
                    Options options, Expectation expected) {
        this(name, file, description, registry, root, options, expected, Optional.empty());
    }

    /** Whether the scenario is a workspace's ({@code members:}). */
    public boolean isWorkspace() {
        return workspace.isPresent();
    }

    /** The scenario's name, which is what a dynamic test shows. */
    @Override
    public String toString() {
        return name;
    }

    /**
     * How the resolver is asked to resolve.
     *
     * @param semverMajor true for {@code multiple-versions=semver-major}: at most one version per
     *                    compatibility class instead of one per package
     * @param prereleases true when prereleases rank with releases by plain version order
     * @param preferred   versions to keep if possible, as a lockfile would pin them (several versions of
     *                    one package only make sense with {@code semverMajor}, one per class)
     * @param timeout     the resolver's optimisation budget, if the scenario sets one
     */
    public record Options(boolean semverMajor, boolean prereleases, Set<PackageId> preferred,
                          Optional<Duration> timeout) {

        /** One version per package, releases first, nothing preferred, no time limit. */
        public static final Options DEFAULT = new Options(false, false, Set.of(), Optional.empty());

        /** Keeps {@code preferred} sorted and unmodifiable. */
        public Options {
            preferred = Collections.unmodifiableSet(new TreeSet<>(preferred));
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /** The outcome a scenario expects. */
    public sealed interface Expectation permits Solved, Unsatisfiable {

        /** The expectation as written in a scenario file, for test messages. */
        String describe();
    }

    /**
     * The resolver finds a solution, and this is the optimal one.
     *
     * @param selection every selected version, the root excluded, sorted
     */
    public record Solved(List<PackageId> selection) implements Expectation {

        /** Sorts the selection, so that two equal selections are equal records. */
        public Solved {
            selection = selection.stream().sorted().toList();
        }

        /** {@code nothing}, or the selection as {@code name version, ...}. */
        @Override
        public String describe() {
            return selection.isEmpty() ? "nothing"
                    : selection.stream().map(id -> id.name() + " " + id.version()).collect(Collectors.joining(", "));
        }
    }

    /**
     * No solution exists.
     *
     * @param involving packages the conflict must name; empty when the scenario does not say
     */
    public record Unsatisfiable(Set<PackageName> involving) implements Expectation {

        /** Keeps {@code involving} sorted and unmodifiable. */
        public Unsatisfiable {
            involving = Collections.unmodifiableSet(new TreeSet<>(involving));
        }

        /** {@code unsatisfiable}, naming the packages involved if the scenario does. */
        @Override
        public String describe() {
            return involving.isEmpty() ? "unsatisfiable"
                    : "unsatisfiable (involving " + involving.stream().map(PackageName::value)
                            .collect(Collectors.joining(", ")) + ")";
        }
    }
}
