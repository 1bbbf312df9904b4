package io.cocoatly.installer;

import io.cocoatly.artifact.ExtractedPackage;
import io.cocoatly.artifact.ExtractedFile;
import io.cocoatly.artifact.ArchiveExtractor;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Step 2: each verified artifact unpacked into its own staging directory,
 * {@code <install_dir>/.cocoatly-stage-*}, on the install root's file system so that the final
 * rename is atomic. If any package is refused, every staging directory of this run is deleted
 * before the error leaves; a crash leaves them to {@link HomeRecovery}.
 */
final class StageStep {

    /** A package ready to be renamed into place. */
    record Staged(PackageId id, Path dir, List<StateFileEntry> files) {
    }

    private final InstallSettings settings;

    StageStep(InstallSettings settings) {
        this.settings = settings;
    }

    Map<PackageId, Staged> run(InstallPlan plan, Map<PackageId, DownloadedArtifact> artifacts, InstallListener listener) {
        ArchiveExtractor extractor = new ArchiveExtractor(settings.limits());
        Map<PackageId, Staged> staged = new LinkedHashMap<>();
        try {
            for (PlannedPackage p : plan.changes()) {
                Path dir = newStagingDir(p.id());
                staged.put(p.id(), new Staged(p.id(), dir, List.of()));
                Optional<DownloadedArtifact> artifact = Optional.ofNullable(artifacts.get(p.id()));
                if (artifact.isEmpty()) {
                    if (p.locked().artifact().isPresent()) {
                        throw new IllegalStateException("no downloaded artifact for " + p.id());
                    }
                    continue;
                }
                ExtractedPackage files = extract(extractor, p.id(), artifact.get().file(), dir);
                staged.put(p.id(), new Staged(p.id(), dir, entries(files)));
                listener.extracted(p.id(), files);
            }
            return staged;
        } catch (RuntimeException e) {
            for (Staged s : staged.values()) {
                try {
                    PackageFiles.deleteTree(s.dir());
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    // A full disk or a permission while unpacking is the install's failure, not a bug: it names the
    // package, the path and the OS's reason. Staging is emptied by the extractor and deleted by run().
    private ExtractedPackage extract(ArchiveExtractor extractor, PackageId id, Path archive, Path dir) {
        try {
            return extractor.extract(id, archive, dir);
        } catch (UncheckedIOException e) {
            throw unpackFailed(id, e, dir);
        }
    }

    private CocoatlyException unpackFailed(PackageId id, Throwable e, Path where) {
        List<String> hints = IoFailures.isDiskFull(e)
                ? List.of("free some space on the file system of `" + settings.installDir() + "` (`storage.install_dir`)"
                        + " and run the command again", "nothing was changed")
                : List.of("check the permissions of `" + settings.installDir() + "` (`storage.install_dir`)",
                        "nothing was changed");
        return new CocoatlyException(ErrorKind.FAILED, "install-failed", "cannot unpack `" + id + "` into "
                + IoFailures.describe(e, where), hints, e);
    }

    private Path newStagingDir(PackageId id) {
        Path dir = settings.installDir().resolve(HomeRecovery.STAGE_PREFIX + id.name() + "-" + id.version()
                + "-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            Files.createDirectories(settings.installDir());
            return Files.createDirectory(dir);
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "install-failed", "cannot create a staging directory for `" + id + "` in "
                    + IoFailures.describe(e, settings.installDir()), List.of("check free space and permissions of `"
                    + settings.installDir() + "` (`storage.install_dir`)", "nothing was changed"), e);
        }
    }

    static List<StateFileEntry> entries(ExtractedPackage extracted) {
        List<StateFileEntry> entries = new ArrayList<>();
        for (ExtractedFile f : extracted.files()) {
            switch (f.kind()) {
                case FILE:
                    entries.add(new StateFileEntry.Regular(f.path(), f.size(), f.mode(), f.sha256().get()));
                    break;
                case DIRECTORY:
                    entries.add(new StateFileEntry.Directory(f.path(), f.mode()));
                    break;
                case SYMLINK:
                    entries.add(new StateFileEntry.Symlink(f.path(), f.linkTarget().get()));
                    break;
                default:
                    throw new AssertionError(f.kind());
            }
        }
        return entries;
    }
}
