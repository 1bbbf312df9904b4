package io.cocoatly.cli;

import io.cocoatly.project.Relock;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.registry.FileRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cocoatly update}: move packages to their newest allowed versions and rewrite the lockfile. */
@Command(name = "update", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Move locked packages to the newest versions allowed, and rewrite the lockfile.",
            "Moves the named packages (all locked packages if none is named) to the newest versions the",
            "manifest and the other packages allow, and only what must move with them; then write",
            "cocoatly-lock.json. Prints each change with its reason. In a workspace the whole workspace is",
            "relocked; with -p, \"all\" means the direct requirements of the chosen members. An http(s)",
            "registry's cached index files are revalidated (as with --refresh), so a version published a",
            "moment ago is seen."},
        footer = {"", "Examples:",
            "  cocoatly update --registry ./registry              # everything, as if there were no lockfile",
            "  cocoatly update http --registry ./registry         # http, and only what it forces",
            "  cocoatly update http tls --registry ./registry --json",
            "  cocoatly update --dry-run                          # the changes, with reasons; nothing is written",
            "  cocoatly update -p web                             # in a workspace: what member web requires",
            "", "Exit codes: 0 written (with --dry-run: computed) or up to date, 1 no selection satisfies the",
            "requirements, 2 invalid input (e.g. a name that is not locked), 3 a package was named but there is",
            "no lockfile, 4 the lockfile could not be written."})
final class UpdateCommand implements Callable<Integer> {

    private final Context context;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PACKAGE", arity = "0..*", description = "Packages to update (default: all).")
    List<String> packages = new ArrayList<>();

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "The project's manifest (" + ManifestLocator.DEFAULT + "); the lockfile is next to it.")
    String manifest;

    @Mixin
    RegistryOptions registry;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Stop optimising after this long and lock the best selection found, e.g. 500ms, 2s.")
    String timeout;

    @Option(names = "--dry-run", description = "Print the lockfile's changes and write nothing.")
    boolean dryRun;

    @Mixin
    MemberSelection.Options members;

    @Option(names = "--json", description = "Print one JSON document {\"success\", \"data\", \"error\"}.")
    boolean json;

    UpdateCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ProjectFiles project = ProjectFiles.openWorkspace(context, manifest);
        Optional<MemberSelection> selection = project.members(members);
        Set<PackageName> names = new TreeSet<>();
        for (String p : packages) {
            names.add(PackageName.of(p));
        }
        if (!names.isEmpty() && selection.isPresent() && !selection.get().all()) {
            // Named packages would silently win over the selection; say so instead.
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`update PACKAGE...` and `-p` cannot be combined",
                    List.of("name the packages to move, or pass -p MEMBER to move what those members require"));
        }
        CommandSettings settings = registry.settings(context, "cocoatly update", project.manifestPath()).revalidating();
        if (!json) {
            settings.printWarnings(context);
        }
        List<String> warnings = new ArrayList<>();
        boolean someMembers = names.isEmpty() && selection.isPresent() && !selection.get().all();
        Optional<Lockfile> existing = names.isEmpty() && !someMembers ? project.lockfileToReplace(warnings)
                : Optional.of(project.requireLockfile());
        if (someMembers) {
            // "All" of the chosen members: their direct requirements that are locked (members are not).
            Set<PackageName> direct = selection.get().directRequirements();
            existing.get().packages().stream().map(p -> p.name()).filter(direct::contains).forEach(names::add);
        }
        for (PackageName name : names) {
            if (existing.get().packages().stream().noneMatch(p -> p.name().equals(name))) {
                throw new CocoatlyException(ErrorKind.INVALID_INPUT, "unknown-package", "`" + name + "` is not in `" + project.lockfileName() + "`",
                        List.of("run `cocoatly tree` to see the locked packages"));
            }
        }
        FileRegistry index = settings.openRegistry();
        VersionPolicy policy = LockfileUpdate.policy(spec, registry, existing);
        Relock relock = project.relock(index, policy, Optional.ofNullable(timeout).map(t -> Durations.parse("--timeout", t)));
        // Chosen members with nothing locked to move: relock keeping every version (update would move all).
        boolean nothingToMove = someMembers && names.isEmpty();
        Relock.Outcome outcome = Busy.during(context, json, Busy.RESOLVING, () -> nothingToMove ? relock.lock(existing)
                : relock.update(existing, names)).warnFirst(settings.warningsAnd(warnings, json));
        Set<PackageName> requested = names.isEmpty() && !someMembers ? allNames(existing) : names;
        return LockfileUpdate.finish(context, project, index, existing, outcome, requested, json, dryRun);
    }

    private static Set<PackageName> allNames(Optional<Lockfile> existing) {
        Set<PackageName> all = new TreeSet<>();
        existing.ifPresent(l -> l.packages().forEach(p -> all.add(p.name())));
        return all;
    }
}
