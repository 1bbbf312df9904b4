package io.cocoatly.cli;

import io.cocoatly.config.ConfigEditor;
import io.cocoatly.config.Home;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.registry.Manifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --global} (the default) and {@code --project}: which configuration file {@code config set},
 * {@code unset} and {@code path} edit, the home's {@code config.json} or the project's
 * {@code .cocoatly/config.json}.
 */
final class ConfigScope {

    @Option(names = {"-g", "--global"}, description = "The home's config.json (the default).")
    boolean global;

    @Option(names = "--project", description = "The project's .cocoatly/config.json, next to the nearest cocoatly.json"
            + " in this directory or a parent.")
    boolean project;

    /**
     * The editor of the file chosen.
     *
     * @throws CocoatlyException {@code usage} if both flags are given; {@code manifest-not-found} if
     *     {@code --project} is given outside any project
     */
    ConfigEditor editor(Context context, Home home, String command) {
        if (global && project) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`--global` and `--project` cannot be"
                    + " used together", List.of("run `" + command + " --help` for usage"));
        }
        if (!project) {
            return ConfigEditor.home(home);
        }
        Path dir = nearestProject(context.cwd()).orElseThrow(() -> new CocoatlyException(ErrorKind.INVALID_INPUT,
                "manifest-not-found", "no " + Manifests.FILE_NAME + " in `" + context.cwd() + "` or any parent directory",
                List.of("run the command inside a project, or use `--global` for the home's config.json")));
        return ConfigEditor.project(home, dir);
    }

    /**
     * The directory of the nearest {@code cocoatly.json}: {@code cwd}'s, else its parent's, and so
     * on up. (The same rule, for every project command, is on its way to {@code ProjectFiles}; this
     * one serves {@code config} and {@code cache} until then.)
     */
    static Optional<Path> nearestProject(Path cwd) {
        for (Path dir = cwd.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(Manifests.FILE_NAME))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** The manifest whose project's settings apply here: the nearest one, else {@code cwd}'s (absent). */
    static Path manifest(Context context) {
        return nearestProject(context.cwd()).orElse(context.cwd()).resolve(Manifests.FILE_NAME);
    }
}
