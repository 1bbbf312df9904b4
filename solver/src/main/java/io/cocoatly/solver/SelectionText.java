package io.cocoatly.solver;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.solver.SelectionExplanation.Edge;
import io.cocoatly.solver.SelectionExplanation.Selected;
import io.cocoatly.solver.SelectionExplanation.WhyNot;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a {@link SelectionExplanation}: per selected version, the paths that bring it in
 * ("demo -> http ^1.2 -> tls ^1.9") and, when it is not the newest, why not.
 */
public final class SelectionText {

    private SelectionText() {
    }

    /** The explanation as wrapped text, one block per package, ending with a newline. */
    public static String render(SelectionExplanation x, int width) {
        StringBuilder out = new StringBuilder();
        if (x.packages().isEmpty()) {
            return x.root().name() + " has no dependencies: nothing is selected.\n";
        }
        for (Selected s : x.packages()) {
            out.append(s.id()).append('\n');
            for (List<Edge> path : s.paths()) {
                out.append(ExplanationText.wrap("  needed by " + path(x, path), width)).append('\n');
            }
            s.whyNot().ifPresent(w -> out.append(ExplanationText.wrap("  not " + s.id().name() + " " + w.newer()
                    + ": " + whyNot(x, s.id(), w) + ".", width)).append('\n'));
        }
        return out.toString();
    }

    /**
     * {@link #path(PackageId, List)}, starting where the first requirement was written when the
     * selection knows it: "web (apps/web) -> http ^1.2 -> tls ^1.9"; a workspace member's own version,
     * which the workspace requires exactly, as "workspace member api (libs/api)".
     */
    public static String path(SelectionExplanation x, List<Edge> path) {
        List<RequirementOrigin> origins = path.isEmpty() ? List.of()
                : x.origins().getOrDefault(path.get(0).dependency(), List.of());
        if (origins.isEmpty()) {
            return path(x.root(), path);
        }
        Dependency first = path.get(0).dependency();
        if (path.size() == 1 && origins.size() == 1 && origins.get(0).member().equals(first.name())
                && first.requirement().startsWith("=")) {
            return "workspace member " + origins.get(0);
        }
        StringBuilder b = new StringBuilder(ExplanationText.join(origins.stream().map(RequirementOrigin::toString).toList()));
        for (Edge e : path) {
            b.append(" -> ").append(e.dependency().name()).append(' ').append(e.dependency().requirement());
        }
        return b.toString();
    }

    /** "demo -> http ^1.2 -> tls ^1.9": the root's name, then each edge's requirement. */
    public static String path(PackageId root, List<Edge> path) {
        StringBuilder b = new StringBuilder(root.name().value());
        for (Edge e : path) {
            b.append(" -> ").append(e.dependency().name()).append(' ').append(e.dependency().requirement());
        }
        return b.toString();
    }

    /** The why-not as a clause, e.g. "it was yanked". */
    public static String whyNot(SelectionExplanation selection, PackageId id, WhyNot w) {
        String newer = id.name() + " " + w.newer();
        switch (w.kind()) {
            case YANKED:
                return newer + " was yanked";
            case CONFLICT:
                Explanation x = w.conflict().orElseThrow();
                List<Explanation.Fact> facts = x.facts().stream()
                        .filter(f -> f.kind() != Explanation.Kind.AT_MOST_ONE)
                        .filter(f -> !(f.kind() == Explanation.Kind.ROOT_REQUIREMENT
                                && f.dependency().map(d -> d.requirement().equals("=" + w.newer())
                                        && d.name().equals(id.name())).orElse(false)))
                        .collect(Collectors.toList());
                return facts.isEmpty() ? "no other version can be selected with it"
                        : ExplanationText.join(FactChains.clauses(x, facts));
            case TRADE_OFF:
                return "taking it would " + changes(selection, id, w.forced()) + ", " + level(w.level());
            default:
                throw new AssertionError(w.kind());
        }
    }

    /** What forcing the newer version changes elsewhere, e.g. "change http 1.3.0 to 1.0.0". */
    private static String changes(SelectionExplanation selection, PackageId id, List<PackageId> forced) {
        java.util.Map<io.cocoatly.model.PackageName, PackageId> before = new java.util.TreeMap<>();
        for (Selected s : selection.packages()) {
            before.putIfAbsent(s.id().name(), s.id());
        }
        java.util.Map<io.cocoatly.model.PackageName, PackageId> after = new java.util.TreeMap<>();
        for (PackageId p : forced) {
            after.putIfAbsent(p.name(), p);
        }
        List<String> changed = new java.util.ArrayList<>();
        List<String> added = new java.util.ArrayList<>();
        List<String> dropped = new java.util.ArrayList<>();
        for (PackageId p : after.values()) {
            PackageId old = before.get(p.name());
            if (p.name().equals(id.name()) || p.equals(old)) {
                continue;
            }
            if (old == null) {
                added.add(p.name() + " " + p.version());
            } else {
                changed.add(p.name() + " " + old.version() + " to " + p.version());
            }
        }
        for (PackageId old : before.values()) {
            if (!after.containsKey(old.name())) {
                dropped.add(old.name() + " " + old.version());
            }
        }
        List<String> parts = new java.util.ArrayList<>();
        if (!changed.isEmpty()) {
            parts.add("change " + ExplanationText.join(changed));
        }
        if (!added.isEmpty()) {
            parts.add("add " + ExplanationText.join(added));
        }
        if (!dropped.isEmpty()) {
            parts.add("drop " + ExplanationText.join(dropped));
        }
        return parts.isEmpty() ? "change nothing else" : ExplanationText.join(parts);
    }

    private static String level(String level) {
        switch (level) {
            case "preferred-changes":
                return "and keeping the preferred (locked) versions comes first";
            case "direct-rank":
                return "which makes the root's direct dependencies older, and their versions come first";
            case "transitive-rank":
                return "which makes the transitive dependencies older in total";
            case "packages":
                return "which needs more packages";
            default:
                return "which is no better at any level; the tie goes to the selection first in name and version order";
        }
    }
}
