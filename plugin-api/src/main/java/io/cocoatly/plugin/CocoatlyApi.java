package io.cocoatly.plugin;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link PluginCommand} may ask Cocoatly for, with this run's settings (home, registry,
 * {@code --offline}). Every method reads; none changes an installation. Failures are
 * {@link io.cocoatly.model.CocoatlyException}s, which a command may let through to be reported as
 * Cocoatly's own.
 */
public interface CocoatlyApi {

    /** The Cocoatly home of this run, absolute. */
    Path home();

    /**
     * The project the working directory belongs to: the directory of the nearest {@code cocoatly.json}
     * here or above, as every command finds it; empty outside a project.
     */
    Optional<Path> project();

    /**
     * The packages installed in an installation, sorted by name then version.
     *
     * @param kind {@link Installation.Kind#GLOBAL} for the home's, {@link Installation.Kind#PROJECT}
     *             for {@link #project()}'s (empty when it has no installation)
     * @throws io.cocoatly.model.CocoatlyException {@code no-project} for {@code PROJECT} outside a
     *     project, or when {@code state.json} cannot be read
     */
    List<InstalledPackage> installed(Installation.Kind kind);

    /**
     * The packages of {@link #project()}'s lockfile, sorted.
     *
     * @throws io.cocoatly.model.CocoatlyException {@code no-project} outside a project,
     *     {@code lockfile-missing} when it has none, or when it cannot be read
     */
    List<PackageId> lockedPackages();

    /**
     * Resolves {@code requirements} against this run's registry, with the usual optimum (newest
     * versions first, then fewest packages).
     *
     * @return the version chosen for every package of the solution
     * @throws io.cocoatly.model.CocoatlyException of kind {@code NEGATIVE} ({@code unsatisfiable}),
     *     whose message is the explanation, when there is no solution
     */
    Map<PackageName, Version> resolve(List<Dependency> requirements);
}
