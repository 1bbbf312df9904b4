package io.cocoatly.cli;

import io.cocoatly.project.GlobalManifest;
import io.cocoatly.installer.Installer;
import io.cocoatly.installer.State;
import io.cocoatly.installer.StatePackage;
import io.cocoatly.installer.UninstallOutcome;
import io.cocoatly.installer.UninstallPlan;
import io.cocoatly.installer.UninstallRequest;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cocoatly uninstall}: remove globally installed packages, and what only they needed. */
@Command(name = "uninstall", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Remove packages from the global installation.",
            "Every installed version of each NAME goes: the files recorded at install time are deleted",
            "(never anything outside the package's directory) and the package is dropped from global.json.",
            "What only the removed packages needed goes too (`- tls 1.2.0 (no longer needed)`), unless it is",
            "in global.json itself or --keep-orphans. A package another installed package needs is kept",
            "unless --force."},
        footer = {"", "Examples:",
            "  cocoatly uninstall jq",
            "  cocoatly uninstall http --dry-run       # what would go, orphans included; nothing changes",
            "  cocoatly uninstall http --keep-orphans  # leave tls, which only http needed",
            "  cocoatly uninstall tls --force          # even though http needs it",
            "", "Exit codes: 0 removed (or, with --dry-run, planned), 2 invalid input, 4 not installed, needed by",
            "others, or removal failed."})
final class UninstallCommand implements Callable<Integer> {

    private final Context context;

    @Parameters(paramLabel = "NAME", arity = "1..*", description = "Packages to remove.")
    List<String> names = new ArrayList<>();

    @Option(names = "--force", description = "Remove even packages other installed packages depend on.")
    boolean force;

    @Option(names = "--keep-orphans", description = "Keep the packages that only the removed ones needed.")
    boolean keepOrphans;

    @Option(names = "--dry-run", description = "Print what would be removed and change nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print one JSON document {\"success\", \"data\", \"error\"}.")
    boolean json;

    UninstallCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        InstallerSetup setup = InstallerSetup.open(context).warnUnless(json, context);
        Set<PackageName> packages = new TreeSet<>();
        names.forEach(n -> packages.add(PackageName.of(n)));
        // global.json loses the names in the same change, under the lock (see GlobalChange).
        GlobalChange change = new GlobalChange(setup.home().root(), current -> {
            Manifest wanted = current;
            for (PackageName n : packages) {
                wanted = GlobalManifest.without(wanted, n);
            }
            return wanted;
        });
        // What global.json still asks for after this change is never an orphan.
        Function<State, UninstallRequest> decide = state -> new UninstallRequest(packages, force, keepOrphans
                ? Optional.empty() : Optional.of(change.wanted().dependencies().stream().map(Dependency::name)
                .collect(Collectors.toSet())));
        if (dryRun) {
            change.preview();
            Installer installer = setup.global();
            return reportPlan(installer.planUninstall(decide.apply(installer.state())), setup);
        }
        UninstallOutcome outcome = setup.global().uninstall(decide, change, new InstallProgress(context, json));
        if (json) {
            Map<String, Object> data = new LinkedHashMap<>(InstallJson.uninstall(outcome));
            data.put("warnings", setup.settings().warnings());
            Json.write(context.out(), Envelope.success(data));
        } else if (!context.console().quiet()) {
            InstallJson.uninstallLines(outcome.removed(), outcome.orphans())
                    .forEach(line -> context.out().println(context.console().out().diffLine(line)));
            if (!outcome.dependents().isEmpty()) {
                context.warn("still installed and now missing a dependency: "
                        + String.join(", ", InstallJson.ids(outcome.dependents())));
            }
        }
        context.out().flush();
        return ExitCodes.OK;
    }

    private int reportPlan(UninstallPlan plan, InstallerSetup setup) {
        if (json) {
            Map<String, Object> data = new LinkedHashMap<>(InstallJson.uninstall(plan));
            data.put("warnings", setup.settings().warnings());
            Json.write(context.out(), Envelope.success(data));
        } else if (!context.console().quiet()) {
            InstallJson.uninstallLines(ids(plan.removed()), ids(plan.orphans()))
                    .forEach(line -> context.out().println(context.console().out().diffLine(line)));
            if (!plan.dependents().isEmpty()) {
                context.warn("would stay installed and miss a dependency: "
                        + String.join(", ", InstallJson.ids(plan.dependents())));
            }
            context.out().println(InstallJson.DRY_RUN);
        }
        context.out().flush();
        return ExitCodes.OK;
    }

    private static List<PackageId> ids(List<StatePackage> packages) {
        return packages.stream().map(StatePackage::id).toList();
    }
}
