package io.cocoatly.solver;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionRange;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Why no selection exists, as data: a minimal set of user-level facts that cannot hold together
 * (dropping any one of them makes the rest satisfiable), a derivation from those facts to "no
 * solution", and verified changes to the manifest that would give one. Rendering to prose is
 * {@link ExplanationText}'s job.
 *
 * @param facts       the minimal conflict, in a canonical order (root requirements first), simplified:
 *                    per-version dependency facts of one package on one target may be merged into one
 *                    fact over the union of their ranges (still true, still a minimal conflict)
 * @param derivation  steps from the facts to the conclusion, in reading order; the last step concludes
 *                    that no solution exists. Empty when the facts could not be chained (the text then
 *                    lists the facts in one sentence).
 * @param suggestions at most five changes to the manifest, smallest first, each verified by re-solving
 * @param origins     which manifests declare the root requirements, as the request gave them
 *                    ({@link ResolveRequest#origins()}); empty for an ordinary project
 */
public record Explanation(PackageId root, List<Fact> facts, List<Step> derivation, List<Suggestion> suggestions,
                          Map<Dependency, List<RequirementOrigin>> origins) {

    public Explanation {
        Objects.requireNonNull(root, "root");
        facts = List.copyOf(facts);
        derivation = List.copyOf(derivation);
        suggestions = List.copyOf(suggestions);
        origins = Map.copyOf(origins);
    }

    /** An explanation whose root declares every requirement itself. */
    public Explanation(PackageId root, List<Fact> facts, List<Step> derivation, List<Suggestion> suggestions) {
        this(root, facts, derivation, suggestions, Map.of());
    }

    /** Which manifests declare {@code fact}'s requirement, if it is a root's requirement with known origins. */
    public List<RequirementOrigin> originsOf(Fact fact) {
        if (!fact.pkg().equals(root.name()) || fact.dependency().isEmpty()) {
            return List.of();
        }
        return origins.getOrDefault(fact.dependency().get(), List.of());
    }

    /** The kind of a fact, with the name used in JSON. */
    public enum Kind {
        ROOT_REQUIREMENT("root-requirement"), DEPENDENCY("dependency"), AT_MOST_ONE("at-most-one"),
        MISSING("missing"), NO_MATCH("no-match"), YANKED("yanked"), SELF_CONFLICT("self-conflict");

        private final String json;

        Kind(String json) {
            this.json = json;
        }

        /** The kebab-case name used in JSON output. */
        public String json() {
            return json;
        }
    }

    /**
     * One external fact: "{@code pkg versions} depends on {@code dependency}" in its several forms.
     *
     * @param pkg        the package the fact is about (the root for a root requirement)
     * @param versions   the versions of {@code pkg} the fact covers, grouped into a readable range
     * @param all        whether {@code versions} is every version of {@code pkg} in the registry
     * @param dependency the requirement the fact states; empty for {@link Kind#AT_MOST_ONE}
     * @param available  for {@link Kind#NO_MATCH} and {@link Kind#YANKED}: the versions that exist
     * @param yanked     for {@link Kind#YANKED}: the yanked versions that the requirement would match
     * @param detail     the registry's name for {@link Kind#MISSING}, the compatibility class for a
     *                   semver-major {@link Kind#AT_MOST_ONE}, the conflicting version for
     *                   {@link Kind#SELF_CONFLICT}, {@code merged} for a {@link Kind#DEPENDENCY} that
     *                   joins several versions' own requirements into their union (each version
     *                   requires it, none declares it as such); else empty
     */
    public record Fact(Kind kind, PackageName pkg, VersionRange versions, boolean all, Optional<Dependency> dependency,
                       List<Version> available, List<Version> yanked, String detail) {
        public Fact {
            Objects.requireNonNull(kind, "kind");
            available = List.copyOf(available);
            yanked = List.copyOf(yanked);
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * A statement of the derivation: "{@code subject} requires {@code requires}", or, when
     * {@code requires} is empty, "{@code subject} cannot be selected" (for the root: no solution).
     *
     * @param root whether the subject is the root project
     */
    public record Statement(PackageName subject, VersionRange versions, boolean all, boolean root,
                            Optional<Dependency> requires) {
    }

    /**
     * One derived line: because of the given facts and earlier steps, {@code conclusion}.
     *
     * @param facts indices into {@link #facts()}
     * @param steps indices of earlier steps in {@link #derivation()}
     */
    public record Step(List<Integer> facts, List<Integer> steps, Statement conclusion) {
        public Step {
            facts = List.copyOf(facts);
            steps = List.copyOf(steps);
        }
    }

    /**
     * A change to the manifest and the selection it leads to.
     *
     * @param change       e.g. "relax `tls ^1.4.0` to `^2.0.0`" or "drop the dependency on `x`"
     * @param dependencies the root requirements changed or dropped
     * @param replacements for each of {@code dependencies}, the new requirement; empty when dropped
     * @param result       the versions that would then be selected, sorted
     */
    public record Suggestion(String change, List<Dependency> dependencies, List<Optional<Dependency>> replacements,
                             List<PackageId> result) {
        public Suggestion {
            dependencies = List.copyOf(dependencies);
            replacements = List.copyOf(replacements);
            result = List.copyOf(result);
        }
    }
}
