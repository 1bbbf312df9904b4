package io.cocoatly.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a hook is told: one per hook per operation, immutable.
 *
 * @param hook         which position of the pipeline this is
 * @param operation    what the user asked for
 * @param packages     the packages concerned, sorted by name then version, never empty: for
 *                     {@code on_pre_install} and {@code on_post_install} every package installed,
 *                     updated, reinstalled or removed; for {@code on_package_update} the updated ones;
 *                     for the uninstall hooks the removed ones, orphans included
 * @param installation the installation changed
 * @param home         the Cocoatly home of this run ({@code ~/.cocoatly} or {@code COCOATLY_HOME}), absolute
 */
public record LifecycleEvent(Hook hook, Operation operation, List<PackageChange> packages, Installation installation,
                             Path home) {

    public LifecycleEvent {
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(operation, "operation");
        packages = List.copyOf(packages);
        Objects.requireNonNull(installation, "installation");
        Objects.requireNonNull(home, "home");
        if (packages.isEmpty()) {
            throw new IllegalArgumentException(hook.key() + ": an event concerns at least one package");
        }
    }
}
