package io.cocoatly.cli;

import io.cocoatly.model.PackageName;
import io.cocoatly.project.WorkspaceResolution;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.solver.Explanation;
import io.cocoatly.solver.ExplanationText;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.SelectionExplanation;
import io.cocoatly.solver.SelectionText;
import io.cocoatly.solver.ResolveRequest;
import io.cocoatly.solver.Resolver;
import io.cocoatly.solver.Statistics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cocoatly resolve}: the proven-optimal selection for a manifest, or why there is none. */
@Command(name = "resolve", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Resolve the manifest's dependencies against a registry and print the selected versions.",
            "The selection is optimal in this order: fewest changes to preferred versions, newest direct",
            "dependencies, newest transitive dependencies, fewest packages; the summary says whether the",
            "optimum was proven. In a workspace: the union of every member's requirements, as `lock` resolves",
            "it (the members themselves are not listed)."},
        footer = {"", "Examples:",
            "  cocoatly resolve --registry ./registry",
            "  cocoatly resolve --manifest app/cocoatly.json --registry ./registry --json",
            "  COCOATLY_REGISTRY=./registry cocoatly resolve --multiple-versions=semver-major --timeout 2s",
            "  cocoatly resolve --explain          # why each version, or why there is no solution and how to fix it",
            "", "Exit codes: 0 resolved, 1 no selection satisfies the requirements, 2 invalid input."})
final class ResolveCommand implements Callable<Integer> {

    private final Context context;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "The project's manifest (" + ManifestLocator.DEFAULT + ").")
    String manifest;

    @Mixin
    RegistryOptions registry;

    @Option(names = "--json", description = "Print one JSON document {\"success\", \"data\", \"error\"}.")
    boolean json;

    @Option(names = "--explain", description = {"Explain the outcome: with a solution, the requirement paths to each",
        "version and why a newer one was not taken; without, the conflict and verified fixes."})
    boolean explain;

    @Option(names = "--prereleases", description = "Rank prereleases like releases instead of below them.")
    boolean prereleases;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Stop optimising after this long and print the best selection found, e.g. 500ms, 2s, 1m.")
    String timeout;

    ResolveCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path manifestPath = ManifestLocator.use(context, manifest);
        CommandSettings settings = registry.settings(context, "cocoatly resolve", ManifestLocator.locate(context, manifest));
        FileRegistry registryIndex = settings.openRegistry();
        if (!json) {
            settings.printWarnings(context);
        }
        ResolveInput input = ResolveInput.of(manifestPath, registryIndex);
        ResolveRequest request = input.request().withPolicy(registry.policy()).withAllowPrereleases(prereleases);
        if (timeout != null) {
            request = request.withTimeout(Durations.parse("--timeout", timeout));
        }
        Set<PackageName> members = input.workspace().map(WorkspaceResolution::memberNames).orElse(Set.of());
        Resolver resolver = new Resolver(input.index());
        ResolveRequest asked = request;
        Resolution resolution = Busy.during(context, json, Busy.RESOLVING, () -> resolver.resolve(asked));
        int width = ExplanationJson.width(context);
        if (resolution instanceof Resolution.Unsatisfiable u) {
            if (!explain && !json) {
                throw unsatisfiable(request.root(), u, width);
            }
            return explainUnsatisfiable(context, request.root(), u, json, EXPLAIN_HINT);
        }
        Resolution.Solved solved = (Resolution.Solved) resolution;
        SelectionExplanation why = explain ? resolver.explain(request, solved) : null;
        if (json) {
            Map<String, Object> data = data(solved, members);
            if (why != null) {
                data.put("explanation", ExplanationJson.of(why));
            }
            data.put("warnings", settings.warnings());
            Json.write(context.out(), Envelope.success(data));
        } else {
            printTable(context.out(), solved, request, members);
            if (why != null) {
                context.out().println();
                context.out().print(SelectionText.render(why, width));
                context.out().flush();
            }
        }
        return ExitCodes.OK;
    }

    /** The last hint of {@link #unsatisfiable}: where to see every fix, for a project's manifest. */
    static final String EXPLAIN_HINT = "run `cocoatly resolve --explain` for every suggested fix and what it would select";

    /**
     * Shows why there is no solution, for {@code resolve --explain} and {@code install --explain}:
     * with {@code json} the error envelope with {@code error.explanation}; else the derivation and
     * every verified fix on stdout. Returns exit code 1.
     *
     * @param explainHint the last hint of the error, when the solver gave no explanation to show
     * @throws CocoatlyException {@link #unsatisfiable} when the solver gave no explanation (text)
     */
    static int explainUnsatisfiable(Context context, Manifest root, Resolution.Unsatisfiable u, boolean json,
            String explainHint) {
        int width = ExplanationJson.width(context);
        // JSON readers wrap for themselves.
        CocoatlyException e = unsatisfiable(root, u, json ? Integer.MAX_VALUE : width, explainHint);
        if (json && u.explanation().isPresent()) {
            Json.write(context.out(), Envelope.failure(e, null,
                    Map.of("explanation", ExplanationJson.of(u.explanation().get()))));
            return ExitCodes.NEGATIVE;
        }
        if (u.explanation().isEmpty()) {
            throw e;
        }
        PrintWriter out = context.out();
        out.print(ExplanationText.render(u.explanation().get(), width));
        String fixes = ExplanationText.suggestions(u.explanation().get(), width);
        if (!fixes.isEmpty()) {
            out.println();
            out.print(fixes);
        }
        out.flush();
        return ExitCodes.NEGATIVE;
    }

    static CocoatlyException unsatisfiable(Manifest root, Resolution.Unsatisfiable u) {
        return unsatisfiable(root, u, 100);
    }

    /** The error for no solution: the explanation's prose as the message, the first fix as a hint. */
    static CocoatlyException unsatisfiable(Manifest root, Resolution.Unsatisfiable u, int width) {
        return unsatisfiable(root, u, width, EXPLAIN_HINT);
    }

    /**
     * As {@link #unsatisfiable(Manifest, Resolution.Unsatisfiable, int)}, ending in {@code explainHint}:
     * the command that shows every fix, which for the global installation is not {@code resolve}.
     */
    static CocoatlyException unsatisfiable(Manifest root, Resolution.Unsatisfiable u, int width, String explainHint) {
        String names = u.packages().stream().sorted().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
        if (u.explanation().isEmpty()) {
            return new CocoatlyException(ErrorKind.NEGATIVE, "unsatisfiable", "no selection of versions satisfies the requirements of `"
                    + root.id() + "`: the conflict involves " + names,
                    List.of("loosen a requirement on " + names + ", or check the registry for versions that fit"));
        }
        Explanation x = u.explanation().get();
        List<String> hints = new ArrayList<>();
        if (!x.suggestions().isEmpty()) {
            hints.add(ExplanationText.change(x, x.suggestions().get(0)));
        }
        hints.add(explainHint);
        return new CocoatlyException(ErrorKind.NEGATIVE, "unsatisfiable", "no selection of versions satisfies the requirements of `"
                + root.id() + "`:\n" + ExplanationJson.prose(x, width), hints);
    }

    /** The selected packages but the workspace's members, which are not registry packages. */
    private static List<Resolution.SelectedPackage> selected(Resolution.Solved solved, Set<PackageName> members) {
        return solved.packages().stream().filter(p -> !members.contains(p.id().name())).toList();
    }

    private void printTable(PrintWriter out, Resolution.Solved solved, ResolveRequest request, Set<PackageName> members) {
        List<Resolution.SelectedPackage> selected = selected(solved, members);
        int nameWidth = "name".length();
        int versionWidth = "version".length();
        for (Resolution.SelectedPackage p : selected) {
            nameWidth = Math.max(nameWidth, p.id().name().value().length());
            versionWidth = Math.max(versionWidth, p.id().version().toString().length());
        }
        out.println(pad("name", nameWidth) + "  " + pad("version", versionWidth) + "  kind");
        for (Resolution.SelectedPackage p : selected) {
            out.println(pad(p.id().name().value(), nameWidth) + "  " + pad(p.id().version().toString(), versionWidth)
                    + "  " + (p.direct() ? "direct" : "transitive"));
        }
        int n = selected.size();
        String how = solved.optimal() ? "optimum proven"
                : "best found within " + Durations.format(request.timeout().orElse(Duration.ZERO))
                + "; optimum not proven";
        out.println("Resolved " + n + (n == 1 ? " package" : " packages") + " in "
                + millis(solved.statistics().total()) + " ms (" + how + ").");
        out.flush();
    }

    private static Map<String, Object> data(Resolution.Solved solved, Set<PackageName> members) {
        List<Object> packages = new ArrayList<>();
        for (Resolution.SelectedPackage p : selected(solved, members)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", p.id().name().value());
            entry.put("version", p.id().version().toString());
            entry.put("direct", p.direct());
            entry.put("dependencies", p.dependencies().stream().map(PackageId::toString).toList());
            packages.add(entry);
        }
        Map<String, Object> objective = new LinkedHashMap<>();
        List<String> levels = Resolution.OBJECTIVE_LEVELS;
        for (int i = 0; i < levels.size() && i < solved.objective().size(); i++) {
            objective.put(levels.get(i), solved.objective().get(i));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("packages", packages);
        data.put("optimal", solved.optimal());
        data.put("objective", objective);
        data.put("statistics", statistics(solved.statistics()));
        return data;
    }

    static Map<String, Object> statistics(Statistics s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("packages-loaded", s.packagesLoaded());
        m.put("variables", s.variables());
        m.put("constraints", s.constraints());
        m.put("solver-calls", s.solverCalls());
        m.put("load-ms", Double.parseDouble(millis(s.load())));
        m.put("encode-ms", Double.parseDouble(millis(s.encode())));
        m.put("solve-ms", Double.parseDouble(millis(s.solve())));
        m.put("total-ms", Double.parseDouble(millis(s.total())));
        return m;
    }

    static String millis(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toNanos() / 1e6);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
