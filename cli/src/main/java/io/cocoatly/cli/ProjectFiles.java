package io.cocoatly.cli;

import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.LockfileReader;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.InvalidFileException;
import io.cocoatly.model.Manifest;
import io.cocoatly.lockfile.RequirementsDigest;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.project.LockCheck;
import io.cocoatly.project.Relock;
import io.cocoatly.project.WorkspaceResolution;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.registry.Manifests;
import io.cocoatly.registry.Workspaces;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A project's two files: the manifest the user names and the lockfile next to it.
 *
 * @param cwd          the working directory, against which paths are shown
 * @param lockfilePath {@code cocoatly-lock.json} in the manifest's directory
 * @param manifest     the project's manifest; for a workspace, what the whole workspace requires of the
 *                     registry ({@link WorkspaceResolution#requirements()})
 * @param workspace    the workspace, when {@code manifestPath} is a workspace root and the command
 *                     acts on workspaces ({@link #openWorkspace})
 */
record ProjectFiles(Path cwd, Path manifestPath, Path lockfilePath, Manifest manifest,
                    Optional<WorkspaceResolution> workspace) {

    /**
     * Where a project's files are, before any of them is read: the manifest a command acts on, whether
     * it is a workspace root, and the lockfile next to it. What lets a command read the lockfile (and
     * the registry entries it locks) on another thread while the manifests are read ({@link ReadAhead}).
     *
     * @param workspace whether {@code manifestPath} is a workspace root
     */
    record Location(Context context, Path manifestPath, boolean workspace) {

        /**
         * {@code cocoatly-lock.json} beside the manifest: for a workspace, in its root directory as
         * {@link io.cocoatly.registry.Workspace#root()} names it (absolute), else as the manifest's path
         * was given.
         */
        Path lockfilePath() {
            Path dir = workspace ? manifestPath.toAbsolutePath().normalize().getParent() : manifestPath.getParent();
            return (dir != null ? dir : context.cwd()).resolve(Lockfile.FILE_NAME);
        }

        /** Reads the manifest, or the workspace root with its members. */
        ProjectFiles open() {
            if (!workspace) {
                return new ProjectFiles(context.cwd(), manifestPath, lockfilePath(), Manifests.read(manifestPath),
                        Optional.empty());
            }
            WorkspaceResolution resolution = new WorkspaceResolution(Workspaces.read(manifestPath));
            return new ProjectFiles(context.cwd(), manifestPath, lockfilePath(), resolution.requirements(),
                    Optional.of(resolution));
        }

        /**
         * Starts {@code work}, which reads what a command needs besides the manifests, to be joined
         * once {@link #open} has read them: on a second thread for a workspace, whose manifests take a
         * while (200 of them about as long as a lockfile's registry entries); for a project only when
         * joined, one thing after the other as before. A project's one manifest takes a few
         * milliseconds, and a second thread measured 10 to 20 ms slower there: at start-up the two
         * threads' cold code and the JIT compete for the cores (docs/workspaces.md, "Figures").
         */
        <T> ReadAhead<T> readAhead(Supplier<T> work) {
            return workspace ? ReadAhead.start(work) : ReadAhead.onJoin(work);
        }

        /** {@link ProjectFiles#lockfile()}, before the manifests are read. */
        Optional<Lockfile> lockfile() {
            return ProjectFiles.lockfile(lockfilePath());
        }

        /** {@link ProjectFiles#requireLockfile()}, before the manifests are read. */
        Lockfile requireLockfile() {
            return ProjectFiles.requireLockfile(lockfilePath(), shown(context.cwd(), lockfilePath()));
        }
    }

    /**
     * Where the manifest named by {@code --manifest} is (null: the nearest one, {@link ManifestLocator}),
     * and whether it is a workspace root; nothing is read but what tells that.
     */
    static Location locate(Context context, String manifestOption) {
        Path manifestPath = ManifestLocator.use(context, manifestOption);
        return new Location(context, manifestPath, Workspaces.declaresWorkspace(manifestPath));
    }

    /**
     * Reads the manifest named by {@code --manifest} (null: the nearest one, {@link ManifestLocator}): a
     * workspace root with its members, whose lockfile is the root's. The lockfile is only located, not read.
     */
    static ProjectFiles openWorkspace(Context context, String manifestOption) {
        return locate(context, manifestOption).open();
    }

    /**
     * The members {@code options} choose, or empty for an ordinary project ({@link MemberSelection}).
     *
     * @throws CocoatlyException code {@code usage} (exit 2) as {@link MemberSelection.Options#select} does
     */
    Optional<MemberSelection> members(MemberSelection.Options options) {
        return options.select(workspace.map(WorkspaceResolution::workspace), manifestName());
    }

    /** Relocks this project, or this whole workspace. */
    Relock relock(FileRegistry index, VersionPolicy policy, Optional<Duration> timeout) {
        return workspace.map(w -> new Relock(index, index.location(), w, policy, timeout))
                .orElseGet(() -> new Relock(index, index.location(), manifest, policy, timeout));
    }

    /** {@link LockCheck#require} for this project or workspace: what {@code lock --check} and {@code install --locked} refuse. */
    void requireCurrent(Lockfile lockfile, PackageIndex index, Optional<VersionPolicy> policy) {
        if (workspace.isPresent()) {
            LockCheck.require(lockfile, workspace.get(), index, policy, lockfileName());
        } else {
            LockCheck.require(lockfile, manifest, index, policy, lockfileName());
        }
    }

    /** {@link LockCheck#requireManifest} for this project or workspace: what {@code install --frozen} refuses. */
    void requireManifestCurrent(Lockfile lockfile) {
        if (workspace.isPresent()) {
            LockCheck.requireManifest(lockfile, workspace.get(), lockfileName());
        } else {
            LockCheck.requireManifest(lockfile, manifest, lockfileName());
        }
    }

    /** The requirements digest a current lockfile of this project or workspace has. */
    String requirementsDigest() {
        return workspace.map(w -> w.manifestInfo().requirementsDigest()).orElseGet(() -> RequirementsDigest.of(manifest));
    }

    /**
     * The lockfile, or empty if there is none.
     *
     * @throws io.cocoatly.model.InvalidFileException if it exists but is malformed
     */
    Optional<Lockfile> lockfile() {
        return lockfile(lockfilePath);
    }

    private static Optional<Lockfile> lockfile(Path lockfilePath) {
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
        return requireLockfile(lockfilePath, lockfileName());
    }

    private static Lockfile requireLockfile(Path lockfilePath, String lockfileName) {
        return lockfile(lockfilePath).orElseThrow(() -> new CocoatlyException(ErrorKind.OUT_OF_DATE, "lockfile-missing",
                "no lockfile at `" + lockfileName + "`", List.of("run `cocoatly lock` to create it")));
    }

    /** The lockfile's path as the user sees it: relative to the working directory when inside it. */
    String lockfileName() {
        return shown(lockfilePath);
    }

    /** The manifest's path as the user sees it, as {@link #lockfileName()}. */
    String manifestName() {
        return shown(manifestPath);
    }

    /** {@code file} as the user sees it: relative to the working directory when inside it. */
    String shown(Path file) {
        return shown(cwd, file);
    }

    private static String shown(Path cwd, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path base = cwd.toAbsolutePath().normalize();
        return absolute.startsWith(base) ? base.relativize(absolute).toString() : absolute.toString();
    }
}
