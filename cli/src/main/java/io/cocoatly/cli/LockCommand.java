package io.cocoatly.cli;

import io.cocoatly.project.LockCheck;
import io.cocoatly.project.Relock;
import io.cocoatly.project.WorkspaceResolution;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.registry.FileRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cocoatly lock}: write the lockfile, moving as little as possible; {@code --check} for CI. */
@Command(name = "lock", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Resolve the manifest and write cocoatly-lock.json next to it (atomically).",
            "Versions already in the lockfile are kept unless the manifest or the registry forces a change",
            "(a new requirement, a yanked or removed version). Prints each change with its reason.",
            "With --check, write nothing: exit 0 if the lockfile matches the manifest and is still a valid",
            "solution in the registry, else exit 3 and list what differs."},
        footer = {"", "Examples:",
            "  cocoatly lock --registry ./registry",
            "  cocoatly lock --manifest app/cocoatly.json --registry ./registry --json",
            "  COCOATLY_REGISTRY=./registry cocoatly lock --check      # in CI",
            "", "Exit codes: 0 written or up to date, 1 no selection satisfies the requirements, 2 invalid input,",
            "3 (--check) lockfile missing or out of date, 4 the lockfile could not be written."})
final class LockCommand implements Callable<Integer> {

    private final Context context;

    @Spec
    CommandSpec spec;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "The project's manifest (" + ManifestLocator.DEFAULT + "); the lockfile goes next to it.")
    String manifest;

    @Mixin
    RegistryOptions registry;

    @Option(names = {"--check", "--locked"},
            description = "Write nothing; exit 3 if the lockfile is missing, stale or no longer valid.")
    boolean check;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Stop optimising after this long and lock the best selection found, e.g. 500ms, 2s.")
    String timeout;

    @Option(names = "--json", description = "Print one JSON document {\"success\", \"data\", \"error\"}.")
    boolean json;

    LockCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (check) {
            return check();
        }
        ProjectFiles project = ProjectFiles.openWorkspace(context, manifest);
        CommandSettings settings = registry.settings(context, "cocoatly lock", project.manifestPath());
        if (!json) {
            settings.printWarnings(context);
        }
        List<String> warnings = new ArrayList<>();
        Optional<Lockfile> existing = project.lockfileToReplace(warnings);
        FileRegistry index = settings.openRegistry();
        VersionPolicy policy = LockfileUpdate.policy(spec, registry, existing);
        Relock relock = project.relock(index, policy, Optional.ofNullable(timeout).map(t -> Durations.parse("--timeout", t)));
        Relock.Outcome outcome = Busy.during(context, json, Busy.RESOLVING, () -> relock.lock(existing));
        return LockfileUpdate.finish(context, project, index, existing,
                outcome.warnFirst(settings.warningsAnd(warnings, json)), Set.of(), json);
    }

    /** What {@link #check} reads besides the manifests. */
    private record Locked(Lockfile lockfile, CommandSettings settings, FileRegistry index) {
    }

    // A stale lockfile is refused by LockCheck.require, the same call `install --locked` makes; the
    // problems are printed where every error is (Cli.report), so both commands print them alike.
    // The lockfile, the settings, the registry and the entries it locks are read ahead, on a second
    // thread while this one reads a workspace's manifests (Location.readAhead); the errors come in
    // the order of reading one after the other: the manifests', the lockfile's, the settings', the
    // registry's.
    private int check() {
        ProjectFiles.Location location = ProjectFiles.locate(context, manifest);
        ReadAhead<Locked> ahead = location.readAhead(() -> {
            Lockfile lockfile = location.requireLockfile();
            CommandSettings settings = registry.settings(context, "cocoatly lock --check", location.manifestPath());
            FileRegistry index = settings.openRegistry();
            LockCheck.readAhead(lockfile, index);
            return new Locked(lockfile, settings, index);
        });
        ProjectFiles project = location.open();
        // Worked out (and kept) while the other thread may still be reading: the check asks for it.
        project.workspace().ifPresent(WorkspaceResolution::manifestInfo);
        Locked locked = ahead.join();
        Lockfile lockfile = locked.lockfile();
        CommandSettings settings = locked.settings();
        FileRegistry index = locked.index();
        if (!json) {
            settings.printWarnings(context);
        }
        Optional<VersionPolicy> asked = spec.commandLine().getParseResult().hasMatchedOption("--multiple-versions")
                ? Optional.of(registry.policy()) : Optional.empty();
        project.requireCurrent(lockfile, index, asked);
        if (json) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("lockfile", project.lockfileName());
            data.put("up-to-date", true);
            data.put("packages", lockfile.packages().size());
            data.put("warnings", settings.warnings());
            Json.write(context.out(), Envelope.success(data));
        } else {
            int n = lockfile.packages().size();
            context.out().println(project.lockfileName() + " is up to date: " + n + (n == 1 ? " package" : " packages")
                    + ", valid in registry `" + index.name() + "`.");
            context.out().flush();
        }
        return ExitCodes.OK;
    }
}
