package io.cocoatly.cli;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageName;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.registry.http.PackageInfo;
import io.cocoatly.registry.http.RegistryApi;
import io.cocoatly.registry.http.VersionInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@code publish} checks of a package's dependencies against the registry it publishes to: each
 * must name a package the registry has, with a version the requirement accepts that is not yanked.
 * A version published with a dependency the registry cannot satisfy cannot be installed from it, so
 * publishing one is refused unless {@code --allow-missing} says it is meant (the dependency is about
 * to be published, or lives in another registry), and then it is a warning.
 */
final class PublishedDependencies {

    /** The error code of a refused publish. */
    static final String CODE = "missing-dependencies";

    private PublishedDependencies() {
    }

    /** What a registry directory's index says of each package. */
    static Function<PackageName, Optional<PackageInfo>> inIndex(FileRegistry registry) {
        return name -> registry.find(name).map(PackageInfo::of);
    }

    /** What a registry's API says of each package ({@code GET packages/NAME}); its 404 is "no such package". */
    static Function<PackageName, Optional<PackageInfo>> throughApi(RegistryApi api) {
        return name -> {
            try {
                return Optional.of(api.info(name));
            } catch (CocoatlyException e) {
                if (e.code().equals("unknown-package")) {
                    return Optional.empty();
                }
                throw e;
            }
        };
    }

    /**
     * Checks {@code manifest}'s dependencies (dev-dependencies are never published, so never checked)
     * against what {@code registry} says of each package.
     *
     * @param where        the registry as messages name it, e.g. {@code registry `team`}
     * @param allowMissing warn on stderr instead of refusing
     * @throws CocoatlyException {@value #CODE} (invalid input, exit 2) naming every dependency the
     *                           registry cannot satisfy, unless {@code allowMissing}
     */
    static void check(Context context, Manifest manifest, Function<PackageName, Optional<PackageInfo>> registry,
                      String where, boolean allowMissing) {
        List<String> missing = new ArrayList<>();
        for (Dependency d : manifest.dependencies()) {
            if (d.name().equals(manifest.name())) {
                continue; // satisfied by the package itself, as the solver reads it (docs/formats.md)
            }
            problem(d, registry.apply(d.name())).ifPresent(p -> missing.add("`" + d.name() + "` " + d.requirement() + ": " + p));
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "`" + manifest.id() + "` depends on what " + where + " does not have: " + String.join("; ", missing);
        if (allowMissing) {
            context.warn(message + "; published anyway (--allow-missing): it cannot be"
                    + " installed from there until they are published");
            return;
        }
        throw new CocoatlyException(ErrorKind.INVALID_INPUT, CODE, message, List.of(
                "publish the dependencies to the same registry first, or fix the requirements in `cocoatly.json`",
                "to publish anyway (a dependency published next, or from another registry), pass --allow-missing"));
    }

    private static Optional<String> problem(Dependency dependency, Optional<PackageInfo> info) {
        if (info.isEmpty()) {
            return Optional.of("no such package");
        }
        // Oldest first, as people read a list of versions.
        List<VersionInfo> releases = info.get().versions().stream().sorted(Comparator.comparing(VersionInfo::version)).toList();
        List<VersionInfo> matching = releases.stream().filter(r -> dependency.range().contains(r.version())).toList();
        if (matching.stream().anyMatch(r -> !r.yanked())) {
            return Optional.empty();
        }
        String published = releases.isEmpty() ? "none"
                : String.join(", ", releases.stream().map(r -> r.version() + (r.yanked() ? " (yanked)" : "")).toList());
        return Optional.of(matching.isEmpty() ? "no version matches (published: " + published + ")"
                : "every matching version is yanked (published: " + published + ")");
    }
}
