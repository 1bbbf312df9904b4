package io.cocoatly.cli;

import io.cocoatly.json.Typos;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Workspace;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.solver.RequirementOrigin;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.ResolveRequest;
import io.cocoatly.solver.Resolver;
import io.cocoatly.solver.SelectionExplanation;
import io.cocoatly.solver.SelectionText;
import java.io.PrintWriter;
import java.nio.file.Path;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cocoatly why PACKAGE}: every requirement path from the project to a package in its resolution. */
@Command(name = "why", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Show why a package is in the resolution.",
            "Resolves the manifest and prints every path from the project to PACKAGE, with the",
            "requirement on each edge (like `cargo tree -i` or `npm why`). With a lockfile, its versions",
            "are kept as `cocoatly lock` keeps them (yanked ones too), so the paths are the locked ones."},
        footer = {"", "Examples:",
            "  cocoatly why tls --registry ./registry",
            "  cocoatly why clock --manifest app/cocoatly.json --json",
            "  cocoatly why tls -p web          # in a workspace: only the paths from member web",
            "", "Exit codes: 0 printed, 1 no selection satisfies the requirements, 2 invalid input",
            "(e.g. PACKAGE is not in the resolution)."})
final class WhyCommand implements Callable<Integer> {

    private final Context context;

    @Parameters(index = "0", paramLabel = "PACKAGE", description = "The package to explain.")
    String pkg;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "The project's manifest (" + ManifestLocator.DEFAULT + ").")
    String manifest;

    @Mixin
    RegistryOptions registry;

    @Spec
    CommandSpec spec;

    @Mixin
    MemberSelection.Options members;

    @Option(names = "--json", description = "Print one JSON document {\"success\", \"data\", \"error\"}.")
    boolean json;

    WhyCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path manifestPath = ManifestLocator.use(context, manifest);
        // -p is checked before the registry is opened: a misspelt member is a usage error, never a fetch.
        Optional<Workspace> workspace = ResolveInput.workspaceAt(manifestPath);
        Optional<MemberSelection> selection = members.select(workspace, manifestPath.toString());
        CommandSettings settings = registry.settings(context, "cocoatly why", ManifestLocator.locate(context, manifest));
        FileRegistry registryIndex = settings.openRegistry();
        if (!json) {
            settings.printWarnings(context);
        }
        ResolveInput input = ResolveInput.of(manifestPath, workspace, registryIndex);
        // Asked about a locked project, the answer is about what is locked (and installed): its versions
        // preferred, the yanked among them allowed, so the selection is the lockfile's while it is current.
        Optional<Lockfile> locked = new ProjectFiles.Location(context, manifestPath, workspace.isPresent()).lockfile();
        ResolveRequest request = input.request().withPolicy(LockfileUpdate.policy(spec, registry, locked));
        if (locked.isPresent()) {
            request = request.withPreferred(locked.get().ids());
        }
        PackageIndex index = input.index();
        Resolver resolver = new Resolver(index);
        Resolution resolution = resolver.resolve(request);
        if (resolution instanceof Resolution.Unsatisfiable u) {
            throw ResolveCommand.unsatisfiable(request.root(), u, ExplanationJson.width(context));
        }
        PackageName name = PackageName.of(pkg);
        SelectionExplanation paths = resolver.paths(request, (Resolution.Solved) resolution);
        List<SelectionExplanation.Selected> matches = paths.packages().stream()
                .filter(s -> s.id().name().equals(name)).map(s -> fromChosenMembers(paths, s, selection))
                .filter(s -> !s.paths().isEmpty()).toList();
        if (matches.isEmpty()) {
            // With -p, what was asked about is the chosen members, not the workspace's root.
            Set<PackageName> asked = selection.filter(m -> !m.all()).map(MemberSelection::names)
                    .orElse(Set.of(request.root().name()));
            String subject = asked.size() == 1 && selection.filter(m -> !m.all()).isEmpty()
                    ? "`" + request.root().id() + "` does"
                    : Typos.list(asked.stream().map(PackageName::value).toList()) + (asked.size() == 1 ? " does" : " do");
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "not-found", subject + " not depend on `" + name
                    + "`, directly or through " + (asked.size() == 1 ? "its" : "their") + " dependencies",
                    List.of("run `cocoatly resolve` to see every selected package"));
        }
        if (json) {
            List<Object> data = new ArrayList<>();
            for (SelectionExplanation.Selected s : matches) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("package", s.id().toString());
                m.put("paths", s.paths().stream().map(p -> SelectionText.path(paths, p)).toList());
                data.add(m);
            }
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("packages", data);
            envelope.put("warnings", settings.warnings());
            Json.write(context.out(), Envelope.success(envelope));
            return ExitCodes.OK;
        }
        PrintWriter out = context.out();
        for (SelectionExplanation.Selected s : matches) {
            int n = s.paths().size();
            out.println(s.id() + " is needed by " + n + (n == 1 ? " path" : " paths")
                    + (n == SelectionExplanation.MAX_PATHS ? " (the first " + n + " shown)" : "") + ":");
            for (List<SelectionExplanation.Edge> path : s.paths()) {
                out.println("  " + SelectionText.path(paths, path));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * {@code s} with only the paths whose first requirement one of the chosen members declares, or a
     * member (or the root's own package) that they depend on: what the chosen members need.
     */
    private static SelectionExplanation.Selected fromChosenMembers(SelectionExplanation x, SelectionExplanation.Selected s,
            Optional<MemberSelection> selection) {
        if (selection.isEmpty() || selection.get().all()) {
            return s;
        }
        MemberSelection chosen = selection.get();
        // The root's own requirements carry no origin (the text names none).
        Optional<PackageName> rootPackage = chosen.workspace().rootPackage().map(io.cocoatly.model.Manifest::name);
        List<List<SelectionExplanation.Edge>> kept = s.paths().stream().filter(p -> {
            if (p.isEmpty()) {
                return false;
            }
            io.cocoatly.model.Dependency first = p.get(0).dependency();
            List<RequirementOrigin> origins = x.origins().getOrDefault(first, List.of());
            return origins.isEmpty() ? rootPackage.filter(r -> chosen.needs(r, first)).isPresent()
                    : origins.stream().anyMatch(o -> chosen.needs(o.member(), first));
        }).toList();
        return new SelectionExplanation.Selected(s.id(), kept, s.whyNot());
    }
}
