package io.cocoatly.cli;

import io.cocoatly.project.DependencyTree;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.Workspace;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cocoatly tree}: the locked dependency tree, or with {@code --invert}, who depends on a package. */
@Command(name = "tree", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Print the dependency tree of the lockfile.",
            "Each package is followed by the requirement its parent puts on it, e.g. `tls 1.9.3 (^1.9)`:",
            "from the manifest for the project's own dependencies, and from the registry for the others when",
            "a registry is given (the lockfile keeps resolved versions only). A package whose dependencies",
            "were already shown is marked (*), a dependency cycle (cycle), a manifest requirement that is not",
            "locked (not locked)."},
        footer = {"", "Examples:",
            "  cocoatly tree",
            "  cocoatly tree --registry ./registry --depth 1",
            "  cocoatly tree --invert log            # who depends on log, and why",
            "  cocoatly tree -p web                  # in a workspace: member web's tree",
            "  cocoatly tree --json",
            "", "Exit codes: 0 printed, 2 invalid input (e.g. a package that is not locked),",
            "3 there is no lockfile."})
final class TreeCommand implements Callable<Integer> {

    private final Context context;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "The project's manifest (" + ManifestLocator.DEFAULT + "); the lockfile is next to it.")
    String manifest;

    @Mixin
    RemoteFlags remote;

    @Option(names = CommandSettings.REGISTRY_FLAG, paramLabel = "DIR|URL",
            description = "Registry to read requirements from (" + RegistryOptions.DEFAULT
                    + "; without one, transitive edges show versions only).")
    String registry;

    @Option(names = {"-i", "--invert"}, paramLabel = "PACKAGE",
            description = "Show the packages that depend on PACKAGE (a name, or name@version) instead.")
    String invert;

    @Option(names = {"-d", "--depth"}, paramLabel = "N", description = "Show at most N levels below the top.")
    Integer depth;

    @Mixin
    MemberSelection.Options members;

    @Option(names = "--json", description = "Print one JSON document {\"success\", \"data\", \"error\"}.")
    boolean json;

    TreeCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (depth != null && depth < 0) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "invalid value for `--depth`: `" + depth + "`",
                    List.of("give a depth of 0 or more"));
        }
        ProjectFiles project = ProjectFiles.openWorkspace(context, manifest);
        Optional<MemberSelection> selection = project.members(members);
        Lockfile lockfile = project.requireLockfile();
        CommandSettings settings = CommandSettings.load(context, "cocoatly tree", project.manifestPath(), registry, remote);
        if (!json) {
            settings.printWarnings(context);
        }
        List<String> warnings = new ArrayList<>();
        if (!lockfile.manifest().requirementsDigest().equals(project.requirementsDigest())) {
            warnings.add("`" + project.lockfileName() + "` is out of date with the manifest; run `cocoatly lock`");
        }
        // The root's own package is local too: a member depending on it shows the root's dependencies below.
        List<Manifest> memberManifests = project.workspace().map(w -> java.util.stream.Stream.concat(
                w.workspace().rootPackage().stream(), w.workspace().members().stream().map(Workspace.Member::manifest))
                .toList()).orElse(List.of());
        DependencyTree tree = new DependencyTree(lockfile, project.manifest(),
                settings.openRegistryIfGiven().map(PackageIndex.class::cast),
                depth == null ? Integer.MAX_VALUE : depth, memberManifests);
        List<DependencyTree.Node> roots = invert != null ? tree.inverted(targets(lockfile))
                : selection.isPresent() ? selection.get().manifests().stream().map(tree::forward).toList()
                : List.of(tree.forward());
        if (json) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("inverted", invert != null);
            data.put("trees", roots.stream().map(TreeCommand::json).toList());
            data.put("warnings", settings.warningsAnd(warnings, true));
            Json.write(context.out(), Envelope.success(data));
            return ExitCodes.OK;
        }
        warnings.forEach(context::warn);
        context.err().flush();
        PrintWriter out = context.out();
        for (int i = 0; i < roots.size(); i++) {
            if (i > 0) {
                out.println();
            }
            out.println(line(roots.get(i)));
            print(out, roots.get(i).children(), "");
        }
        out.flush();
        return ExitCodes.OK;
    }

    private List<PackageId> targets(Lockfile lockfile) {
        int at = invert.indexOf('@');
        List<PackageId> found = lockfile.ids().stream().filter(id -> at < 0
                ? id.name().value().equals(invert) : id.toString().equals(invert)).toList();
        if (found.isEmpty()) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "unknown-package", "`" + invert + "` is not in the lockfile",
                    List.of("run `cocoatly tree` to see the locked packages"));
        }
        return found;
    }

    private static void print(PrintWriter out, List<DependencyTree.Node> children, String indent) {
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            DependencyTree.Node child = children.get(i);
            out.println(indent + (last ? "└── " : "├── ") + line(child));
            print(out, child.children(), indent + (last ? "    " : "│   "));
        }
    }

    private static String line(DependencyTree.Node node) {
        StringBuilder s = new StringBuilder(node.name().value());
        node.version().ifPresent(v -> s.append(' ').append(v));
        node.requirement().ifPresent(r -> s.append(" (").append(r).append(')'));
        if (node.dev()) {
            s.append(" (dev)");
        }
        switch (node.mark()) {
            case REPEATED -> s.append(" (*)");
            case CYCLE -> s.append(" (cycle)");
            case NOT_LOCKED -> s.append(" (not locked)");
            case NONE -> {
            }
            default -> throw new AssertionError(node.mark());
        }
        return s.toString();
    }

    private static Map<String, Object> json(DependencyTree.Node node) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", node.name().value());
        m.put("version", node.version().orElse(null));
        m.put("requirement", node.requirement().orElse(null));
        m.put("mark", node.mark().text());
        m.put("dev", node.dev());
        m.put("children", node.children().stream().map(TreeCommand::json).toList());
        return m;
    }
}
