package io.cocoatly.solver.internal;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionRange;
import io.cocoatly.solver.Explanation.Fact;
import io.cocoatly.solver.Explanation.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Simplifies a minimal conflict before it is derived and rendered: per-version dependency facts of one
 * package on one target ("db 0.8.0 depends on bytes ^1.1", "db 0.8.4 depends on bytes ^1.2") become
 * one fact over the union of their ranges ("every version of db ^0.8.0 requires bytes ^1.1").
 *
 * <p>The merged fact is implied by the facts it replaces (each version's own range lies inside the
 * union), so it is true of the registry. It is also weaker, so a merge is kept only when the simplified
 * facts are still unsatisfiable, checked by the SAT solver on the merged clauses
 * {@code ¬x(p,v) ∨ ∨_{w ∈ union} x(q,w)}. Minimality survives: dropping the merged fact leaves a subset
 * of the original minimal conflict, and dropping any other leaves something weaker than a satisfiable
 * subset of it.
 */
final class Simplify {

    /** Marks a merged fact in {@link Fact#detail()}: its versions require the union, each declares less. */
    static final String MERGED = "merged";

    private Simplify() {
    }

    /** The facts with mergeable dependency facts merged, in the order of their first member. */
    static List<FactCore.Grouped> merge(List<FactCore.Grouped> facts, Encoding e, PackageIndex index, Budget budget) {
        Map<String, List<Integer>> byTarget = new LinkedHashMap<>();
        for (int i = 0; i < facts.size(); i++) {
            FactCore.Grouped g = facts.get(i);
            if ((g.fact().kind() == Kind.DEPENDENCY || g.fact().kind() == Kind.SELF_CONFLICT)
                    && !g.constraints().isEmpty()) {
                byTarget.computeIfAbsent(g.fact().kind() + " " + g.fact().pkg() + " " + g.dependency().name()
                        + " " + g.fact().detail(), k -> new ArrayList<>()).add(i);
            }
        }
        List<FactCore.Grouped> current = new ArrayList<>(facts);
        for (List<Integer> group : byTarget.values()) {
            if (group.size() < 2 || budget.expired()) {
                continue;
            }
            List<FactCore.Grouped> parts = group.stream().map(current::get).toList();
            FactCore.Grouped merged = parts.get(0).fact().kind() == Kind.SELF_CONFLICT
                    ? selfConflict(parts, index) : merged(parts, e, index);
            if (merged == null || merged.fact().versions().toString().contains("||")) {
                // "every version of a 1.0.0 || 3.0.0" reads worse than the two facts it replaces.
                continue;
            }
            List<FactCore.Grouped> candidate = new ArrayList<>();
            for (int i = 0; i < current.size(); i++) {
                if (i == group.get(0)) {
                    candidate.add(merged);
                } else if (!group.contains(i)) {
                    candidate.add(current.get(i));
                } else {
                    candidate.add(null);
                }
            }
            if (unsatisfiable(candidate, e, budget)) {
                current = candidate;
            }
        }
        return widen(current.stream().filter(g -> g != null).toList(), index);
    }

    /**
     * Names a fact's versions by a requirement that reaches them, when the registry's versions in that
     * requirement are exactly the fact's: "every version of args ^2.0.0" rather than "args 2.0.0", so
     * the text can say "cli depends on args ^2, which depends on unicode ^2". The versions a fact covers
     * do not change, only the range that names them.
     */
    private static List<FactCore.Grouped> widen(List<FactCore.Grouped> facts, PackageIndex index) {
        List<FactCore.Grouped> result = new ArrayList<>();
        for (FactCore.Grouped b : facts) {
            Fact f = b.fact();
            FactCore.Grouped widened = b;
            if (f.kind() != Kind.ROOT_REQUIREMENT && f.kind() != Kind.AT_MOST_ONE && !f.all()) {
                List<Version> universe = FactCore.versionsOf(index, f.pkg(), true);
                for (FactCore.Grouped a : facts) {
                    Dependency d = a.dependency();
                    if (d == null || a == b || !d.name().equals(f.pkg())
                            || (a.fact().kind() != Kind.ROOT_REQUIREMENT && a.fact().kind() != Kind.DEPENDENCY)
                            || d.range().isSubsetOf(f.versions())) {
                        continue;
                    }
                    TreeSet<Version> reached = new TreeSet<>();
                    universe.stream().filter(v -> d.range().contains(v)).forEach(reached::add);
                    // The root's own requirement already names a single version plainly ("app depends
                    // on http ^1.3 and http 1.3.0 depends on ..."); only deeper links gain from a range.
                    boolean plain = b.members().size() == 1 && a.fact().kind() == Kind.ROOT_REQUIREMENT;
                    if (!plain && !reached.isEmpty() && reached.equals(b.members())) {
                        widened = new FactCore.Grouped(new Fact(f.kind(), f.pkg(), d.range(), false, f.dependency(),
                                f.available(), f.yanked(), f.detail()), b.dependency(), b.members(), b.constraints());
                        break;
                    }
                }
            }
            if (widened == b && b.members().size() == 1 && !f.all() && f.kind() != Kind.ROOT_REQUIREMENT
                    && f.kind() != Kind.AT_MOST_ONE) {
                // One version is named as itself: "b 1.2.0-rc.1", not "every version of b >=1.2.0-0 <1.2.0".
                widened = new FactCore.Grouped(new Fact(f.kind(), f.pkg(), VersionRange.exactly(b.members().first()),
                        false, f.dependency(), f.available(), f.yanked(), f.detail()), b.dependency(), b.members(),
                        b.constraints());
            }
            result.add(widened);
        }
        return result;
    }

    /**
     * Self-conflicts of one package with one version of the root (or itself) merge while the union of
     * their ranges still leaves that version out; each member stays excluded, so nothing is weakened.
     */
    private static FactCore.Grouped selfConflict(List<FactCore.Grouped> parts, PackageIndex index) {
        Fact first = parts.get(0).fact();
        VersionRange union = VersionRange.empty();
        TreeSet<Version> members = new TreeSet<>();
        List<Constraint> clauses = new ArrayList<>();
        for (FactCore.Grouped g : parts) {
            union = union.union(g.dependency().range());
            members.addAll(g.members());
            clauses.addAll(g.constraints());
        }
        if (union.contains(Version.parse(first.detail()))) {
            return null;
        }
        Dependency said = said(parts, union);
        List<Version> universe = FactCore.versionsOf(index, first.pkg(), true);
        Fact fact = new Fact(Kind.SELF_CONFLICT, first.pkg(), VersionRange.covering(members, universe),
                members.containsAll(universe), Optional.of(said), List.of(), List.of(), first.detail());
        return new FactCore.Grouped(fact, said, members, clauses);
    }

    /** The union as a requirement someone wrote when one of them covers all the others. */
    private static Dependency said(List<FactCore.Grouped> parts, VersionRange union) {
        for (FactCore.Grouped g : parts) {
            if (union.isSubsetOf(g.dependency().range())) {
                return g.dependency();
            }
        }
        return new Dependency(parts.get(0).dependency().name(), union.toString(), union);
    }

    private static FactCore.Grouped merged(List<FactCore.Grouped> parts, Encoding e, PackageIndex index) {
        PackageName pkg = parts.get(0).fact().pkg();
        PackageName target = parts.get(0).dependency().name();
        VersionRange union = VersionRange.empty();
        TreeSet<Version> members = new TreeSet<>();
        for (FactCore.Grouped g : parts) {
            union = union.union(g.dependency().range());
            members.addAll(g.members());
        }
        Dependency said = said(parts, union);
        TreeSet<Integer> targets = new TreeSet<>();
        for (FactCore.Grouped g : parts) {
            for (Constraint c : g.constraints()) {
                for (int lit : c.literals()) {
                    if (lit > 0) {
                        targets.add(lit);
                    }
                }
            }
        }
        for (int w = 1; w <= e.candidates(); w++) {
            if (!e.yanked[w] && e.id(w).name().equals(target) && union.contains(e.id(w).version())) {
                targets.add(w);
            }
        }
        List<Constraint> clauses = new ArrayList<>();
        for (int v = 1; v <= e.candidates(); v++) {
            if (e.id(v).name().equals(pkg) && members.contains(e.id(v).version())) {
                int[] lits = new int[targets.size() + 1];
                lits[0] = -v;
                int k = 1;
                for (int t : targets) {
                    lits[k++] = t;
                }
                clauses.add(Constraint.clause(parts.get(0).constraints().get(0).reason(), lits));
            }
        }
        List<Version> universe = FactCore.versionsOf(index, pkg, true);
        Fact fact = new Fact(Kind.DEPENDENCY, pkg, VersionRange.covering(members, universe),
                members.containsAll(universe), Optional.of(said), List.of(), List.of(), MERGED);
        return new FactCore.Grouped(fact, said, members, clauses);
    }

    private static boolean unsatisfiable(List<FactCore.Grouped> facts, Encoding e, Budget budget) {
        Sat sat = new Sat(e.variables(), budget);
        List<Constraint> all = new ArrayList<>();
        for (FactCore.Grouped g : facts) {
            if (g != null) {
                if (g.constraints().isEmpty()) {
                    return false;
                }
                all.addAll(g.constraints());
            }
        }
        sat.addAll(all);
        return sat.solve() == Sat.Answer.UNSAT;
    }
}
