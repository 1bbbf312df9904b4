package io.cocoatly.cli;

import io.cocoatly.registry.FileRegistry;
import io.cocoatly.registry.LeftOutRelease;
import io.cocoatly.solver.CheckReport;
import io.cocoatly.solver.Resolver;
import io.cocoatly.solver.VersionCheck;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cocoatly check}: which versions of a registry cannot be installed, and why. */
@Command(name = "check", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Check that every version in a registry can be installed, as dose-distcheck does.",
            "A version is installable if a project depending on exactly that version resolves. Yanked",
            "versions are checked as if pinned, but never satisfy another package's dependency.",
            "Release entries that cannot be read are left out and listed. A registry that cannot list",
            "its index (over HTTP) is read through its names.json."},
        footer = {"", "Examples:",
            "  cocoatly check --registry ./registry",
            "  cocoatly check --registry ./registry --multiple-versions=semver-major --json",
            "  cocoatly check --registry ./registry --json --explain",
            "", "Exit codes: 0 every version installable, 1 some version cannot be installed, 2 invalid input."})
final class CheckCommand implements Callable<Integer> {

    private final Context context;

    @Mixin
    RegistryOptions registry;

    @Option(names = "--json", description = "Print one JSON document {\"success\", \"data\", \"error\"}.")
    boolean json;

    // The text output names every reason; a JSON reader who only wants the verdicts should not pay for
    // resolving each uninstallable version once more (docs/performance.md#registry-wide-check).
    @Option(names = "--explain", description = {"With --json: give each uninstallable version's reason, as the text",
        "output always does (slower: each is resolved once more)."})
    boolean explain;

    CheckCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        // check has no --manifest: the settings are the nearest project's, if there is one.
        CommandSettings settings = registry.settings(context, "cocoatly check", ManifestLocator.locate(context, null));
        FileRegistry index = settings.openRegistry();
        if (!json) {
            settings.printWarnings(context);
        }
        // Over HTTP the names come from names.json; a directory lists index/.
        CheckReport report = new Resolver(index).check(index.packageNames(), registry.policy(), explain || !json);
        // Every index file has been read by now, so this is every entry left out.
        List<LeftOutRelease> leftOut = index.leftOut();
        if (json) {
            Map<String, Object> data = data(report, leftOut);
            data.put("warnings", settings.warnings());
            Json.write(context.out(), Envelope.success(data));
        } else {
            print(context.out(), report, leftOut);
        }
        return report.uninstallable() > 0 ? ExitCodes.NEGATIVE : ExitCodes.OK;
    }

    private static void print(PrintWriter out, CheckReport report, List<LeftOutRelease> leftOut) {
        for (VersionCheck c : report.results()) {
            if (!c.installable()) {
                out.println(c.id() + ": " + c.reason().orElse("cannot be installed"));
            }
        }
        if (!leftOut.isEmpty()) {
            int n = leftOut.size();
            out.println(n + (n == 1 ? " release entry" : " release entries") + " could not be read and "
                    + (n == 1 ? "was" : "were") + " left out:");
            leftOut.forEach(entry -> out.println("  " + entry.file() + ": " + entry.jsonPath() + ": " + entry.problem()));
        }
        int total = report.results().size();
        long bad = report.uninstallable();
        if (bad == 0) {
            out.println("All " + total + (total == 1 ? " version" : " versions") + " can be installed.");
        } else {
            out.println(bad + " of " + total + (total == 1 ? " version" : " versions") + " cannot be installed.");
        }
        out.flush();
    }

    private static Map<String, Object> data(CheckReport report, List<LeftOutRelease> leftOut) {
        List<Object> results = new ArrayList<>();
        for (VersionCheck c : report.results()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", c.id().name().value());
            entry.put("version", c.id().version().toString());
            entry.put("installable", c.installable());
            c.reason().ifPresent(r -> entry.put("reason", r));
            results.add(entry);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("results", results);
        data.put("versions", report.results().size());
        data.put("installable", report.results().size() - report.uninstallable());
        data.put("uninstallable", report.uninstallable());
        List<Object> entries = new ArrayList<>();
        for (LeftOutRelease entry : leftOut) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("package", entry.name().value());
            e.put("file", entry.file());
            e.put("path", entry.jsonPath());
            e.put("problem", entry.problem());
            entries.add(e);
        }
        data.put("left-out", entries);
        return data;
    }
}
