package io.cocoatly.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionRange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns one line of the compact crates.io index into a {@link PackageListing}.
 *
 * <p>What is kept: {@code normal} and {@code build} dependencies whether or not they carry a
 * {@code target} (Cargo resolves for every target at once). What is dropped: {@code dev}
 * dependencies (they never apply to a dependency) and {@code optional} ones (only features enable
 * them, and features are not modelled). A renamed dependency points at its {@code package}.
 *
 * <p>A release is skipped, and counted, when its version is not strict SemVer, when it repeats an
 * earlier version, or when a kept dependency's name or requirement cannot be read. Skipping the
 * whole release rather than the one dependency errs on the safe side: a release whose needs are
 * unknown is never selected. A requirement that makes the range parser fail with anything other than
 * its syntax error is counted separately, as a bug to report rather than data to blame. Several entries on the same crate (one per target, or normal plus build)
 * are merged into one dependency whose requirement is their conjunction, because a release carries at
 * most one dependency per name.
 */
final class CrateParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Counters counts;
    /**
     * Parsed requirements by text. The snapshot's 985,567 entries use only 6,210 distinct texts, so
     * this saves most of the parsing; ranges are immutable and safe to share.
     */
    private final Map<String, VersionRange> ranges = new ConcurrentHashMap<>();

    CrateParser(Counters counts) {
        this.counts = counts;
    }

    /** The normalised form of a crates.io name: lower case, {@code _} read as {@code -}. */
    static String normalise(String crateName) {
        return crateName.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses one crate's line.
     *
     * @throws CocoatlyException with code {@code invalid-crates-index} if the line is not the expected JSON
     */
    PackageListing parse(PackageName name, byte[] data, int offset, int length) {
        JsonNode crate;
        try {
            crate = JSON.readTree(data, offset, length);
        } catch (IOException e) {
            throw invalid(name, "not valid JSON: " + e.getMessage());
        }
        JsonNode versions = crate.path("versions");
        if (!versions.isArray()) {
            throw invalid(name, "no `versions` array");
        }
        counts.crates.increment();
        List<Release> releases = new ArrayList<>(versions.size());
        Set<Version> seen = new HashSet<>();
        for (JsonNode entry : versions) {
            Release release = release(name, entry);
            if (release == null) {
                continue;
            }
            if (!seen.add(release.version())) {
                counts.releasesDuplicateVersion.increment();
                continue;
            }
            releases.add(release);
            counts.releases.increment();
        }
        return new PackageListing(name, releases);
    }

    private Release release(PackageName name, JsonNode entry) {
        String text = entry.path("v").asText("");
        if (!Version.isValid(text)) {
            counts.releasesBadVersion.increment();
            return null;
        }
        Version version = Version.parse(text);
        // Requirements per dependency name in file order; several mean "all of them".
        Map<String, List<String>> requirements = new LinkedHashMap<>();
        int merged = 0;
        for (JsonNode dep : entry.path("deps")) {
            String kind = dep.path(2).asText("normal");
            if (kind.equals("dev")) {
                counts.dependenciesDev.increment();
                continue;
            }
            if (dep.path(3).asBoolean(false)) {
                counts.dependenciesOptional.increment();
                continue;
            }
            String crate = dep.path(5).isTextual() ? dep.path(5).asText() : dep.path(0).asText("");
            List<String> reqs = requirements.computeIfAbsent(normalise(crate), k -> new ArrayList<>(1));
            String req = dep.path(1).asText("*").strip();
            if (reqs.contains(req)) {
                merged++;
            } else {
                if (!reqs.isEmpty()) {
                    merged++;
                }
                reqs.add(req);
            }
        }
        List<Dependency> dependencies = new ArrayList<>(requirements.size());
        for (Map.Entry<String, List<String>> e : requirements.entrySet()) {
            if (PackageName.problem(e.getKey()) != null) {
                counts.releasesBadDependencyName.increment();
                return null;
            }
            String requirement = String.join(", ", e.getValue());
            try {
                dependencies.add(new Dependency(PackageName.of(e.getKey()), requirement,
                        ranges.computeIfAbsent(requirement, CargoRequirement::parse)));
            } catch (CocoatlyException ex) {
                counts.releasesBadRequirement.increment();
                return null;
            } catch (RuntimeException ex) {
                // A parser bug, not bad data: counted on its own line of the report so it stays visible.
                counts.releasesRequirementCrash.increment();
                return null;
            }
        }
        counts.dependenciesKept.add(dependencies.size());
        counts.dependenciesMerged.add(merged);
        boolean yanked = entry.path("yanked").asBoolean(false);
        return new Release(new PackageId(name, version), dependencies, yanked, Optional.empty());
    }

    private static CocoatlyException invalid(PackageName name, String problem) {
        return new CocoatlyException(ErrorKind.INVALID_INPUT, "invalid-crates-index", "crates.io index entry for `" + name + "` is "
                + problem, List.of("the snapshot in shared/data/crates-io-2019 may be damaged; fetch it again"));
    }
}
