package io.cocoatly.examples.audit;

import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.plugin.Hook;
import io.cocoatly.plugin.Installation;
import io.cocoatly.plugin.LifecycleEvent;
import io.cocoatly.plugin.Operation;
import io.cocoatly.plugin.PackageChange;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Lifecycle events as Cocoatly hands them to a plugin, built from the plugin API's own types. */
final class Events {

    private Events() {
    }

    /** A package change; {@code license} null for a manifest without one, {@code previous} null unless an update. */
    static PackageChange change(Path installDir, String name, String version, String previous, PackageChange.Kind kind,
                                String license) {
        ManifestMetadata metadata = license == null ? ManifestMetadata.NONE
                : new ManifestMetadata(Optional.empty(), Optional.of(license), Optional.empty(), List.of(), List.of());
        Path path = installDir.resolve(name).resolve(version);
        return new PackageChange(PackageName.of(name), Version.parse(version),
                Optional.ofNullable(previous).map(Version::parse), kind, path, path, metadata);
    }

    /** An install of {@code name version} under {@code license}, as a fresh install. */
    static PackageChange install(Path home, String name, String version, String license) {
        return change(home.resolve("packages"), name, version, null, PackageChange.Kind.INSTALL, license);
    }

    /** The event of {@code hook} on the global installation of {@code home}. */
    static LifecycleEvent global(Hook hook, Path home, PackageChange... changes) {
        Operation op = hook == Hook.ON_PRE_UNINSTALL || hook == Hook.ON_POST_UNINSTALL ? Operation.UNINSTALL : Operation.INSTALL;
        return new LifecycleEvent(hook, op, List.of(changes),
                new Installation(Installation.Kind.GLOBAL, home, home.resolve("packages")), home);
    }
}
