package io.cocoatly.cli;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Workspace;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.registry.http.PackageInfo;
import io.cocoatly.registry.http.RegistryApi;
import io.cocoatly.registry.http.VersionInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

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

    /** The error code of a member published before a workspace member it depends on. */
    static final String MEMBERS_CODE = "unpublished-members";

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

    /**
     * Checks that every workspace member {@code member} depends on (dependencies, not
     * dev-dependencies, which are not published) is in {@code registry} at the member's own version:
     * the published range is on that version, and only that version was tested with it.
     *
     * @return the members reported missing (warned of with {@code allowMissing}), for the ordinary
     *     check to leave out
     * @throws CocoatlyException {@value #MEMBERS_CODE} (invalid input, exit 2) naming each missing
     *     member and the registry, with the order to publish them in, unless {@code allowMissing}
     */
    static Set<PackageName> checkMembers(Context context, Workspace workspace, Workspace.Member member,
                                         Function<PackageName, Optional<PackageInfo>> registry, String where,
                                         boolean allowMissing) {
        Map<PackageName, Boolean> published = new HashMap<>();
        Predicate<Workspace.Member> missing = m -> !published.computeIfAbsent(m.name(), n -> registry.apply(n)
                .map(info -> info.versions().stream().anyMatch(v -> v.version().equals(m.version()))).orElse(false));
        List<Workspace.Member> direct = onMembers(workspace, member).stream().filter(missing).toList();
        if (direct.isEmpty()) {
            return Set.of();
        }
        // Dependencies first, each once, in path order where the order is free.
        List<Workspace.Member> order = new ArrayList<>();
        publishOrder(workspace, member, missing, new HashSet<>(), order);
        String message = member.label() + " depends on workspace members that " + where + " does not have at their"
                + " versions: " + String.join(", ", direct.stream().map(m -> "`" + m.name() + "@" + m.version() + "` ("
                + m.path() + ")").toList());
        if (allowMissing) {
            context.warn(message + "; published anyway (--allow-missing): it cannot be installed from there until"
                    + " they are published");
        } else {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, MEMBERS_CODE, message, List.of(
                    "publish in this order: " + String.join(", ", order.stream()
                            .map(m -> "`cocoatly publish -p " + m.name() + "`").toList()),
                    "to publish anyway (they are published next), pass --allow-missing"));
        }
        return direct.stream().map(Workspace.Member::name).collect(Collectors.toSet());
    }

    private static List<Workspace.Member> onMembers(Workspace workspace, Workspace.Member member) {
        return member.manifest().dependencies().stream()
                .flatMap(d -> workspace.local(d.name()).filter(m -> !m.equals(member)).stream())
                .sorted(Comparator.comparing(Workspace.Member::path)).toList();
    }

    /** Appends {@code member}'s missing member dependencies, theirs first, then {@code member} itself. */
    private static void publishOrder(Workspace workspace, Workspace.Member member, Predicate<Workspace.Member> missing,
                                     Set<PackageName> seen, List<Workspace.Member> order) {
        if (!seen.add(member.name())) {
            return;
        }
        for (Workspace.Member m : onMembers(workspace, member)) {
            if (missing.test(m)) {
                publishOrder(workspace, m, missing, seen, order);
            }
        }
        order.add(member);
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
