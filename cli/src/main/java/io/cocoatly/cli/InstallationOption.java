package io.cocoatly.cli;

import io.cocoatly.installer.Installer;
import io.cocoatly.registry.Manifests;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --project}: work on the project installation in the working directory instead of the global one. */
final class InstallationOption {

    @Option(names = "--project", description = "The project's installation (.cocoatly/ in the working directory)"
            + " instead of the global one.")
    boolean project;

    Installer installer(Context context, InstallerSetup setup) {
        if (project) {
            Path dir = context.path(Manifests.FILE_NAME).getParent();
            return setup.project(dir);
        }
        return setup.global();
    }
}
