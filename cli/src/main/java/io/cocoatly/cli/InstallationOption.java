package io.cocoatly.cli;

import io.cocoatly.installer.Installer;
import io.cocoatly.registry.Manifests;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --project} / {@code --global}: which installation a command looks at. Without either, a
 * working directory with a {@code cocoatly.json} means its project installation (what `install`
 * there made), anywhere else the global one — as {@code npm ls} and {@code npm ls -g} do.
 */
final class InstallationOption {

    @Option(names = "--project", description = "The project's installation (.cocoatly/ next to cocoatly.json in"
            + " the working directory).")
    boolean project;

    @Option(names = {"-g", "--global"}, description = "The global installation in the Cocoatly home.")
    boolean global;

    Installer installer(Context context, InstallerSetup setup) {
        Path manifest = context.path(Manifests.FILE_NAME);
        boolean useProject = project || (!global && Files.isRegularFile(manifest));
        return useProject ? setup.project(manifest.getParent()) : setup.global();
    }
}
