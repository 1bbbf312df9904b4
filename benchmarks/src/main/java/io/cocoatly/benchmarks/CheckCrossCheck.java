package io.cocoatly.benchmarks;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.solver.CheckReport;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.ResolveRequest;
import io.cocoatly.solver.Resolver;
import io.cocoatly.solver.VersionCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Compares each verdict of a registry-wide check with what the check promises it means: resolving a
 * project whose only dependency is {@code =version}, with that version preferred (pinned, as a
 * lockfile would, so that a yanked version may be chosen), succeeds. A fast check that gives wrong answers
 * must not look like a fast check.
 */
final class CheckCrossCheck {

    private static final PackageName PROJECT = PackageName.of("check-root");

    private CheckCrossCheck() {
    }

    /** One line per version whose verdict differs from the pinned resolution's outcome. */
    static List<String> disagreements(Resolver resolver, CheckReport report, VersionPolicy policy) {
        List<String> found = new ArrayList<>();
        for (VersionCheck check : report.results()) {
            String requirement = "=" + check.id().version();
            Manifest project = new Manifest(PROJECT, Version.of(0, 0, 0),
                    List.of(Dependency.parse(check.id().name().value(), requirement)));
            // Preferring the version is what pins it, and only a pin lets a yanked version be chosen.
            Resolution resolution = resolver.resolve(ResolveRequest.of(project).withPolicy(policy)
                    .withPreferred(Set.of(check.id())));
            boolean resolves = resolution instanceof Resolution.Solved;
            if (resolves != check.installable()) {
                found.add(check.id() + ": check says " + (check.installable() ? "installable" : "uninstallable ("
                        + check.reason().orElse("") + ")") + ", resolve says " + (resolves ? "solved" : "unsatisfiable"));
            }
        }
        return found;
    }
}
