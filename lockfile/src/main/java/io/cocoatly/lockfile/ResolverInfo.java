package io.cocoatly.lockfile;

import io.cocoatly.model.VersionPolicy;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The lockfile's {@code resolver} section: whether the selection was proven optimal, the value
 * reached at each optimisation level, and the multiple-versions policy it was resolved under.
 *
 * @param objective        the levels in priority order (most important first), each name at most once
 * @param multipleVersions the policy, written as its {@link VersionPolicy#fileText()}
 */
public record ResolverInfo(boolean optimal, List<Objective> objective, VersionPolicy multipleVersions) {

    public ResolverInfo {
        objective = List.copyOf(objective);
        Objects.requireNonNull(multipleVersions, "multipleVersions");
        Set<String> seen = new HashSet<>();
        for (Objective o : objective) {
            if (!seen.add(o.level())) {
                throw new IllegalArgumentException("objective level twice: " + o.level());
            }
        }
    }

    /** The value of one optimisation level, e.g. {@code "transitive-rank": 2}. */
    public record Objective(String level, long value) {
        public Objective {
            Objects.requireNonNull(level, "level");
            if (level.isEmpty()) {
                throw new IllegalArgumentException("an objective level needs a name");
            }
        }
    }
}
