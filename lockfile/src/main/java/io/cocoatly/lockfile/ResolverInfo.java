package io.cocoatly.lockfile;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The lockfile's {@code resolver} section: whether the selection was proven optimal, the value
 * reached at each optimisation level, and the multiple-versions policy it was resolved under.
 *
 * @param objective the levels in priority order (most important first), each name at most once
 */
public record ResolverInfo(boolean optimal, List<Objective> objective, MultipleVersions multipleVersions) {

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

    /** How many versions of one package a resolution may select. */
    public enum MultipleVersions {
        /** At most one version of each package. */
        ONE_PER_PACKAGE,
        /** At most one version per SemVer compatibility class (1.x, 0.3.x, 0.0.4) of each package. */
        SEMVER_MAJOR;

        /** The spelling in the lockfile, e.g. {@code one-per-package}. */
        public String text() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The policy spelled {@code text}, if any. */
        public static Optional<MultipleVersions> fromText(String text) {
            for (MultipleVersions m : values()) {
                if (m.text().equals(text)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }
}
