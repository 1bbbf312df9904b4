package io.cocoatly.cli;

import io.cocoatly.config.Home;
import io.cocoatly.installer.CommitHook;
import io.cocoatly.installer.InstallOutcome;
import io.cocoatly.installer.InstallRequest;
import io.cocoatly.installer.Installer;
import io.cocoatly.installer.State;
import io.cocoatly.lockfile.Lockfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Running the installer with its progress display: what {@code install} does, and what {@code add}
 * and {@code remove} do after relocking a project that has an installation.
 */
final class ProjectInstall {

    private ProjectInstall() {
    }

    /**
     * Whether the project whose manifest is in {@code projectDir} has been installed: its
     * {@code .cocoatly/state.json} exists. Not the directory alone, which {@code config set --project}
     * creates for the project's settings.
     */
    static boolean isInstalled(Path projectDir) {
        return Files.isRegularFile(new Home(projectDir.resolve(InstallerSetup.PROJECT_DIR)).stateFile());
    }

    /**
     * Makes the project's installation match {@code lockfile}.
     *
     * @param json {@code --json}: no progress on stderr (nor with {@code --quiet})
     */
    static InstallOutcome apply(Context context, InstallerSetup setup, Path projectDir, Lockfile lockfile, boolean json) {
        InstallRequest request = new InstallRequest(lockfile, setup.registryRoot());
        return apply(context, setup.project(projectDir), state -> request, CommitHook.NONE, json);
    }

    /**
     * Runs {@code installer} on the request {@code decide} makes under its lock, showing progress
     * unless {@code json} or {@code --quiet}.
     */
    static InstallOutcome apply(Context context, Installer installer, Function<State, InstallRequest> decide, CommitHook hook,
            boolean json) {
        InstallProgress progress = new InstallProgress(context, json);
        try {
            return installer.apply(decide, hook, progress);
        } finally {
            progress.close();
        }
    }
}
