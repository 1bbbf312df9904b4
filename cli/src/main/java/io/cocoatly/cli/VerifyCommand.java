package io.cocoatly.cli;

import io.cocoatly.installer.VerifyReport;
import io.cocoatly.model.PackageName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cocoatly verify}: re-hash installed files against what was installed. */
@Command(name = "verify", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Check installed files against what was installed.",
            "Re-hashes the installed files of each NAME (all packages if none) and compares them with the",
            "file list recorded at install time: reports changed, missing and extra files per package. Looks at",
            "the project's installation in a directory with cocoatly.json, else the global one."},
        footer = {"", "Examples:",
            "  cocoatly verify",
            "  cocoatly verify http tls --json",
            "  cocoatly verify --global",
            "", "Exit codes: 0 everything as installed, 1 something changed, is missing or extra (a hint then names",
            "the `cocoatly install ... --reinstall` that puts it back), 2 invalid input, 4 a NAME is not installed."})
final class VerifyCommand implements Callable<Integer> {

    private final Context context;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Packages to check (default: all).")
    List<String> names = new ArrayList<>();

    @Mixin
    InstallationOption installation;

    @Option(names = "--json", description = "Print one JSON document {\"success\", \"data\", \"error\"}.")
    boolean json;

    VerifyCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<PackageName> packages = names.stream().map(PackageName::of).toList();
        InstallerSetup setup = InstallerSetup.open(context).warnUnless(json, context);
        VerifyReport report = installation.installer(context, setup).verify(packages);
        if (json) {
            Map<String, Object> data = new LinkedHashMap<>(InstallJson.verify(report));
            data.put("warnings", setup.settings().warnings());
            Json.write(context.out(), Envelope.success(data));
        } else if (!context.console().quiet()) {
            for (VerifyReport.PackageCheck c : report.packages()) {
                if (c.ok()) {
                    context.out().println("ok       " + c.id());
                    continue;
                }
                c.changed().forEach(p -> context.out().println("changed  " + c.id() + " " + p));
                c.missing().forEach(p -> context.out().println("missing  " + c.id() + " " + p));
                c.extra().forEach(p -> context.out().println("extra    " + c.id() + " " + p));
            }
            if (!report.ok()) {
                context.out().flush();
                context.err().println("hint: `" + repair() + "` puts back what was installed");
                context.err().flush();
            }
        }
        context.out().flush();
        return report.ok() ? ExitCodes.OK : ExitCodes.NEGATIVE;
    }

    /** The command that reinstalls what was found damaged, in the installation looked at. */
    private String repair() {
        return installation.isProject(context) ? "cocoatly install --reinstall" : "cocoatly install -g --reinstall";
    }
}
