package io.cocoatly.cli;

import io.cocoatly.installer.Installer;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --project} / {@code --global}: which installation a command looks at. Without either, a
 * working directory in a project (a {@code cocoatly.json} here or in a parent) means its project
 * installation (what `install` there made), anywhere else the global one — as {@code npm ls} and
 * {@code npm ls -g} do.
 */
final class InstallationOption {

    @Option(names = "--project", description = "The project's installation (.cocoatly/ next to the nearest"
            + " cocoatly.json).")
    boolean project;

    @Option(names = {"-g", "--global"}, description = "The global installation in the Cocoatly home.")
    boolean global;

    Installer installer(Context context, InstallerSetup setup) {
        Path manifest = ManifestLocator.locate(context, null);
        boolean useProject = isProject(manifest);
        if (useProject && Files.isRegularFile(manifest)) {
            ManifestLocator.use(context, null); // says which, with --verbose
        }
        return useProject ? setup.project(manifest.getParent()) : setup.global();
    }

    /** Whether the installation meant is the project's (else the global one). */
    boolean isProject(Context context) {
        return isProject(ManifestLocator.locate(context, null));
    }

    private boolean isProject(Path nearestManifest) {
        return project || (!global && Files.isRegularFile(nearestManifest));
    }
}
