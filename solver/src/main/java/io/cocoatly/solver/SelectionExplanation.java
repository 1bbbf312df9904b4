package io.cocoatly.solver;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.Version;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why a selection is what it is: for each selected version, the requirement paths from the root that
 * bring it in and, when a newer version exists, why that one was not taken. Rendered by
 * {@link SelectionText}.
 *
 * @param packages one entry per selected version, sorted by name
 * @param origins  which manifests declare the root requirements, as the request gave them
 *                 ({@link ResolveRequest#origins()}); empty for an ordinary project
 */
public record SelectionExplanation(PackageId root, List<Selected> packages,
                                   Map<Dependency, List<RequirementOrigin>> origins) {

    public SelectionExplanation {
        packages = List.copyOf(packages);
        origins = Map.copyOf(origins);
    }

    /** A selection whose root declares every requirement itself. */
    public SelectionExplanation(PackageId root, List<Selected> packages) {
        this(root, packages, Map.of());
    }

    /** One edge of a path: {@code from} depends on {@code dependency}. */
    public record Edge(PackageId from, Dependency dependency) {
    }

    /**
     * One selected version.
     *
     * @param paths  every path from the root to it (edges in order), at most {@link #MAX_PATHS}, shortest first
     * @param whyNot why the newest version was not taken; empty when it was
     */
    public record Selected(PackageId id, List<List<Edge>> paths, Optional<WhyNot> whyNot) {
        public Selected {
            paths = paths.stream().map(List::copyOf).toList();
        }
    }

    /** Paths listed per package at most. */
    public static final int MAX_PATHS = 8;

    /** Why a newer version was not selected; each claim is verified by re-solving with it forced. */
    public enum WhyNotKind {
        /** Forcing the newer version leaves no solution: {@code conflict} says which facts rule it out. */
        CONFLICT,
        /** The newer version fits, but the selection is worse at an earlier objective level. */
        TRADE_OFF,
        /** Every newer version is yanked. */
        YANKED
    }

    /**
     * Why {@code newer} was not selected.
     *
     * @param conflict for {@link WhyNotKind#CONFLICT}: the minimal conflict with {@code newer} forced
     * @param level    for {@link WhyNotKind#TRADE_OFF}: the objective level that got worse, e.g.
     *                 {@code direct-rank}
     * @param forced   for {@link WhyNotKind#TRADE_OFF}: what would be selected with {@code newer} forced
     */
    public record WhyNot(Version newer, WhyNotKind kind, Optional<Explanation> conflict, String level,
                         List<PackageId> forced) {
        public WhyNot {
            forced = List.copyOf(forced);
        }
    }
}
