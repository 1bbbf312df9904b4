package io.cocoatly.cli;

import io.cocoatly.project.GlobalManifest;
import io.cocoatly.project.LockCheck;
import io.cocoatly.project.Relock;
import io.cocoatly.config.Home;
import io.cocoatly.installer.CommitHook;
import io.cocoatly.installer.InstallOutcome;
import io.cocoatly.installer.InstallRequest;
import io.cocoatly.installer.Installer;
import io.cocoatly.installer.State;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.LockfileWriter;
import io.cocoatly.lockfile.RequirementsDigest;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.registry.Manifests;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cocoatly install}: apply the project's lockfile, or install packages globally. */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Install the project's locked packages, or NAME[@RANGE] globally.",
            "Without PACKAGE: make the project's installation (.cocoatly/ next to cocoatly.json) match",
            "cocoatly-lock.json, running `lock` first if there is none or it is stale (unless --locked).",
            "With PACKAGE[@RANGE]: add it to the global installation in the Cocoatly home, resolving with the",
            "installed versions preferred so nothing else moves unless it must.",
            "Every artifact is downloaded and verified (digests, size, signature) before anything is unpacked;",
            "the installation changes all at once or not at all. Prints `+ added`, `- removed`, `~ a -> b`."},
        footer = {"", "Examples:",
            "  cocoatly install --registry ./registry        # in a project directory",
            "  cocoatly install --locked                     # CI: exit 3 unless the lockfile is up to date",
            "  cocoatly install http@^2.0 --registry ./registry",
            "  cocoatly install jq --json --quiet",
            "", "Exit codes: 0 installed, 1 unsatisfiable, 2 invalid input, 3 (--locked) lockfile missing or stale,",
            "4 download, verification or installation failed (nothing was changed)."})
final class InstallCommand implements Callable<Integer> {

    private final Context context;

    @Parameters(paramLabel = "PACKAGE", arity = "0..*", description = "NAME or NAME@RANGE to install globally.")
    List<String> packages = new ArrayList<>();

    @Option(names = "--manifest", paramLabel = "FILE", defaultValue = Manifests.FILE_NAME,
            description = "The project's manifest (default: ${DEFAULT-VALUE}).")
    String manifest;

    @Option(names = "--registry", paramLabel = "DIR|URL",
            description = "Registry directory or URL (" + RegistryOptions.DEFAULT + ").")
    String registry;

    @Mixin
    RemoteFlags remote;

    @Option(names = "--locked", description = "Never lock: exit 3 unless `lock --check` passes.")
    boolean locked;

    @Option(names = "--json", description = "Print one JSON document {\"success\", \"data\", \"error\"}.")
    boolean json;

    InstallCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        InstallerSetup setup = InstallerSetup.open(context, context.path(manifest), registry, remote).warnUnless(json, context);
        return packages.isEmpty() ? project(setup) : global(setup);
    }

    private int project(InstallerSetup setup) {
        ProjectFiles project = ProjectFiles.open(context, manifest);
        if (locked) {
            // Exactly what `lock --check` refuses, through the same call; it needs the registry.
            Lockfile lockfile = project.requireLockfile();
            LockCheck.require(lockfile, project.manifest(), setup.index(), Optional.empty(), project.lockfileName());
            return install(setup, project, lockfile, false);
        }
        Optional<Lockfile> existing = project.lockfile();
        boolean stale = existing.map(l -> !l.manifest().requirementsDigest().equals(RequirementsDigest.of(project.manifest())))
                .orElse(false);
        Lockfile lockfile;
        boolean lockedFirst = existing.isEmpty() || stale;
        if (lockedFirst) {
            FileRegistry index = setup.index();
            VersionPolicy policy = existing.map(l -> l.resolver().multipleVersions()).orElse(VersionPolicy.ONE_PER_PACKAGE);
            Relock relock = new Relock(index, index.location(), project.manifest(), policy, Optional.empty());
            lockfile = Busy.during(context, json, Busy.RESOLVING, () -> relock.lock(existing)).lockfile();
            LockfileWriter.write(lockfile, project.lockfilePath());
            if (!json) {
                context.status("wrote " + project.lockfileName());
            }
        } else {
            lockfile = existing.get();
        }
        return install(setup, project, lockfile, lockedFirst);
    }

    /**
     * Applies {@code lockfile} to the project's installation. A format-2 lockfile is installed from
     * the URLs it records, without any registry; a format-1 one resolves its relative artifact URLs
     * against the registry given.
     */
    private int install(InstallerSetup setup, ProjectFiles project, Lockfile lockfile, boolean lockedFirst) {
        Path projectDir = project.lockfilePath().getParent();
        Installer installer = setup.project(projectDir);
        InstallOutcome outcome = apply(installer, new InstallRequest(lockfile, setup.registryRoot()));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("installation", projectDir.resolve(InstallerSetup.PROJECT_DIR).toString());
        extra.put("lockfile", project.lockfilePath().toString());
        extra.put("locked_first", lockedFirst);
        return report(outcome, extra, setup);
    }

    /**
     * Adds the packages to {@code global.json} and installs the result, reading, resolving, applying
     * and recording as one change under the home's lock, so concurrent global installs and
     * uninstalls neither lose nor undo each other's changes.
     */
    private int global(InstallerSetup setup) {
        Home home = setup.home().create();
        List<Dependency> added = new ArrayList<>();
        for (String spec : packages) {
            int at = spec.indexOf('@');
            String name = at < 0 ? spec : spec.substring(0, at);
            String range = at < 0 ? "*" : spec.substring(at + 1);
            added.add(Dependency.parse(name, range));
        }
        GlobalChange change = new GlobalChange(home.root(), current -> {
            Manifest wanted = current;
            for (Dependency d : added) {
                wanted = GlobalManifest.with(wanted, d);
            }
            return wanted;
        });
        InstallOutcome outcome = apply(setup.global(), state -> {
            FileRegistry index = setup.index();
            Relock relock = new Relock(index, index.location(), change.wanted(), VersionPolicy.ONE_PER_PACKAGE,
                    Optional.empty());
            Lockfile lockfile = Busy.during(context, json, Busy.RESOLVING, () -> relock.lock(change.previousLockfile()))
                    .lockfile();
            change.lockfile(lockfile);
            return new InstallRequest(lockfile, setup.registryRoot());
        }, change);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("installation", home.root().toString());
        extra.put("requested", packages);
        return report(outcome, extra, setup);
    }

    private InstallOutcome apply(Installer installer, InstallRequest request) {
        return apply(installer, state -> request, CommitHook.NONE);
    }

    private InstallOutcome apply(Installer installer, Function<State, InstallRequest> decide, CommitHook hook) {
        InstallProgress progress = new InstallProgress(context, json);
        try {
            return installer.apply(decide, hook, progress);
        } finally {
            progress.close();
        }
    }

    private int report(InstallOutcome outcome, Map<String, Object> extra, InstallerSetup setup) {
        if (json) {
            Map<String, Object> data = new LinkedHashMap<>(extra);
            data.putAll(InstallJson.outcome(outcome));
            data.put("warnings", setup.settings().warnings());
            Json.write(context.out(), Envelope.success(data));
            return ExitCodes.OK;
        }
        if (!context.console().quiet()) {
            context.out().print(context.console().out().diff(InstallJson.diffText(outcome.plan())));
            context.out().println(InstallJson.summary(outcome));
        }
        context.out().flush();
        return ExitCodes.OK;
    }
}
