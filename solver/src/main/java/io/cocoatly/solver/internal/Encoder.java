package io.cocoatly.solver.internal;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Two passes over the same rules. The first builds what the greedy guess, the bounds and
 * {@link Dominance} read (edges, exclusions, groups) and counts the constraints; the second
 * ({@link PackageConstraints}), run only when a solver or an explanation needs the constraints
 * ({@link Encoding#constraints()}, or for the optimiser's solver {@link Encoding#liveConstraints()},
 * which has it leave out the ruled-out candidates' own), builds them with their reasons. Most
 * resolutions are proven from the guess and never run it.
 *
 * <p>Check mode adds a root marker {@code r(p)} per checked package: {@code Σ_p r(p) ≤ 1};
 * {@code r(p) → Σ_v x(p,v) ≤ 1}; a yanked version of a checked package may satisfy edges into its
 * package but only as the root: {@code x(p,u) → r(p)}. Checking {@code p@v} assumes {@code r(p)}
 * and {@code x(p,v)}, which makes it the same question as resolving {@code p@v} as a project's root.
 */
public final class Encoder {

    /** The objective levels' names, in order. */
    static final List<String> LEVELS = io.cocoatly.solver.Resolution.OBJECTIVE_LEVELS;

    final Universe universe;
    final VersionPolicy policy;
    private final String registry;
    final ArrayList<PackageId> ids = new ArrayList<>();
    /**
     * Per package, by its place in the universe's order ({@link Universe#metOrder}), its first variable:
     * read once per range met, in an array rather than a map by name.
     */
    private int[] firstOfOrder;
    /**
     * The targets of each range met on an edge, by its id ({@link Universe#met}), computed on first
     * use: consecutive versions of a package mostly repeat their requirements.
     */
    private Targets[] targetsById;
    /** Where {@link #computeTargets} collects a range's targets before copying them out; grown as needed. */
    private int[] scratch = new int[16];
    /** The root's constraints; the rest are built by {@link PackageConstraints} when first read. */
    private final List<Constraint> rootConstraints = new ArrayList<>();
    private final List<int[]> rootClauses = new ArrayList<>();
    final Map<PackageName, Integer> rootMarkers = new LinkedHashMap<>();
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
    int[] group;
    private int groupCount;
    /** Constraints counted as the structure is built: what {@link PackageConstraints} will build, and the root's. */
    int count;
    /**
     * The loader's edges of the last candidate read whose edge list no other candidate would differ in
     * (not ruled out, no edge fixed to a version: such an edge names its own candidate), and that list.
     */
    private int[] shareableMet;
    private List<Encoding.Edge> shareable;

    private Encoder(Universe universe, VersionPolicy policy, String registry, PackageName rootName,
                    Version rootVersion) {
        this.universe = universe;
        this.policy = policy;
        this.registry = registry;
        this.rootName = rootName;
        this.rootVersion = rootVersion;
    }

    /**
     * The encoding of resolving {@code root}'s requirements. The candidates' data (edges, exclusions,
     * groups, ranks, dominance) is built at once, since the greedy guess and the bounds read it; the
     * constraints and the objective levels only when something reads them.
     */
    static Encoding forResolve(Universe universe, Manifest root, Preferences preferred,
                                      VersionPolicy policy, boolean allowPrereleases, String registry) {
        Encoder e = new Encoder(universe, policy, registry, root.name(), root.version());
        e.number(Set.of());
        // Hashed, not sorted: only asked whether it holds a name, once per loaded package.
        Set<PackageName> direct = new HashSet<>();
        List<Dependency> requirements = root.dependencies();
        if (!universe.rootRequirements().equals(requirements)) {
            // The ids of the root's edges are the loader's, by requirement: the same list, in order.
            throw new IllegalArgumentException("the universe was loaded for other requirements than " + root.id() + "'s");
        }
        for (int j = 0; j < requirements.size(); j++) {
            Dependency d = requirements.get(j);
            if (!d.name().equals(root.name())) {
                direct.add(d.name());
            }
            e.requirement(root.id(), d, universe.rootEdges()[j]);
        }
        e.packageStructure(Map.of());
        int n = e.ids.size();
        int[] rank = Objectives.ranks(e.ids, e.packageOf, allowPrereleases);
        boolean[] isDirect = new boolean[n];
        boolean[] isPreferred = new boolean[n];
        boolean[] change = new boolean[n];
        // Asked once per package, not per candidate (a package's candidates are numbered together):
        // a look-up by name costs more than the rest of this loop.
        boolean packageDirect = false;
        boolean packagePreferred = false;
        for (int v = 1; v < n; v++) {
            PackageId id = e.ids.get(v);
            if (v == 1 || e.packageOf[v] != e.packageOf[v - 1]) {
                packageDirect = direct.contains(id.name());
                packagePreferred = preferred.prefersAny(id.name());
            }
            isDirect[v] = packageDirect;
            isPreferred[v] = packagePreferred && preferred.isPreferred(id);
            change[v] = packagePreferred && preferred.isChange(id);
        }
        Encoding encoding = e.build(root.id(), rank, isDirect, change, isPreferred, Encoder.LEVELS.size());
        encoding.dominanceWhenNeeded(e::rangeTargets);
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
        e.packageStructure(e.rootMarkers);
        if (e.rootMarkers.size() > 1) {
            e.count++;
        }
        int n = e.ids.size();
        return e.build(null, new int[n], new boolean[n], new boolean[n], new boolean[n], 0);
    }

    private void number(Set<PackageName> checked) {
        targetsById = new Targets[universe.metCount()];
        int n = 1;
        for (Universe.Package p : universe.packages().values()) {
            n += p.size();
        }
        ids.ensureCapacity(n);
        ids.add(null);
        packageOf = new int[n];
        packageOf[0] = -1;
        yanked = new boolean[n];
        int order = 0;
        firstOfOrder = new int[universe.packages().size()];
        for (Universe.Package p : universe.packages().values()) {
            firstOfOrder[order] = ids.size();
            boolean isChecked = !checked.isEmpty() && checked.contains(p.name()); // no hashing when resolving
            for (int i = 0, size = p.size(); i < size; i++) {
                packageOf[ids.size()] = order;
                yanked[ids.size()] = !p.target(i) && !isChecked;
                ids.add(p.release(i).id());
            }
            order++;
        }
        excluded = new boolean[n];
        group = new int[n];
        exclusion = new Reason[n];
        edges = new ArrayList<>(n);
        for (int v = 0; v < n; v++) {
            edges.add(List.of()); // a candidate's own list is made when its dependencies are read
        }
    }

    /** Root requirement {@code d}, whose range has id {@code met} ({@link Universe#rootEdges}). */
    private void requirement(PackageId root, Dependency d, int met) {
        // On the root itself (fixed to the root's version), or on a package through its targets.
        Targets t = met == Universe.FIXED ? null : targets(met);
        Reason conflict = ruledOut(root, d, t == null ? root : null, t);
        if (conflict != null) {
            addEmpty(Constraint.clause(conflict));
        } else if (t != null) {
            rootConstraints.add(Constraint.clause(new Reason.RootRequirement(root, d), t.vars));
        }
        if (t != null) {
            rootClauses.add(t.vars);
        }
    }

    private void addEmpty(Constraint c) {
        rootConstraints.add(c);
        if (emptyClause == null) {
            emptyClause = c;
        }
    }

    /**
     * The candidates' edges, exclusions and at-most-one groups, package by package, counting the
     * constraints {@link PackageConstraints} will build from them; no constraint is built here.
     */
    private void packageStructure(Map<PackageName, Integer> markers) {
        int var = 1;
        for (Universe.Package p : universe.packages().values()) {
            int first = var;
            for (int i = 0, size = p.size(); i < size; i++) {
                dependencies(var, p, i);
                var++;
            }
            groups(first, var);
            Integer marker = markers.get(p.name());
            if (marker != null) {
                for (int i = 0, size = p.size(); i < size; i++) {
                    count += p.release(i).yanked() ? 1 : 0;
                }
                count += var > first && group[var - 1] != group[first] ? 1 : 0;
            }
        }
    }

    /** The edges of {@code p}'s candidate {@code i}, variable {@code var}. */
    private void dependencies(int var, Universe.Package p, int i) {
        int[] met = p.edges()[i];
        if (met == shareableMet) {
            // The loader's edges are shared by versions of a package with equal dependencies: the same
            // ranges into the same packages, so the same list (no edge of it names its candidate).
            edges.set(var, shareable);
            count += met.length;
            return;
        }
        // A reference from the listing: the release itself is read only for an edge whose dependency
        // says more than its targets (fixed to one version, or ruling its candidate out).
        Release release = p.release(i);
        if (met.length > 0) {
            edges.set(var, new ArrayList<>(met.length));
        }
        boolean named = false;
        for (int j = 0; j < met.length; j++) {
            Targets t = met[j] == Universe.FIXED ? null : targets(met[j]);
            if (t != null && t.meet()) {
                edges.get(var).add(new Encoding.Edge(release, j, t.vars, null));
                count++;
                continue;
            }
            PackageId from = release.id();
            Dependency d = release.dependencies().get(j);
            PackageId fixed = fixed(from, d, met[j]);
            Reason ruledOut = ruledOut(from, d, fixed, t);
            if (ruledOut != null) {
                if (!excluded[var]) {
                    exclusion[var] = ruledOut;
                }
                excluded[var] = true;
                count++;
            } else {
                edges.get(var).add(new Encoding.Edge(release, j, new int[0], fixed));
                named = true;
            }
        }
        boolean canShare = met.length > 0 && !excluded[var] && !named;
        shareableMet = canShare ? met : null;
        shareable = canShare ? edges.get(var) : null;
    }

    /**
     * The version that alone can satisfy {@code d} of {@code from}, whose range has id {@code met}: for
     * an edge into the root ({@link Universe#FIXED}) the root's version, for one into {@code from}'s own
     * package {@code from}; else null.
     */
    PackageId fixed(PackageId from, Dependency d, int met) {
        if (met != Universe.FIXED) {
            return null;
        }
        return d.name().equals(rootName) ? new PackageId(rootName, rootVersion) : from;
    }

    /**
     * Why {@code from}'s dependency {@code d} rules {@code from} out ({@code ¬x(from)}), or null when it is
     * an edge: to the version {@code fixed} when that is not null, else to {@code t}'s targets.
     */
    Reason ruledOut(PackageId from, Dependency d, PackageId fixed, Targets t) {
        if (fixed != null) {
            return d.range().contains(fixed.version()) ? null : new Reason.SelfConflict(from, d, fixed);
        } else if (t.meet()) {
            return null;
        }
        return t.missing ? new Reason.Missing(from, d, registry) : new Reason.NoMatch(from, d, t.yankedInRange);
    }

    /**
     * The at-most-one groups of the candidates {@code first..end-1} of one package: all of them, or
     * under semver-major each compatibility class. Candidates ascend by version, so each class is one
     * run of them, and the groups number canonically in version order.
     */
    private void groups(int first, int end) {
        int start = first;
        for (int v = first; v < end; v++) {
            if (v + 1 == end || policy == VersionPolicy.SEMVER_MAJOR
                    && !sameClass(ids.get(v).version(), ids.get(v + 1).version())) {
                for (int w = start; w <= v; w++) {
                    group[w] = groupCount;
                }
                groupCount++;
                count += v > start ? 1 : 0;
                start = v + 1;
            }
        }
    }

    /** Whether two versions have the same {@link Version#compatibilityClass()}, without building the strings. */
    private static boolean sameClass(Version a, Version b) {
        return a.major() == b.major() && (a.major() > 0
                || a.minor() == b.minor() && (a.minor() > 0 || a.patch() == b.patch()));
    }

    /**
     * The candidates that may satisfy an edge whose range has id {@code met}, ascending, computed once
     * per range: from the loader's matches ({@link Universe#met}), without a look-up by name or range
     * per edge.
     */
    Targets targets(int met) {
        Targets t = targetsById[met];
        if (t == null) {
            t = computeTargets(met);
            targetsById[met] = t;
        }
        return t;
    }

    private Targets computeTargets(int id) {
        Matches.Target met = universe.met(id);
        int order = universe.metOrder(id);
        Universe.Package q = universe.byOrder(order);
        if (!q.exists()) {
            return new Targets(true, new int[0], List.of());
        }
        int first = firstOfOrder[order];
        // Candidates ascend by position, so only those from the range's first matched position to its
        // last can be targets: a range rarely spans all of a package's candidates.
        java.util.BitSet matched = met.matches();
        int[] positions = q.positions();
        int n = 0;
        int[] buffer = scratch;
        int from = matched.nextSetBit(0);
        if (from >= 0) {
            int end = matched.length();
            int k = Arrays.binarySearch(positions, from);
            k = k >= 0 ? k : -k - 1;
            if (buffer.length < positions.length - k) {
                // One buffer for every range, as long as the most candidates any range spans: a new one
                // per range, zeroed, cost more than filling it.
                buffer = new int[positions.length];
                scratch = buffer;
            }
            for (; k < positions.length && positions[k] < end; k++) {
                int v = first + k;
                if (!yanked[v] && matched.get(positions[k])) {
                    buffer[n++] = v;
                }
            }
        }
        // Only a range that nothing satisfies names the yanked versions it holds (in its message).
        List<String> yankedInRange = List.of();
        if (n == 0) {
            yankedInRange = new ArrayList<>();
            for (Version y : q.yanked()) {
                if (met.range().contains(y)) {
                    yankedInRange.add(y.toString());
                }
            }
        }
        return new Targets(false, n == 0 ? new int[0] : Arrays.copyOf(buffer, n), yankedInRange);
    }

    /** Per package index, the matches of every range on an edge into the package. */
    private List<java.util.Collection<int[]>> rangeTargets() {
        List<java.util.Collection<int[]>> result = new ArrayList<>(firstOfOrder.length);
        for (int i = 0; i < firstOfOrder.length; i++) {
            result.add(new ArrayList<>());
        }
        for (int met = 0; met < targetsById.length; met++) {
            if (targetsById[met] != null) {
                result.get(universe.metOrder(met)).add(targetsById[met].vars);
            }
        }
        return result;
    }

    record Targets(boolean missing, int[] vars, List<String> yankedInRange) {

        /**
         * Whether an edge with these targets can be met: its package exists and some candidate may
         * satisfy it. Else {@link #ruledOut} says why not.
         */
        boolean meet() {
            return !missing && vars.length > 0;
        }
    }

    private Encoding build(PackageId root, int[] rank, boolean[] isDirect, boolean[] change, boolean[] isPreferred,
                           int levels) {
        count += rootConstraints.size();
        Encoding.Candidates candidates = new Encoding.Candidates(ids, packageOf, yanked, rank, isDirect, change,
                isPreferred, group);
        Encoding.Structure structure = new Encoding.Structure(excluded, exclusion, edges, rootClauses,
                List.copyOf(rootConstraints), emptyClause);
        return new Encoding(root, candidates, structure, leftOut -> PackageConstraints.build(this, leftOut), count,
                levels, java.util.Collections.unmodifiableMap(rootMarkers));
    }
}
