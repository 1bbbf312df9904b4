package io.cocoatly.solver.internal;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.model.VersionRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles a {@link Universe} to an {@link Encoding}. With {@code x(p,v)} the candidate variables:
 *
 * <pre>
 * root requirement q R        ∨_{w ∈ R} x(q,w)                          RootRequirement
 * p@v depends on q R          ¬x(p,v) ∨ ∨_{w ∈ R} x(q,w)                DependencyOf
 *   ... no w exists           ¬x(p,v)                                   Missing / NoMatch
 *   ... q is the root or p    nothing if R ∋ that version, else ¬x(p,v) SelfConflict
 * one version per package     Σ_v x(p,v) ≤ 1                            AtMostOneVersion
 *   (semver-major: per class  Σ_{v ∈ class c} x(p,v) ≤ 1)
 * </pre>
 *
 * where {@code w} ranges over the candidates that may satisfy edges (yanked ones only when pinned).
 * Constraints are emitted in a canonical order: root requirements by name, then per package by name,
 * per candidate by version, its dependencies by name, then the package's at-most-one constraints.
 *
 * <p>Check mode adds a root marker {@code r(p)} per checked package: {@code Σ_p r(p) ≤ 1};
 * {@code r(p) → Σ_v x(p,v) ≤ 1}; a yanked version of a checked package may satisfy edges into its
 * package but only as the root: {@code x(p,u) → r(p)}. Checking {@code p@v} assumes {@code r(p)}
 * and {@code x(p,v)}, which makes it the same question as resolving {@code p@v} as a project's root.
 */
public final class Encoder {

    /** The objective levels' names, in order. */
    static final List<String> LEVELS = io.cocoatly.solver.Resolution.OBJECTIVE_LEVELS;

    private final Universe universe;
    private final VersionPolicy policy;
    private final String registry;
    private final List<PackageId> ids = new ArrayList<>();
    private final Map<PackageName, Integer> firstVar = new HashMap<>();
    private final Map<PackageName, Map<VersionRange, Targets>> targetCache = new HashMap<>();
    private final List<PackageName> packageNames = new ArrayList<>();
    private final List<Constraint> constraints = new ArrayList<>();
    private final List<int[]> rootClauses = new ArrayList<>();
    private final Map<PackageName, Integer> rootMarkers = new LinkedHashMap<>();
    private final PackageName rootName;
    private final Version rootVersion;
    /** The first constraint no assignment satisfies, noted when added: only a root requirement can be one. */
    private Constraint emptyClause;
    private int[] packageOf;
    private boolean[] yanked;
    private boolean[] excluded;
    private Reason[] exclusion;
    private List<List<Encoding.Edge>> edges;
    /** The at-most-one group of each candidate (its package, or its package and class), numbered in variable order. */
    private int[] group;
    private int groupCount;

    private Encoder(Universe universe, VersionPolicy policy, String registry, PackageName rootName,
                    Version rootVersion) {
        this.universe = universe;
        this.policy = policy;
        this.registry = registry;
        this.rootName = rootName;
        this.rootVersion = rootVersion;
    }

    /** The encoding of resolving {@code root}'s requirements. */
    static Encoding forResolve(Universe universe, Manifest root, Preferences preferred,
                                      VersionPolicy policy, boolean allowPrereleases, String registry) {
        Encoder e = new Encoder(universe, policy, registry, root.name(), root.version());
        e.number(Set.of());
        Set<PackageName> direct = new TreeSet<>();
        for (Dependency d : root.dependencies()) {
            if (!d.name().equals(root.name())) {
                direct.add(d.name());
            }
            e.requirement(root.id(), d);
        }
        e.packageConstraints(Map.of());
        int[] rank = Objectives.ranks(e.ids, e.packageOf, allowPrereleases);
        boolean[] isDirect = new boolean[e.ids.size()];
        for (int v = 1; v < e.ids.size(); v++) {
            isDirect[v] = direct.contains(e.ids.get(v).name());
        }
        List<Objective> objectives = List.of(Objectives.preferredChanges(e.ids, preferred),
                Objectives.rankSum(e.ids, rank, isDirect, true), Objectives.rankSum(e.ids, rank, isDirect, false),
                Objectives.packageCount(e.ids));
        Encoding encoding = e.build(root.id(), rank, isDirect, objectives);
        boolean[] isPreferred = new boolean[e.ids.size()];
        for (int v = 1; v < e.ids.size(); v++) {
            isPreferred[v] = preferred.isPreferred(e.ids.get(v));
        }
        encoding.dominance = Dominance.compute(encoding, e.rangeTargets(), isPreferred, encoding.dominated);
        return encoding;
    }

    /** The encoding of checking every version of {@code roots}; it has no objective. */
    public static Encoding forCheck(Universe universe, Collection<PackageName> roots, VersionPolicy policy,
                                    String registry) {
        Encoder e = new Encoder(universe, policy, registry, null, null);
        Set<PackageName> sorted = new TreeSet<>(roots);
        e.number(sorted);
        int next = e.ids.size();
        for (PackageName name : sorted) {
            e.rootMarkers.put(name, next++);
        }
        e.packageConstraints(e.rootMarkers);
        if (e.rootMarkers.size() > 1) {
            int[] lits = e.rootMarkers.values().stream().mapToInt(Integer::intValue).toArray();
            int[] ones = new int[lits.length];
            Arrays.fill(ones, 1);
            e.constraints.add(Constraint.atMost(new Reason.OneRoot(), lits, ones, 1));
        }
        int[] rank = new int[e.ids.size()];
        return e.build(null, rank, new boolean[e.ids.size()], List.of());
    }

    private void number(Set<PackageName> checked) {
        int n = 1;
        for (Universe.Package p : universe.packages().values()) {
            n += p.candidates().size();
        }
        ids.add(null);
        packageOf = new int[n];
        packageOf[0] = -1;
        yanked = new boolean[n];
        for (Universe.Package p : universe.packages().values()) {
            packageNames.add(p.name());
            firstVar.put(p.name(), ids.size());
            boolean isChecked = checked.contains(p.name());
            for (Universe.Candidate c : p.candidates()) {
                packageOf[ids.size()] = packageNames.size() - 1;
                yanked[ids.size()] = !c.target() && !isChecked;
                ids.add(c.release().id());
            }
        }
        excluded = new boolean[n];
        group = new int[n];
        exclusion = new Reason[n];
        edges = new ArrayList<>(n);
        for (int v = 0; v < n; v++) {
            edges.add(new ArrayList<>());
        }
    }

    private void requirement(PackageId root, Dependency d) {
        if (d.name().equals(rootName)) {
            if (!d.range().contains(rootVersion)) {
                addEmpty(Constraint.clause(new Reason.SelfConflict(root, d, root)));
            }
            return;
        }
        Targets t = targets(d);
        if (t.missing) {
            addEmpty(Constraint.clause(new Reason.Missing(root, d, registry)));
        } else if (t.vars.length == 0) {
            addEmpty(Constraint.clause(new Reason.NoMatch(root, d, t.yankedInRange)));
        } else {
            constraints.add(Constraint.clause(new Reason.RootRequirement(root, d), t.vars));
        }
        rootClauses.add(t.vars);
    }

    private void addEmpty(Constraint c) {
        constraints.add(c);
        if (emptyClause == null) {
            emptyClause = c;
        }
    }

    private void packageConstraints(Map<PackageName, Integer> markers) {
        int var = 1;
        for (Universe.Package p : universe.packages().values()) {
            int first = var;
            for (Universe.Candidate c : p.candidates()) {
                dependencies(var, c);
                var++;
            }
            atMostOne(p, first, var, markers.get(p.name()));
        }
    }

    private void dependencies(int var, Universe.Candidate c) {
        PackageId from = c.release().id();
        for (Dependency d : c.release().dependencies()) {
            PackageId fixed = d.name().equals(rootName) ? new PackageId(rootName, rootVersion)
                    : d.name().equals(from.name()) ? from : null;
            if (fixed != null) {
                if (d.range().contains(fixed.version())) {
                    edges.get(var).add(new Encoding.Edge(d, new int[0], fixed));
                } else {
                    exclude(var, new Reason.SelfConflict(from, d, fixed));
                }
                continue;
            }
            Targets t = targets(d);
            if (t.missing) {
                exclude(var, new Reason.Missing(from, d, registry));
            } else if (t.vars.length == 0) {
                exclude(var, new Reason.NoMatch(from, d, t.yankedInRange));
            } else {
                int[] lits = new int[t.vars.length + 1];
                lits[0] = -var;
                System.arraycopy(t.vars, 0, lits, 1, t.vars.length);
                constraints.add(Constraint.clause(new Reason.DependencyOf(from, d), lits));
                edges.get(var).add(new Encoding.Edge(d, t.vars, null));
            }
        }
    }

    private void exclude(int var, Reason reason) {
        if (!excluded[var]) {
            exclusion[var] = reason;
        }
        excluded[var] = true;
        constraints.add(Constraint.clause(reason, -var));
    }

    /** At most one per package, or per compatibility class; check mode adds the root-marker rules. */
    private void atMostOne(Universe.Package p, int first, int end, Integer marker) {
        // Candidates ascend by version, so each compatibility class is one run of them, and the groups
        // number canonically in version order.
        List<int[]> groups = new ArrayList<>();
        int start = first;
        for (int v = first; v < end; v++) {
            if (v + 1 == end || policy == VersionPolicy.SEMVER_MAJOR
                    && !sameClass(ids.get(v).version(), ids.get(v + 1).version())) {
                for (int w = start; w <= v; w++) {
                    group[w] = groupCount;
                }
                groupCount++;
                groups.add(new int[] {start, v + 1});
                start = v + 1;
            }
        }
        for (int[] g : groups) {
            if (g[1] - g[0] > 1) {
                Optional<String> cls = policy == VersionPolicy.SEMVER_MAJOR
                        ? Optional.of(ids.get(g[0]).version().compatibilityClass()) : Optional.empty();
                int[] lits = java.util.stream.IntStream.range(g[0], g[1]).toArray();
                int[] ones = new int[lits.length];
                Arrays.fill(ones, 1);
                constraints.add(Constraint.atMost(new Reason.AtMostOneVersion(p.name(), cls), lits, ones, 1));
            }
        }
        if (marker == null) {
            return;
        }
        for (int v = first; v < end; v++) {
            if (p.candidates().get(v - first).release().yanked()) {
                constraints.add(Constraint.clause(new Reason.CheckedAsRoot(p.name()), -v, marker));
            }
        }
        int n = end - first;
        if (groups.size() > 1) {
            int[] lits = new int[n + 1];
            int[] coefficients = new int[n + 1];
            for (int i = 0; i < n; i++) {
                lits[i] = first + i;
                coefficients[i] = 1;
            }
            lits[n] = marker;
            coefficients[n] = n - 1;
            constraints.add(Constraint.atMost(new Reason.CheckedAsRoot(p.name()), lits, coefficients, n));
        }
    }

    /** Whether two versions have the same {@link Version#compatibilityClass()}, without building the strings. */
    private static boolean sameClass(Version a, Version b) {
        return a.major() == b.major() && (a.major() > 0
                || a.minor() == b.minor() && (a.minor() > 0 || a.patch() == b.patch()));
    }

    /**
     * The candidates of {@code d.name()} that may satisfy {@code d}, ascending; cached per range, since
     * consecutive versions of a package mostly repeat their requirements.
     */
    private Targets targets(Dependency d) {
        return targetCache.computeIfAbsent(d.name(), k -> new HashMap<>())
                .computeIfAbsent(d.range(), r -> computeTargets(d));
    }

    private Targets computeTargets(Dependency d) {
        Universe.Package q = universe.get(d.name());
        if (!q.exists()) {
            return new Targets(true, new int[0], List.of());
        }
        int first = firstVar.getOrDefault(d.name(), 0);
        int[] buffer = new int[q.candidates().size()];
        int n = 0;
        java.util.BitSet matched = universe.matches(d.name(), d.range());
        for (int i = 0; i < q.candidates().size(); i++) {
            int v = first + i;
            if (!yanked[v] && matched.get(q.candidates().get(i).position())) {
                buffer[n++] = v;
            }
        }
        List<String> yankedInRange = new ArrayList<>();
        if (n == 0) {
            for (Version y : q.yanked()) {
                if (d.range().contains(y)) {
                    yankedInRange.add(y.toString());
                }
            }
        }
        return new Targets(false, Arrays.copyOf(buffer, n), yankedInRange);
    }

    /** Per package index, the matches of every range on an edge into the package. */
    private List<java.util.Collection<int[]>> rangeTargets() {
        List<java.util.Collection<int[]>> result = new ArrayList<>();
        for (PackageName name : packageNames) {
            List<int[]> sets = new ArrayList<>();
            for (Targets t : targetCache.getOrDefault(name, Map.of()).values()) {
                sets.add(t.vars);
            }
            result.add(sets);
        }
        return result;
    }

    private record Targets(boolean missing, int[] vars, List<String> yankedInRange) {
    }

    private Encoding build(PackageId root, int[] rank, boolean[] isDirect, List<Objective> objectives) {
        return new Encoding(root, ids, packageOf, yanked, rank, isDirect, group, excluded, exclusion, edges, rootClauses,
                List.copyOf(constraints), emptyClause, objectives, java.util.Collections.unmodifiableMap(rootMarkers));
    }
}
