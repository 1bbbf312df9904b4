package io.cocoatly.cli;

import io.cocoatly.project.GlobalManifest;
import io.cocoatly.installer.UninstallOutcome;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cocoatly uninstall}: remove globally installed packages. */
@Command(name = "uninstall", mixinStandardHelpOptions = true,
        description = {"Remove packages from the global installation.",
            "Every installed version of each NAME goes: the files recorded at install time are deleted",
            "(never anything outside the package's directory) and the package is dropped from global.json.",
            "A package another installed package needs is kept unless --force."},
        footer = {"", "Examples:",
            "  cocoatly uninstall jq",
            "  cocoatly uninstall tls --force          # even though http needs it",
            "", "Exit codes: 0 removed, 2 invalid input, 4 not installed, needed by others, or removal failed."})
final class UninstallCommand implements Callable<Integer> {

    private final Context context;

    @Parameters(paramLabel = "NAME", arity = "1..*", description = "Packages to remove.")
    List<String> names = new ArrayList<>();

    @Option(names = "--force", description = "Remove even packages other installed packages depend on.")
    boolean force;

    @Option(names = "--json", description = "Print one JSON document {\"success\", \"data\", \"error\"}.")
    boolean json;

    UninstallCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        InstallerSetup setup = InstallerSetup.open(context).warnUnless(json, context);
        List<PackageName> packages = names.stream().map(PackageName::of).toList();
        // global.json loses the names in the same change, under the lock (see GlobalChange).
        GlobalChange change = new GlobalChange(setup.home().root(), current -> {
            Manifest wanted = current;
            for (PackageName n : packages) {
                wanted = GlobalManifest.without(wanted, n);
            }
            return wanted;
        });
        UninstallOutcome outcome = setup.global().uninstall(packages, force, change, new InstallProgress(context, json));
        if (json) {
            Map<String, Object> data = new LinkedHashMap<>(InstallJson.uninstall(outcome));
            data.put("warnings", setup.settings().warnings());
            Json.write(context.out(), Envelope.success(data));
        } else if (!context.console().quiet()) {
            outcome.removed().forEach(id -> context.out().println(context.console().out().diffLine("- " + id.name() + " "
                    + id.version())));
            if (!outcome.dependents().isEmpty()) {
                context.warn("still installed and now missing a dependency: "
                        + String.join(", ", InstallJson.ids(outcome.dependents())));
            }
        }
        context.out().flush();
        return ExitCodes.OK;
    }
}
