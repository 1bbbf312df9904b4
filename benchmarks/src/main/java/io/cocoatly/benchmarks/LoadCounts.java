package io.cocoatly.benchmarks;

/**
 * What one load of the crates.io index kept and skipped; see {@link CrateParser} for the rules.
 *
 * @param crates                    crates parsed
 * @param releases                  releases kept
 * @param releasesBadVersion        releases skipped: version is not strict SemVer
 * @param releasesDuplicateVersion  releases skipped: same version as an earlier one, build metadata aside
 * @param releasesBadRequirement    releases skipped: a kept dependency's requirement did not parse
 * @param releasesBadDependencyName releases skipped: a kept dependency's name is not a valid package name
 * @param releasesRequirementCrash  releases skipped: the range parser failed with an unexpected exception
 * @param dependenciesKept          normal and build dependencies kept, after merging
 * @param dependenciesDev           dev dependencies dropped
 * @param dependenciesOptional      optional dependencies dropped
 * @param dependenciesMerged        entries folded into another entry on the same crate
 */
public record LoadCounts(long crates, long releases, long releasesBadVersion, long releasesDuplicateVersion,
                         long releasesBadRequirement, long releasesBadDependencyName, long releasesRequirementCrash,
                         long dependenciesKept,
                         long dependenciesDev, long dependenciesOptional, long dependenciesMerged) {

    /** Releases skipped for any reason. */
    public long releasesSkipped() {
        return releasesBadVersion + releasesDuplicateVersion + releasesBadRequirement + releasesBadDependencyName
                + releasesRequirementCrash;
    }
}
