package io.cocoatly.cli;

import io.cocoatly.project.Relock;
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
@Command(name = "lock", mixinStandardHelpOptions = true,
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
        ProjectFiles project = ProjectFiles.openWorkspace(context, manifest);
        if (check) {
            return check(project, project.requireLockfile());
        }
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

    // A stale lockfile is refused by LockCheck.require, the same call `install --locked` makes; the
    // problems are printed where every error is (Cli.report), so both commands print them alike.
    private int check(ProjectFiles project, Lockfile lockfile) {
        CommandSettings settings = registry.settings(context, "cocoatly lock --check", project.manifestPath());
        FileRegistry index = settings.openRegistry();
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
