package io.cocoatly.benchmarks;

import java.util.concurrent.atomic.LongAdder;

/**
 * What {@link CratesIndex} kept and skipped while turning crates.io entries into releases. Safe to
 * update from several threads; {@link #snapshot()} gives a copy for reporting.
 */
final class Counters {

    final LongAdder crates = new LongAdder();
    final LongAdder releases = new LongAdder();
    final LongAdder releasesBadVersion = new LongAdder();
    final LongAdder releasesDuplicateVersion = new LongAdder();
    final LongAdder releasesBadRequirement = new LongAdder();
    final LongAdder releasesBadDependencyName = new LongAdder();
    final LongAdder releasesRequirementCrash = new LongAdder();
    final LongAdder dependenciesKept = new LongAdder();
    final LongAdder dependenciesDev = new LongAdder();
    final LongAdder dependenciesOptional = new LongAdder();
    final LongAdder dependenciesMerged = new LongAdder();

    /** The counts so far. */
    LoadCounts snapshot() {
        return new LoadCounts(crates.sum(), releases.sum(), releasesBadVersion.sum(), releasesDuplicateVersion.sum(),
                releasesBadRequirement.sum(), releasesBadDependencyName.sum(), releasesRequirementCrash.sum(), dependenciesKept.sum(),
                dependenciesDev.sum(), dependenciesOptional.sum(), dependenciesMerged.sum());
    }
}
