package io.cocoatly.installer;

import io.cocoatly.config.Home;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Step 3, under the install lock: staged packages renamed into {@code <install_dir>/<name>/<version>/},
 * then {@code state.json} written once (the commit point), then replaced and removed versions deleted.
 *
 * <p>Crash safety follows from that order, with {@code state.json} as the truth: before the commit,
 * the renamed directories are not recorded, so {@link HomeRecovery} removes them and the old state
 * stands; after it, the old versions are not recorded any more and recovery removes what this run did
 * not get to. A reinstall (same version, other bytes) moves the recorded copy aside as
 * {@code .cocoatly-replaced-<name>@<version>-<random>} just before renaming the new one in; killed
 * before the commit, recovery sees the recorded directory missing or not matching {@code state.json}
 * while the named copy matches, and puts the copy back.
 */
final class CommitStep {

    /** Probe point: the recorded copy of a reinstalled package has just been moved aside. */
    static final String MOVED_ASIDE = "moved-aside";
    /** Probe point: a package has just been renamed into place, before {@code state.json} is written. */
    static final String RENAMED_IN = "renamed-in";

    /** Sees the commit reach each point; the crash tests kill the process there. */
    @FunctionalInterface
    interface Probe {
        Probe NONE = (point, id) -> { };

        void at(String point, PackageId id);
    }

    private final Home home;
    private final InstallSettings settings;
    private final Clock clock;
    private final Probe probe;

    CommitStep(Home home, InstallSettings settings, Clock clock, Probe probe) {
        this.home = home;
        this.settings = settings;
        this.clock = clock;
        this.probe = probe;
    }

    State run(State before, InstallPlan plan, Map<PackageId, StageStep.Staged> staged, InstallListener listener) {
        List<Path> replacedCopies = new ArrayList<>();
        State next = before;
        for (StatePackage gone : plan.removals()) {
            next = next.without(gone.id());
        }
        PackageId moving = null;
        List<Path[]> moved = new ArrayList<>();
        try {
            for (PlannedPackage p : plan.changes()) {
                moving = p.id();
                StageStep.Staged s = staged.get(p.id());
                Path target = installPath(p.id());
                Files.createDirectories(target.getParent());
                Path aside = null;
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    // Named after the package, so that recovery can tell it from a leftover and put it
                    // back if the commit never happens.
                    aside = settings.installDir().resolve(HomeRecovery.REPLACED_PREFIX + p.id()
                            + "-" + UUID.randomUUID().toString().substring(0, 8));
                    Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
                    replacedCopies.add(aside);
                    probe.at(MOVED_ASIDE, p.id());
                }
                moved.add(new Path[] {target, aside});
                Files.move(s.dir(), target, StandardCopyOption.ATOMIC_MOVE);
                probe.at(RENAMED_IN, p.id());
                next = next.with(new StatePackage(p.id(), p.locked().source(),
                        p.locked().artifact().map(InstallPlanner::digest), target, s.files(), clock.instant(),
                        p.locked().dependencies()));
            }
        } catch (IOException e) {
            CocoatlyException error = new CocoatlyException(ErrorKind.FAILED, "install-failed", "cannot move `" + moving
                    + "` into place in " + IoFailures.describe(e, settings.installDir()), IoFailures.isDiskFull(e)
                    ? List.of("free some space on the file system of `" + settings.installDir() + "` (`storage.install_dir`)"
                            + " and run the command again", "nothing was changed")
                    : List.of("nothing was changed"), e);
            undo(moved, staged, error);
            throw error;
        }
        if (!plan.isNoOp()) {
            try {
                StateStore.write(home, next);
            } catch (CocoatlyException e) {
                undo(moved, staged, e);
                throw e;
            }
        }
        listener.committed(next);
        for (Path copy : replacedCopies) {
            try {
                PackageFiles.deleteTree(copy);
            } catch (UncheckedIOException e) {
                // Committed already: the copy is a leftover now, which the next recovery removes or
                // reports; failing here would report a committed install as failed.
            }
        }
        for (StatePackage gone : plan.removals()) {
            if (next.find(gone.id()).isEmpty()) {
                PackageFiles.removeRecorded(gone, settings.installDir());
            }
            listener.removed(gone.id());
        }
        return next;
    }

    // Before the commit point nothing this run did is recorded: put the install directory back as it
    // was (new copies out, replaced copies back, staging gone) so a failure changes nothing. What
    // cannot be undone here is left to recovery, as after a crash, and noted on the error.
    private static void undo(List<Path[]> moved, Map<PackageId, StageStep.Staged> staged, CocoatlyException error) {
        for (int i = moved.size() - 1; i >= 0; i--) {
            Path target = moved.get(i)[0];
            Path aside = moved.get(i)[1];
            try {
                if (aside == null || Files.exists(aside, LinkOption.NOFOLLOW_LINKS)) {
                    PackageFiles.deleteTree(target);
                }
                if (aside != null) {
                    Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    deleteIfEmpty(target.getParent());
                }
            } catch (IOException | RuntimeException e) {
                error.addSuppressed(e);
            }
        }
        for (StageStep.Staged s : staged.values()) {
            try {
                PackageFiles.deleteTree(s.dir());
            } catch (RuntimeException e) {
                error.addSuppressed(e);
            }
        }
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // Not empty (another version lives there) or not ours to delete: leave it.
        }
    }

    private Path installPath(PackageId id) {
        return settings.installDir().toAbsolutePath().normalize().resolve(id.name().value()).resolve(id.version().toString());
    }
}
