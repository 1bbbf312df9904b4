package io.cocoatly.solver.internal;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Why a constraint is in the encoding: one kind per external fact, so that a conflict (a set of
 * constraints that cannot hold together) can be told as a set of facts about packages.
 */
public sealed interface Reason {

    /** The packages the fact is about, sorted; used to name the packages involved in a conflict. */
    List<PackageName> packages();

    /** The fact in words, names in backticks. */
    String describe();

    /** The root requires {@code dependency}: {@code ∨ x(q,w)} over the candidates w in the range. */
    record RootRequirement(PackageId root, Dependency dependency) implements Reason {
        @Override
        public List<PackageName> packages() {
            return List.of(dependency.name());
        }

        @Override
        public String describe() {
            return "`" + root + "` depends on `" + dependency + "`";
        }
    }

    /** {@code from} depends on {@code dependency}: {@code x(from) → ∨ x(q,w)}. */
    record DependencyOf(PackageId from, Dependency dependency) implements Reason {
        @Override
        public List<PackageName> packages() {
            return sorted(from.name(), dependency.name());
        }

        @Override
        public String describe() {
            return "`" + from + "` depends on `" + dependency + "`";
        }
    }

    /**
     * At most one version of {@code name} (of one compatibility class under the semver-major policy):
     * {@code Σ x(name,·) ≤ 1}.
     */
    record AtMostOneVersion(PackageName name, Optional<String> compatibilityClass) implements Reason {
        @Override
        public List<PackageName> packages() {
            return List.of(name);
        }

        @Override
        public String describe() {
            return compatibilityClass.map(c -> "at most one version " + c + ".x of `" + name + "` can be selected")
                    .orElse("at most one version of `" + name + "` can be selected");
        }
    }

    /**
     * {@code from} depends on a package the registry does not have: {@code ¬x(from)} (or the empty
     * clause when {@code from} is the root).
     */
    record Missing(PackageId from, Dependency dependency, String registry) implements Reason {
        @Override
        public List<PackageName> packages() {
            return sorted(from.name(), dependency.name());
        }

        @Override
        public String describe() {
            return "`" + from + "` depends on `" + dependency + "`, but `" + dependency.name()
                    + "` does not exist in registry `" + registry + "`";
        }
    }

    /**
     * No version of the package satisfies {@code from}'s requirement ({@code yanked} lists the yanked
     * versions that would have): {@code ¬x(from)}.
     */
    record NoMatch(PackageId from, Dependency dependency, List<String> yanked) implements Reason {
        public NoMatch {
            yanked = List.copyOf(yanked);
        }

        @Override
        public List<PackageName> packages() {
            return sorted(from.name(), dependency.name());
        }

        @Override
        public String describe() {
            String text = "`" + from + "` depends on `" + dependency + "`, but no version of `" + dependency.name()
                    + "` matches";
            return yanked.isEmpty() ? text : text + " (yanked: " + String.join(", ", yanked) + ")";
        }
    }

    /**
     * {@code from} depends on the root package's name, or on its own name, with a range that does not
     * contain the one version that can satisfy it ({@code version}): {@code ¬x(from)}.
     */
    record SelfConflict(PackageId from, Dependency dependency, PackageId version) implements Reason {
        @Override
        public List<PackageName> packages() {
            return sorted(from.name(), dependency.name());
        }

        @Override
        public String describe() {
            return "`" + from + "` depends on `" + dependency + "`, which `" + version + "` does not satisfy";
        }
    }

    /**
     * Checking {@code id} as if it were a project's root: no other version of its package may be
     * selected, whatever the policy ({@code r(p) → Σ x(p,·) ≤ 1}).
     */
    record CheckedAsRoot(PackageName name) implements Reason {
        @Override
        public List<PackageName> packages() {
            return List.of(name);
        }

        @Override
        public String describe() {
            return "`" + name + "` is checked as a root: only that version of it can be selected";
        }
    }

    /**
     * Defines a step variable of {@link CostSteps}: {@code s} reads "the selected version of {@code name}
     * (of one at-most-one group of it) costs at least {@code atLeast} on the objective level {@code
     * level}", and the clause is {@code x(name,v) → s} or {@code s → s'} with {@code s'} the step below.
     * Used for optimisation only, never in explanations.
     */
    record CostStep(PackageName name, String level, long atLeast) implements Reason {
        @Override
        public List<PackageName> packages() {
            return List.of(name);
        }

        @Override
        public String describe() {
            return "`" + name + "` costs at least " + atLeast + " on the level `" + level + "` when its step is set";
        }
    }

    /** In a registry check, one package at a time is the root: {@code Σ_p r(p) ≤ 1}. */
    record OneRoot() implements Reason {
        @Override
        public List<PackageName> packages() {
            return List.of();
        }

        @Override
        public String describe() {
            return "one package at a time is checked as the root";
        }
    }

    private static List<PackageName> sorted(PackageName a, PackageName b) {
        return List.copyOf(new TreeSet<>(List.of(a, b)));
    }
}
