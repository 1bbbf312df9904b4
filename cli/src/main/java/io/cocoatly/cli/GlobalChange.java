package io.cocoatly.cli;

import io.cocoatly.installer.CommitHook;
import io.cocoatly.installer.State;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.project.GlobalManifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One change of the global installation's requirements ({@code global.json}, {@code global-lock.json}),
 * made under the home's lock together with the state it describes: recovery of an interrupted
 * change and the read of {@code global.json} when the lock is taken, the journal just before the
 * state's commit, the files right after it ({@link GlobalManifest}, {@code docs/config.md}).
 *
 * <p>Mutable and single-use: {@link #locked} reads what {@link #beforeCommit} journals.
 */
final class GlobalChange implements CommitHook {

    /**
     * A system property read only by tests: when {@code true} the process halts (as if killed)
     * right after the state's commit, before the requirements are written, so that tests can show
     * the next command completes the change.
     */
    static final String HALT_AFTER_COMMIT = "cocoatly.test.halt-after-commit";

    private final Path home;
    private final UnaryOperator<Manifest> edit;
    private Manifest wanted;
    private Optional<Lockfile> lockfile = Optional.empty();

    /**
     * @param home the home holding {@code global.json}
     * @param edit how this change turns the current requirements into the new ones
     */
    GlobalChange(Path home, UnaryOperator<Manifest> edit) {
        this.home = Objects.requireNonNull(home, "home");
        this.edit = Objects.requireNonNull(edit, "edit");
    }

    /** The requirements after this change, read and edited under the lock by {@link #locked}. */
    Manifest wanted() {
        if (wanted == null) {
            throw new IllegalStateException("locked() has not run");
        }
        return wanted;
    }

    /** The lockfile to record with them; without one, {@code global-lock.json} is left as it is. */
    void lockfile(Lockfile lockfile) {
        this.lockfile = Optional.of(lockfile);
    }

    /** The lockfile recorded before ({@code global-lock.json}), whose versions {@code decide} prefers; read it under the lock. */
    Optional<Lockfile> previousLockfile() {
        return GlobalManifest.lockfile(home);
    }

    /**
     * Reads and edits the requirements as {@link #locked} would, but without the lock and without
     * recovering an interrupted change: for a dry run, which writes nothing.
     */
    void preview() {
        wanted = edit.apply(GlobalManifest.read(home));
    }

    @Override
    public void locked(State current) {
        GlobalManifest.recover(home, current.ids());
        wanted = edit.apply(GlobalManifest.read(home));
    }

    @Override
    public void beforeCommit(List<PackageId> next) {
        GlobalManifest.prepare(home, wanted(), lockfile, next);
    }

    @Override
    public void committed(State committed) {
        if (Boolean.getBoolean(HALT_AFTER_COMMIT)) {
            Runtime.getRuntime().halt(137);
        }
        GlobalManifest.complete(home);
    }
}
