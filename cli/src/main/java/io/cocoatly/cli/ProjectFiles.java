package io.cocoatly.cli;

import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.LockfileReader;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.InvalidFileException;
import io.cocoatly.model.Manifest;
import io.cocoatly.registry.Manifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A project's two files: the manifest the user names and the lockfile next to it.
 *
 * @param cwd          the working directory, against which paths are shown
 * @param lockfilePath {@code cocoatly-lock.json} in the manifest's directory
 */
record ProjectFiles(Path cwd, Path manifestPath, Path lockfilePath, Manifest manifest) {

    /**
     * Reads the manifest named by {@code --manifest} (null: the nearest one, {@link ManifestLocator});
     * the lockfile is only located, not read.
     */
    static ProjectFiles open(Context context, String manifestOption) {
        Path manifestPath = ManifestLocator.use(context, manifestOption);
        Manifest manifest = Manifests.read(manifestPath);
        Path dir = manifestPath.getParent() != null ? manifestPath.getParent() : context.cwd();
        return new ProjectFiles(context.cwd(), manifestPath, dir.resolve(Lockfile.FILE_NAME), manifest);
    }

    /**
     * The lockfile, or empty if there is none.
     *
     * @throws io.cocoatly.model.InvalidFileException if it exists but is malformed
     */
    Optional<Lockfile> lockfile() {
        if (!Files.exists(lockfilePath)) {
            return Optional.empty();
        }
        return Optional.of(LockfileReader.read(lockfilePath));
    }

    /**
     * The lockfile for a command that is about to rewrite it: one that is malformed or in another
     * format is ignored, with a warning added to {@code warnings}, and will be regenerated (the
     * reader's own hint for such files is to run {@code cocoatly lock}).
     */
    Optional<Lockfile> lockfileToReplace(List<String> warnings) {
        try {
            return lockfile();
        } catch (CocoatlyException e) {
            if (!e.code().equals("invalid-lockfile") && !e.code().equals("unsupported-lockfile")) {
                throw e;
            }
            String why = e instanceof InvalidFileException f ? f.jsonPath() + ": " + f.problem() : e.getMessage();
            warnings.add("ignoring `" + lockfileName() + "`, which cannot be used (" + why
                    + "); it is regenerated from scratch");
            return Optional.empty();
        }
    }

    /**
     * The lockfile, which the command needs.
     *
     * @throws CocoatlyException with code {@code lockfile-missing} (exit code 3) if there is none
     */
    Lockfile requireLockfile() {
        return lockfile().orElseThrow(() -> new CocoatlyException(ErrorKind.OUT_OF_DATE, "lockfile-missing",
                "no lockfile at `" + lockfileName() + "`", List.of("run `cocoatly lock` to create it")));
    }

    /** The lockfile's path as the user sees it: relative to the working directory when inside it. */
    String lockfileName() {
        return shown(lockfilePath);
    }

    /** The manifest's path as the user sees it, as {@link #lockfileName()}. */
    String manifestName() {
        return shown(manifestPath);
    }

    private String shown(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path base = cwd.toAbsolutePath().normalize();
        return absolute.startsWith(base) ? base.relativize(absolute).toString() : absolute.toString();
    }
}
