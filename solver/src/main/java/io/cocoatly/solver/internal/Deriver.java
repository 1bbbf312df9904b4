package io.cocoatly.solver.internal;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionRange;
import io.cocoatly.solver.Explanation.Kind;
import io.cocoatly.solver.Explanation.Statement;
import io.cocoatly.solver.Explanation.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Chains the facts of a minimal conflict into a derivation, in the manner of PubGrub's reports. The
 * statements are "X requires q S" and "X cannot be selected", where X is the root or a set of versions
 * of one package that a fact speaks about. Three rules, applied breadth first so that short chains win:
 * <ul>
 *   <li>X requires p R, and every candidate of p in R depends on q S: X requires q S;</li>
 *   <li>X requires q S1 and q S2 (possibly S1 = S2), the candidates of q in both are each ruled out
 *       (none at all, or every one cannot be selected), and at most one version of q in S1 or S2 can
 *       be selected (an at-most-one group holds them, which under semver-major means one compatibility
 *       class): X cannot be selected. The root is in every solution, so S2 may also be a requirement
 *       of the root's;</li>
 *   <li>a fact that a version needs what does not exist rules the version out.</li>
 * </ul>
 * The derivation ends when the root cannot be selected; only the steps that conclusion uses are kept.
 * When the rules do not reach it (rare; at-most-one interplay they do not model), the derivation is
 * empty and the text falls back to stating the facts together.
 */
final class Deriver {

    /** A node of the proof: a fact ({@code fact >= 0}) or a derived statement. */
    private record Node(int fact, int derived) {
    }

    private record Derived(PackageName pkg, Set<Version> versions, boolean root, Dependency requires,
                           List<Node> premises) {
    }

    private record Subject(PackageName pkg, Set<Version> versions, boolean root) {
    }

    private record Forbid(Set<Version> versions, Node node) {
    }

    private final List<FactCore.Grouped> facts;
    private final Encoding e;
    private final PackageIndex index;
    private final List<Derived> derived = new ArrayList<>();
    private final Map<Subject, List<Map.Entry<Dependency, Node>>> requirements = new HashMap<>();
    private final Map<PackageName, List<Forbid>> forbidden = new HashMap<>();
    private final Set<String> seen = new HashSet<>();
    private Node conclusion;
    private Subject rootSubject;
    /** Whether the root's requirements join other subjects' clashes; only when forward chains do not conclude. */
    private boolean crossRoot;
    private boolean rootFirst;
    private boolean crossFromStart;

    private Deriver(List<FactCore.Grouped> facts, Encoding e, PackageIndex index) {
        this.facts = facts;
        this.e = e;
        this.index = index;
    }

    /**
     * The shortest derivation among a few orders of applying the rules: the root's chains first, all
     * subjects in turn, and the root's requirements pushed into other subjects from the start. Short
     * reads best; ties go to the earlier order, so the result is deterministic.
     */
    static List<Step> derive(List<FactCore.Grouped> facts, Encoding e, PackageIndex index) {
        List<Step> best = List.of();
        for (int strategy = 0; strategy < 3; strategy++) {
            Deriver d = new Deriver(facts, e, index);
            d.rootFirst = strategy == 0;
            d.crossFromStart = strategy == 2;
            List<Step> steps = d.run();
            if (!steps.isEmpty() && (best.isEmpty() || steps.size() < best.size())) {
                best = steps;
            }
        }
        return best;
    }

    private List<Step> run() {
        Subject root = new Subject(e.root.name(), Set.of(e.root.version()), true);
        rootSubject = root;
        requirements.put(root, new ArrayList<>());
        for (int i = 0; i < facts.size(); i++) {
            FactCore.Grouped g = facts.get(i);
            Kind kind = g.fact().kind();
            boolean atRoot = g.fact().pkg().equals(e.root.name());
            Subject s = atRoot ? root : new Subject(g.fact().pkg(), g.members(), false);
            if (kind == Kind.ROOT_REQUIREMENT || kind == Kind.DEPENDENCY) {
                requirements.computeIfAbsent(s, k -> new ArrayList<>()).add(Map.entry(g.dependency(), new Node(i, -1)));
            } else if (kind != Kind.AT_MOST_ONE) {
                if (atRoot) {
                    conclusion = new Node(i, -1);
                    return steps();
                }
                forbid(g.fact().pkg(), g.members(), new Node(i, -1));
            }
        }
        // Forward chains from the root read best ("app requires tls ^2.0.0"); the root's requirements
        // are pushed into other subjects only when those alone do not reach the conclusion.
        for (boolean cross : new boolean[] {crossFromStart, true}) {
            crossRoot = cross;
            for (int round = 0; round < 8 * facts.size() + 8 && conclusion == null; round++) {
                boolean changed = false;
                if (rootFirst && step(root)) {
                    continue;
                }
                for (Subject s : subjects()) {
                    changed |= step(s);
                    if (conclusion != null) {
                        break;
                    }
                }
                if (!changed) {
                    break;
                }
            }
        }
        return conclusion == null ? List.of() : steps();
    }

    /** One round of the rules for subject {@code s}; whether anything new was derived. */
    private boolean step(Subject s) {
        if (!s.root() && isForbidden(s)) {
            return false;
        }
        List<Map.Entry<Dependency, Node>> reqs = inherited(s);
        boolean changed = false;
        for (Map.Entry<Dependency, Node> req : reqs) {
            Set<Version> cand = candidates(req.getKey());
            for (int i = 0; i < facts.size(); i++) {
                FactCore.Grouped f = facts.get(i);
                if (f.fact().kind() == Kind.DEPENDENCY && f.fact().pkg().equals(req.getKey().name())
                        && !cand.isEmpty() && f.members().containsAll(cand)
                        && seen.add(s + "|" + f.dependency())) {
                    int d = add(new Derived(s.pkg(), s.versions(), s.root(), f.dependency(),
                            List.of(req.getValue(), new Node(i, -1))));
                    requirements.get(s).add(Map.entry(f.dependency(), new Node(-1, d)));
                    changed = true;
                }
            }
        }
        // The root is in every solution, so what it requires constrains every other subject too.
        int own = reqs.size();
        if (!s.root() && crossRoot) {
            reqs.addAll(requirements.get(rootSubject));
        }
        for (int a = 0; a < own; a++) {
            for (int b = a; b < reqs.size(); b++) {
                Map.Entry<Dependency, Node> ra = reqs.get(a);
                Map.Entry<Dependency, Node> rb = reqs.get(b);
                if (!ra.getKey().name().equals(rb.getKey().name())) {
                    continue;
                }
                Set<Version> both = new TreeSet<>(candidates(ra.getKey()));
                both.retainAll(candidates(rb.getKey()));
                List<Node> cover = cover(ra.getKey().name(), both);
                if (cover == null || (a == b && cover.isEmpty())) {
                    continue;
                }
                Node oneOf = null;
                if (a != b) {
                    Set<Version> rest = new TreeSet<>(candidates(ra.getKey()));
                    rest.addAll(candidates(rb.getKey()));
                    rest.removeAll(both);
                    boolean needed = !both.containsAll(candidates(ra.getKey()))
                            && !both.containsAll(candidates(rb.getKey()));
                    // Two versions, one in each range, would do unless at most one of them can be
                    // selected: under semver-major that holds only within a compatibility class.
                    if (needed && (oneOf = atMostOne(ra.getKey().name(), rest)) == null) {
                        continue;
                    }
                }
                List<Node> premises = new ArrayList<>();
                premises.add(ra.getValue());
                if (a != b) {
                    premises.add(rb.getValue());
                }
                premises.addAll(cover);
                if (oneOf != null && oneOf.fact() >= 0) {
                    premises.add(oneOf);
                }
                int d = add(new Derived(s.pkg(), s.versions(), s.root(), null, premises));
                if (s.root()) {
                    conclusion = new Node(-1, d);
                } else {
                    forbid(s.pkg(), s.versions(), new Node(-1, d));
                }
                return true;
            }
        }
        return changed;
    }

    /** Subjects in a fixed order (the root first, then by package and versions), for a stable derivation. */
    private List<Subject> subjects() {
        List<Subject> list = new ArrayList<>(requirements.keySet());
        list.sort(java.util.Comparator.comparing((Subject x) -> !x.root())
                .thenComparing(x -> x.pkg().value()).thenComparing(x -> x.versions().toString()));
        return list;
    }

    private List<Map.Entry<Dependency, Node>> inherited(Subject s) {
        if (s.root()) {
            return new ArrayList<>(requirements.get(s));
        }
        List<Map.Entry<Dependency, Node>> result = new ArrayList<>(requirements.get(s));
        for (Map.Entry<Subject, List<Map.Entry<Dependency, Node>>> other : requirements.entrySet()) {
            Subject o = other.getKey();
            if (!o.equals(s) && !o.root() && o.pkg().equals(s.pkg()) && o.versions().containsAll(s.versions())) {
                result.addAll(other.getValue());
            }
        }
        return result;
    }

    /**
     * A node saying at most one of {@code versions} of {@code pkg} can be selected: the core's
     * at-most-one fact when it holds them, else a node with no fact (the encoding's group, stated
     * nowhere); null when no at-most-one group of the encoding holds them all.
     */
    private Node atMostOne(PackageName pkg, Set<Version> versions) {
        boolean grouped = false;
        for (Constraint c : e.constraints()) {
            if (c.reason() instanceof Reason.AtMostOneVersion m && m.name().equals(pkg) && c.bound() == 1) {
                Set<Version> group = new HashSet<>();
                for (int lit : c.literals()) {
                    group.add(e.id(Math.abs(lit)).version());
                }
                grouped |= group.containsAll(versions);
            }
        }
        if (!grouped) {
            return null;
        }
        for (int i = 0; i < facts.size(); i++) {
            FactCore.Grouped f = facts.get(i);
            if (f.fact().kind() == Kind.AT_MOST_ONE && f.fact().pkg().equals(pkg) && f.members().containsAll(versions)) {
                return new Node(i, -1);
            }
        }
        return new Node(-1, -1);
    }

    private boolean isForbidden(Subject s) {
        List<Node> c = cover(s.pkg(), s.versions());
        return c != null && !c.isEmpty();
    }

    /** Forbidden entries of {@code pkg} that together rule out all of {@code versions}, or null. */
    private List<Node> cover(PackageName pkg, Set<Version> versions) {
        Set<Version> left = new TreeSet<>(versions);
        List<Node> used = new ArrayList<>();
        for (Forbid f : forbidden.getOrDefault(pkg, List.of())) {
            if (left.isEmpty()) {
                break;
            }
            if (f.versions().stream().anyMatch(left::contains)) {
                left.removeAll(f.versions());
                used.add(f.node());
            }
        }
        return left.isEmpty() ? used : null;
    }

    private void forbid(PackageName pkg, Set<Version> versions, Node node) {
        forbidden.computeIfAbsent(pkg, k -> new ArrayList<>()).add(new Forbid(versions, node));
    }

    private int add(Derived d) {
        derived.add(d);
        return derived.size() - 1;
    }

    /** Candidates that can satisfy {@code d}: loaded, not yanked, in range. */
    private Set<Version> candidates(Dependency d) {
        Set<Version> result = new TreeSet<>();
        for (int v = 1; v <= e.candidates(); v++) {
            if (!e.yanked[v] && e.id(v).name().equals(d.name()) && d.range().contains(e.id(v).version())) {
                result.add(e.id(v).version());
            }
        }
        return result;
    }

    /** The derived statements the conclusion uses, premises before conclusions. */
    private List<Step> steps() {
        List<Integer> order = new ArrayList<>();
        visit(conclusion, order, new HashSet<>());
        if (conclusion.derived() < 0) {
            Statement end = new Statement(e.root.name(), VersionRange.exactly(e.root.version()), true, true,
                    Optional.empty());
            return List.of(new Step(List.of(conclusion.fact()), List.of(), end));
        }
        Map<Integer, Integer> position = new HashMap<>();
        List<Step> steps = new ArrayList<>();
        for (int d : order) {
            Derived x = derived.get(d);
            List<Integer> fs = new ArrayList<>();
            List<Integer> ss = new ArrayList<>();
            for (Node p : x.premises()) {
                if (p.fact() >= 0) {
                    fs.add(p.fact());
                } else {
                    ss.add(position.get(p.derived()));
                }
            }
            VersionRange range = x.root() || x.versions().size() == 1 ? VersionRange.exactly(x.versions().iterator().next())
                    : VersionRange.covering(x.versions(), FactCore.versionsOf(index, x.pkg(), true));
            boolean all = x.root() || x.versions().containsAll(FactCore.versionsOf(index, x.pkg(), true));
            steps.add(new Step(fs, ss, new Statement(x.pkg(), range, all, x.root(), Optional.ofNullable(x.requires()))));
            position.put(d, steps.size() - 1);
        }
        return steps;
    }

    private void visit(Node n, List<Integer> order, Set<Integer> done) {
        if (n.derived() < 0 || !done.add(n.derived())) {
            return;
        }
        for (Node p : derived.get(n.derived()).premises()) {
            visit(p, order, done);
        }
        order.add(n.derived());
    }
}
