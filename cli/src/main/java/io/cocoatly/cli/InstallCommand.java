package io.cocoatly.cli;

import io.cocoatly.project.ChangeReasons;
import io.cocoatly.project.GlobalManifest;
import io.cocoatly.project.LockCheck;
import io.cocoatly.project.Relock;
import io.cocoatly.project.UnsatisfiableException;
import io.cocoatly.project.WorkspaceResolution;
import io.cocoatly.config.Home;
import io.cocoatly.installer.CommitHook;
import io.cocoatly.installer.InstallOutcome;
import io.cocoatly.installer.InstallPlan;
import io.cocoatly.installer.InstallRequest;
import io.cocoatly.installer.Installer;
import io.cocoatly.installer.State;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.LockfileDiff;
import io.cocoatly.lockfile.LockfileDiffText;
import io.cocoatly.lockfile.LockfileWriter;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.registry.FileRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cocoatly install}: apply the project's lockfile, or install packages globally. */
@Command(name = "install", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Install the project's locked packages, or NAME[@RANGE] globally.",
            "Without PACKAGE: make the project's installation (.cocoatly/ next to cocoatly.json) match",
            "cocoatly-lock.json, running `lock` first if there is none or it is stale (unless --locked).",
            "With PACKAGE[@RANGE]: add it to the global installation in the Cocoatly home, resolving with the",
            "installed versions preferred so nothing else moves unless it must. With -g and no PACKAGE: bring",
            "the global installation in line with its requirements (with --reinstall: repair it).",
            "Every artifact is downloaded and verified (digests, size, signature) before anything is unpacked;",
            "the installation changes all at once or not at all. Prints `+ added`, `- removed`, `~ a -> b`.",
            "--locked checks the lockfile against the registry and still reads it; --frozen installs the",
            "lockfile as it is, reading no registry index, and checks only that it was made for the manifest.",
            "In a workspace: one installation at the root; with -p MEMBER it holds only what those members need",
            "(the lockfile stays the whole workspace's) and what they do not need is removed."},
        footer = {"", "Examples:",
            "  cocoatly install --registry ./registry        # in a project directory",
            "  cocoatly install --locked                     # CI: exit 3 unless the lockfile is up to date",
            "  cocoatly install --production                 # without what only dev-dependencies need",
            "  cocoatly install --frozen                     # the lockfile as it is, no registry index (npm ci)",
            "  cocoatly install --dry-run                    # what would change; nothing is written",
            "  cocoatly install -p web                       # in a workspace: only what member web needs",
            "  cocoatly install --reinstall                  # repair what `cocoatly verify` finds damaged",
            "  cocoatly install -g --reinstall               # the same for the global installation",
            "  cocoatly install --reinstall-package tls      # unpack tls again, damaged or not",
            "  cocoatly install http@^2.0 --registry ./registry",
            "  cocoatly install http@^3 --explain            # no solution: the conflict and every fix",
            "  cocoatly install jq --json --quiet",
            "", "Exit codes: 0 installed (or, with --dry-run, planned), 1 unsatisfiable, 2 invalid input,",
            "3 (--locked, --frozen) lockfile missing or stale, 4 download, verification or installation failed",
            "(nothing was changed)."})
final class InstallCommand implements Callable<Integer> {

    private final Context context;

    @Parameters(paramLabel = "PACKAGE", arity = "0..*", description = "NAME or NAME@RANGE to install globally.")
    List<String> packages = new ArrayList<>();

    @Option(names = {"-g", "--global"}, description = "The global installation, also without PACKAGE (implied by"
            + " PACKAGE).")
    boolean global;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "The project's manifest (" + ManifestLocator.DEFAULT + ").")
    String manifest;

    @Option(names = "--registry", paramLabel = "DIR|URL",
            description = "Registry directory or URL (" + RegistryOptions.DEFAULT + ").")
    String registry;

    @Mixin
    RemoteFlags remote;

    @Option(names = "--locked", description = "Never lock: exit 3 unless `lock --check` passes (reads the registry).")
    boolean locked;

    @Option(names = "--production", description = "Leave out what only dev-dependencies need (the lockfile's"
            + " `dev` packages); removes them if installed.")
    boolean production;

    @Option(names = "--frozen", description = "Install the lockfile as it is: never resolve or write it, read no registry"
            + " index; exit 3 if it is missing or was made for other requirements.")
    boolean frozen;

    @Option(names = "--dry-run", description = "Print what would change (packages, and the lockfile if it would be written)"
            + " and change nothing: no lockfile, no state, no download.")
    boolean dryRun;

    @Option(names = "--reinstall", description = "Also reinstall every installed package whose files `verify` finds changed,"
            + " missing or extra (hashes every installed file).")
    boolean reinstall;

    @Option(names = "--reinstall-package", paramLabel = "NAME",
            description = "Reinstall NAME even if its files are intact (repeatable).")
    List<String> reinstallPackages = new ArrayList<>();

    @Option(names = "--explain", description = "If no selection satisfies the requirements, print the conflict and every"
            + " verified fix, as `resolve --explain` does.")
    boolean explain;

    @Mixin
    MemberSelection.Options members;

    @Option(names = "--json", description = "Print one JSON document {\"success\", \"data\", \"error\"}.")
    boolean json;

    /** The workspace members to install for, set by {@link #project}; empty for an ordinary project. */
    private Optional<MemberSelection> selection = Optional.empty();

    InstallCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        InstallerSetup setup = InstallerSetup.open(context, ManifestLocator.locate(context, manifest), registry, remote).warnUnless(json, context);
        boolean toGlobal = global || !packages.isEmpty();
        if (frozen && toGlobal) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`--frozen` installs a project's lockfile as it"
                    + " is; a global install (`install NAME`) always resolves", List.of("run `cocoatly install --frozen`"
                    + " in the project's directory, without package names"));
        }
        if (frozen && locked) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`--frozen` and `--locked` cannot be combined:"
                    + " `--locked` reads the registry's index, `--frozen` reads none", List.of("pass one of them: `--frozen`"
                    + " for the lockfile as it is, `--locked` to also check it against the registry"));
        }
        if (members.given() && toGlobal) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`--package` and `--workspace` choose the members"
                    + " of a workspace to install for, not a global install", List.of("leave them out, or the package names"));
        }
        if (production && toGlobal) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`--production` applies to the project's"
                    + " installation, not to a global install", List.of("leave out `--production`, or the package names"));
        }
        try {
            return toGlobal ? global(setup) : project(setup);
        } catch (UnsatisfiableException e) {
            // `resolve --explain` reads a project's manifest; the global requirements plus the
            // packages asked for are explained by this very command with --explain.
            String hint = !toGlobal ? ResolveCommand.EXPLAIN_HINT : "run `" + explainCommand()
                    + "` for every suggested fix and what it would select";
            if (explain) {
                return ResolveCommand.explainUnsatisfiable(context, e.root(), e.resolution(), json, hint);
            }
            throw ResolveCommand.unsatisfiable(e.root(), e.resolution(), ExplanationJson.width(context), hint);
        }
    }

    /** This global install as a command that explains its failure. */
    private String explainCommand() {
        return "cocoatly install " + (packages.isEmpty() ? "-g" : String.join(" ", packages))
                + (registry == null ? "" : " --registry " + registry)
                + " --explain";
    }

    private int project(InstallerSetup setup) {
        ProjectFiles.Location location = ProjectFiles.locate(context, manifest);
        if (locked) {
            return locked(setup, location);
        }
        ProjectFiles project = location.open();
        selection = project.members(members);
        if (frozen) {
            // No registry index: only whether the lockfile was made for this manifest.
            Lockfile lockfile = project.requireLockfile();
            project.requireManifestCurrent(lockfile);
            return install(setup, project, lockfile, false, Optional.empty());
        }
        Optional<Lockfile> existing = project.lockfile();
        boolean stale = existing.map(l -> !l.manifest().requirementsDigest().equals(project.requirementsDigest()))
                .orElse(false);
        if (existing.isPresent() && !stale) {
            return install(setup, project, existing.get(), false, Optional.empty());
        }
        FileRegistry index = setup.index();
        VersionPolicy policy = existing.map(l -> l.resolver().multipleVersions()).orElse(VersionPolicy.ONE_PER_PACKAGE);
        Relock relock = project.relock(index, policy, Optional.empty());
        Lockfile lockfile = Busy.during(context, json, Busy.RESOLVING, () -> relock.lock(existing)).lockfile();
        if (dryRun) {
            LockfileDiff diff = LockfileDiff.between(existing.map(Lockfile::ids).orElse(List.of()), lockfile.ids());
            return install(setup, project, lockfile, true, Optional.of(new UnwrittenLockfile(diff,
                    new ChangeReasons(index, project.manifest(), lockfile, Set.of()))));
        }
        LockfileWriter.write(lockfile, project.lockfilePath());
        if (!json) {
            context.status("wrote " + project.lockfileName());
        }
        return install(setup, project, lockfile, true, Optional.empty());
    }

    /** What {@link #locked} reads besides the manifests. */
    private record Locked(Lockfile lockfile, FileRegistry index) {
    }

    /**
     * {@code install --locked}: exactly what {@code lock --check} refuses, through the same call, and
     * read as it reads: the lockfile and the registry entries it locks ahead, on a second thread while
     * this one reads a workspace's manifests ({@link ProjectFiles.Location#readAhead}), the errors in
     * the order of reading one after the other.
     */
    private int locked(InstallerSetup setup, ProjectFiles.Location location) {
        ReadAhead<Locked> ahead = location.readAhead(() -> {
            Lockfile lockfile = location.requireLockfile();
            FileRegistry index = setup.index();
            LockCheck.readAhead(lockfile, index);
            return new Locked(lockfile, index);
        });
        ProjectFiles project = location.open();
        selection = project.members(members);
        project.workspace().ifPresent(WorkspaceResolution::manifestInfo); // kept for the check, while the other thread reads
        Locked read = ahead.join();
        project.requireCurrent(read.lockfile(), read.index(), Optional.empty());
        return install(setup, project, read.lockfile(), false, Optional.empty());
    }

    /** The lockfile a dry run would have written: how it differs from the one there, and why. */
    private record UnwrittenLockfile(LockfileDiff diff, ChangeReasons reasons) {

        List<String> lines(ProjectFiles project) {
            List<String> lines = new ArrayList<>();
            lines.add("Would write " + project.lockfileName() + (diff.isEmpty() ? " (no package changes)." : ":"));
            diff.changes().forEach(c -> lines.add("  " + LockfileDiffText.line(c) + " (" + reasons.of(c) + ")"));
            return lines;
        }
    }

    /**
     * Applies {@code lockfile} to the project's installation, or with {@code --dry-run} reports what
     * applying it would do. A format-2 lockfile is installed from the URLs it records, without any
     * registry; a format-1 one resolves its relative artifact URLs against the registry given.
     *
     * @param unwritten with {@code --dry-run}, the lockfile that locking first would have written
     */
    private int install(InstallerSetup setup, ProjectFiles project, Lockfile lockfile, boolean lockedFirst,
            Optional<UnwrittenLockfile> unwritten) {
        Path projectDir = project.lockfilePath().getParent();
        Installer installer = setup.project(projectDir);
        // The lockfile stays the whole workspace's; the installation holds what the chosen members
        // need, and is kept so (InstallScope) when add and remove install it again.
        // No warning can come of it: the members were just chosen from this very workspace.
        InstallScope scope = InstallScope.of(selection, production);
        Lockfile installed = scope.of(lockfile, selection.map(MemberSelection::workspace), new ArrayList<>());
        InstallRequest request = new InstallRequest(installed, setup.registryRoot()).withReinstall(reinstall(installed));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("installation", projectDir.resolve(InstallerSetup.PROJECT_DIR).toString());
        extra.put("lockfile", project.lockfilePath().toString());
        extra.put("locked_first", lockedFirst);
        extra.put("production", production);
        selection.ifPresent(s -> extra.put("members", s.names().stream().map(PackageName::value).toList()));
        if (dryRun) {
            extra.put("lockfile_changes", unwritten.map(u -> LockfileUpdate.changes(u.diff(), u.reasons()))
                    .orElse(List.of()));
            return reportPlan(installer.plan(request), extra, unwritten.map(u -> u.lines(project)).orElse(List.of()),
                    setup);
        }
        InstallOutcome outcome = apply(installer, request);
        scope.write(projectDir.resolve(InstallerSetup.PROJECT_DIR));
        return report(outcome, extra, setup);
    }

    /**
     * What to reinstall although installed: with {@code --reinstall} whatever is damaged, and the
     * packages {@code --reinstall-package} names.
     *
     * @throws CocoatlyException {@code unknown-package} (exit 2) for a name {@code lockfile} does not have
     */
    private InstallRequest.Reinstall reinstall(Lockfile lockfile) {
        Set<PackageName> names = new TreeSet<>();
        for (String name : reinstallPackages) {
            PackageName n = PackageName.of(name);
            if (lockfile.packages().stream().noneMatch(p -> p.name().equals(n))) {
                throw new CocoatlyException(ErrorKind.INVALID_INPUT, "unknown-package", "`--reinstall-package " + n
                        + "`: `" + n + "` is not among the packages to install", List.of("`cocoatly list` shows what is"
                        + " installed"));
            }
            names.add(n);
        }
        return new InstallRequest.Reinstall(reinstall, names);
    }

    /**
     * Adds the packages to {@code global.json} and installs the result, reading, resolving, applying
     * and recording as one change under the home's lock, so concurrent global installs and
     * uninstalls neither lose nor undo each other's changes.
     */
    private int global(InstallerSetup setup) {
        Home home = dryRun ? setup.home() : setup.home().create();
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
        Function<State, InstallRequest> decide = state -> {
            FileRegistry index = setup.index();
            Relock relock = new Relock(index, index.location(), change.wanted(), VersionPolicy.ONE_PER_PACKAGE,
                    Optional.empty());
            Lockfile lockfile = Busy.during(context, json, Busy.RESOLVING, () -> relock.lock(change.previousLockfile()))
                    .lockfile();
            change.lockfile(lockfile);
            return new InstallRequest(lockfile, setup.registryRoot()).withReinstall(reinstall(lockfile));
        };
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("installation", home.root().toString());
        extra.put("requested", packages);
        if (dryRun) {
            // Decided from the files as they are, without the lock: a dry run changes nothing, so
            // it neither waits for another run nor finishes what an interrupted one left.
            change.preview();
            Installer installer = setup.global();
            return reportPlan(installer.plan(decide.apply(installer.state())), extra, List.of(), setup);
        }
        return report(apply(setup.global(), decide, change), extra, setup);
    }


    private InstallOutcome apply(Installer installer, InstallRequest request) {
        return apply(installer, state -> request, CommitHook.NONE);
    }

    private InstallOutcome apply(Installer installer, Function<State, InstallRequest> decide, CommitHook hook) {
        return ProjectInstall.apply(context, installer, decide, hook, json);
    }

    /** Reports a plan not carried out ({@code --dry-run}): its lines, the summary, and that nothing changed. */
    private int reportPlan(InstallPlan plan, Map<String, Object> extra, List<String> lockfileLines, InstallerSetup setup) {
        if (json) {
            Map<String, Object> data = new LinkedHashMap<>(extra);
            data.putAll(InstallJson.dryRun(plan));
            data.put("warnings", setup.settings().warnings());
            Json.write(context.out(), Envelope.success(data));
            return ExitCodes.OK;
        }
        if (!context.console().quiet()) {
            lockfileLines.forEach(line -> context.out().println(context.console().out().diffLine(line)));
            context.out().print(context.console().out().diff(InstallJson.diffText(plan)));
            context.out().println(InstallJson.plannedSummary(plan));
            context.out().println(InstallJson.DRY_RUN);
        }
        context.out().flush();
        return ExitCodes.OK;
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
