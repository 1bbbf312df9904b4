package io.cocoatly.installer;

import io.cocoatly.config.Home;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageId;
import java.io.IOException;
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
 * not get to. The one window is a reinstall (same version, other bytes): the old copy is moved aside
 * just before the new one is renamed in, so a crash in between leaves the recorded directory missing;
 * {@code verify} reports it and the next install replaces it, since its digest differs from the lock.
 */
final class CommitStep {

    private final Home home;
    private final InstallSettings settings;
    private final Clock clock;

    CommitStep(Home home, InstallSettings settings, Clock clock) {
        this.home = home;
        this.settings = settings;
        this.clock = clock;
    }

    State run(State before, InstallPlan plan, Map<PackageId, StageStep.Staged> staged, InstallListener listener) {
        List<Path> replacedCopies = new ArrayList<>();
        State next = before;
        for (StatePackage gone : plan.removals()) {
            next = next.without(gone.id());
        }
        try {
            for (PlannedPackage p : plan.changes()) {
                StageStep.Staged s = staged.get(p.id());
                Path target = installPath(p.id());
                Files.createDirectories(target.getParent());
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    Path aside = settings.installDir().resolve(HomeRecovery.STAGING_PREFIX + "replaced-"
                            + UUID.randomUUID().toString().substring(0, 8));
                    Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
                    replacedCopies.add(aside);
                }
                Files.move(s.dir(), target, StandardCopyOption.ATOMIC_MOVE);
                next = next.with(new StatePackage(p.id(), p.locked().source(),
                        p.locked().artifact().map(InstallPlanner::digest), target, s.files(), clock.instant(),
                        p.locked().dependencies()));
            }
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "install-failed", "cannot move a package into `" + settings.installDir() + "`: "
                    + e.getMessage(), List.of("nothing was committed; the next cocoatly run cleans up"), e);
        }
        if (!plan.isNoOp()) {
            StateStore.write(home, next);
        }
        listener.committed(next);
        replacedCopies.forEach(PackageFiles::deleteTree);
        for (StatePackage gone : plan.removals()) {
            if (next.find(gone.id()).isEmpty()) {
                PackageFiles.removeRecorded(gone, settings.installDir());
            }
            listener.removed(gone.id());
        }
        return next;
    }

    private Path installPath(PackageId id) {
        return settings.installDir().toAbsolutePath().normalize().resolve(id.name().value()).resolve(id.version().toString());
    }
}
