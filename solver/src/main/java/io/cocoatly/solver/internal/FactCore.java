package io.cocoatly.solver.internal;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionRange;
import io.cocoatly.solver.Explanation;
import io.cocoatly.solver.Explanation.Fact;
import io.cocoatly.solver.Explanation.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A minimal conflict stated in user terms. Constraints are grouped into facts first: every per-version
 * clause "web v depends on http ^3" with the same package and requirement is one fact, guarded by one
 * selector. Deletion over those selectors gives a set of facts of which every proper subset is
 * satisfiable; a second deletion pass inside each remaining fact drops the versions the conflict does
 * not need, so "every version of web ^2.0.0" names only the versions that matter. Shrinking a fact never
 * breaks the first pass's minimality: leaving out a whole fact from a weaker set stays satisfiable.
 */
final class FactCore {

    /** A fact, the versions of its package it covers and the constraints that state it. */
    record Grouped(Fact fact, Dependency dependency, TreeSet<Version> members, List<Constraint> constraints) {
        Grouped {
            constraints = List.copyOf(constraints);
        }

        Grouped(Fact fact, Dependency dependency, TreeSet<Version> members) {
            this(fact, dependency, members, List.of());
        }

        Grouped with(List<Constraint> stating) {
            return new Grouped(fact, dependency, members, stating);
        }
    }

    private FactCore() {
    }

    /** The minimal conflict of an unsatisfiable encoding, as facts in canonical order. */
    static List<Grouped> find(Encoding e, PackageIndex index, Budget budget) {
        return analyse(e, index, budget).facts();
    }

    /**
     * The minimal conflict of an unsatisfiable encoding, with the solver over every fact that found its
     * first core, kept to tell which fixes cannot work ({@link Conflict#holdsWithout}).
     */
    static Conflict analyse(Encoding e, PackageIndex index, Budget budget) {
        Map<Key, List<Constraint>> groups = group(e);
        List<Key> keys = new ArrayList<>(groups.keySet());
        // Deletion drops what it tries first whenever it can: try the facts deep in the registry
        // first and the root's own requirements and at-most-one last, so that a conflict the root's
        // requirements explain directly is told that way.
        keys.sort(java.util.Comparator.comparingInt(Key::priority));
        java.util.function.IntFunction<List<Constraint>> group = i -> groups.get(keys.get(i));
        Sat everything = Explainer.guarded(e, keys.size(), group, i -> true, budget);
        List<Integer> kept = Explainer.deletion(everything, e, keys.size(), group, true, budget);
        List<Key> coreKeys = kept.stream().map(keys::get).toList();
        List<Constraint> members = new ArrayList<>();
        List<Integer> groupOf = new ArrayList<>();
        for (int g = 0; g < coreKeys.size(); g++) {
            for (Constraint c : groups.get(coreKeys.get(g))) {
                members.add(c);
                groupOf.add(g);
            }
        }
        List<Integer> refined = Explainer.deletion(e, members.size(), i -> List.of(members.get(i)), budget);
        Map<Integer, List<Constraint>> stating = new LinkedHashMap<>();
        for (int i : refined) {
            stating.computeIfAbsent(groupOf.get(i), k -> new ArrayList<>()).add(members.get(i));
        }
        List<Grouped> facts = new ArrayList<>();
        for (List<Constraint> cs : stating.values()) {
            facts.add(fact(e, index, cs.stream().map(Constraint::reason).toList()).with(cs));
        }
        facts.sort((a, b) -> order(a).compareTo(order(b)));
        return new Conflict(facts, everything, e, keys, budget);
    }

    /**
     * A minimal conflict's facts, and the solver over every fact of the encoding, each fact guarded by
     * a selector (numbered from {@code e.variables() + 1} in the order of {@code keys}).
     */
    static final class Conflict {
        private final List<Grouped> facts;
        private final Sat everything;
        private final Encoding e;
        private final List<Key> keys;
        private final Budget budget;

        private Conflict(List<Grouped> facts, Sat everything, Encoding e, List<Key> keys, Budget budget) {
            this.facts = facts;
            this.everything = everything;
            this.e = e;
            this.keys = keys;
            this.budget = budget;
        }

        /** The minimal conflict, as facts in canonical order. */
        List<Grouped> facts() {
            return facts;
        }

        /**
         * Whether the encoding without the root's requirements {@code dropped} (the facts that state
         * them left out) still has no model: then neither has the project without them, whose every
         * model is one of the encoding's with the candidates it no longer reaches false
         * ({@link Encoding#requirementOf}). One call on the solver that found the first core, under
         * assumptions: what it learnt there serves every fix asked about. False when it cannot tell
         * within the budget.
         */
        boolean holdsWithout(java.util.Collection<Dependency> dropped) {
            java.util.Set<Key> out = new java.util.HashSet<>();
            List<Constraint> all = e.constraints();
            for (int i = 0; i < e.rootConstraintCount(); i++) {
                if (dropped.contains(Encoding.requirementOf(e.root, all.get(i).reason()))) {
                    out.add(key(all.get(i).reason()));
                }
            }
            int first = e.variables() + 1;
            int[] assumed = new int[keys.size() - out.size()];
            int n = 0;
            for (int i = 0; i < keys.size(); i++) {
                if (!out.contains(keys.get(i))) {
                    assumed[n++] = first + i;
                }
            }
            return !budget.expired() && everything.solve(assumed) == Sat.Answer.UNSAT;
        }
    }

    private static String order(Grouped g) {
        return (g.fact().kind() == Kind.ROOT_REQUIREMENT ? "0" : "1") + g.fact().pkg() + " "
                + g.dependency() + " " + g.fact().kind();
    }

    /** Constraints by the fact they state, in encoding order. */
    static Map<Key, List<Constraint>> group(Encoding e) {
        Map<Key, List<Constraint>> groups = new LinkedHashMap<>();
        for (Constraint c : e.constraints()) {
            groups.computeIfAbsent(key(c.reason()), k -> new ArrayList<>()).add(c);
        }
        return groups;
    }

    /**
     * What a constraint states in user terms: constraints with equal keys are one fact, a requirement
     * of any version of one package ({@code from}; null for the root's own), or, for any other reason,
     * what it says ({@code other}). Made of the names and requirement texts, whose hashes their strings
     * keep: a key spelled out as one string was made and hashed anew for every constraint, a sixth of
     * finding a large minimal conflict ({@code rusoto-core} 0.29.0's; 7 % of explaining it).
     */
    record Key(String kind, PackageName from, PackageName to, String requirement, String other) {

        /** Deletion tries the facts deep in the registry first, the root's own requirements last. */
        int priority() {
            return kind.equals("root") ? 2 : kind.equals("other") ? 1 : 0;
        }
    }

    static Key key(Reason r) {
        if (r instanceof Reason.RootRequirement rr) {
            return requirement("root", null, rr.dependency());
        } else if (r instanceof Reason.DependencyOf d) {
            return requirement("dep", d.from().name(), d.dependency());
        } else if (r instanceof Reason.Missing m) {
            return requirement("missing", m.from().name(), m.dependency());
        } else if (r instanceof Reason.NoMatch n) {
            return requirement("nomatch", n.from().name(), n.dependency());
        } else if (r instanceof Reason.SelfConflict s) {
            return requirement("self", s.from().name(), s.dependency());
        }
        return new Key("other", null, null, null, r.describe());
    }

    private static Key requirement(String kind, PackageName from, Dependency d) {
        return new Key(kind, from, d.name(), d.requirement(), null);
    }

    private static Grouped fact(Encoding e, PackageIndex index, List<Reason> reasons) {
        Reason r = reasons.get(0);
        TreeSet<Version> members = new TreeSet<>();
        for (Reason each : reasons) {
            if (each instanceof Reason.DependencyOf d) {
                members.add(d.from().version());
            } else if (each instanceof Reason.Missing m) {
                members.add(m.from().version());
            } else if (each instanceof Reason.NoMatch n) {
                members.add(n.from().version());
            } else if (each instanceof Reason.SelfConflict s) {
                members.add(s.from().version());
            }
        }
        if (r instanceof Reason.RootRequirement rr) {
            return rootFact(Kind.ROOT_REQUIREMENT, rr.root().name(), rr.root().version(), rr.dependency(), "");
        } else if (r instanceof Reason.AtMostOneVersion a) {
            PackageName p = a.name();
            List<Version> versions = new ArrayList<>();
            for (int v = 1; v <= e.candidates(); v++) {
                if (e.id(v).name().equals(p)) {
                    versions.add(e.id(v).version());
                }
            }
            return new Grouped(new Fact(Kind.AT_MOST_ONE, p, VersionRange.of(versions), true, Optional.empty(),
                    List.of(), List.of(), a.compatibilityClass().orElse("")), null, new TreeSet<>(versions));
        }
        PackageName from;
        Dependency d;
        Kind kind;
        String detail = "";
        List<Version> yanked = List.of();
        if (r instanceof Reason.DependencyOf dep) {
            from = dep.from().name();
            d = dep.dependency();
            kind = Kind.DEPENDENCY;
        } else if (r instanceof Reason.Missing m) {
            from = m.from().name();
            d = m.dependency();
            kind = Kind.MISSING;
            detail = m.registry();
        } else if (r instanceof Reason.NoMatch n) {
            from = n.from().name();
            d = n.dependency();
            yanked = n.yanked().stream().map(Version::parse).toList();
            kind = yanked.isEmpty() ? Kind.NO_MATCH : Kind.YANKED;
        } else if (r instanceof Reason.SelfConflict s) {
            from = s.from().name();
            d = s.dependency();
            kind = Kind.SELF_CONFLICT;
            detail = s.version().version().toString();
        } else {
            throw new AssertionError(r);
        }
        List<Version> available = kind == Kind.NO_MATCH || kind == Kind.YANKED ? versionsOf(index, d.name(), false)
                : List.of();
        if (e.root != null && from.equals(e.root.name())) {
            return new Grouped(new Fact(kind, from, VersionRange.exactly(e.root.version()), true, Optional.of(d),
                    available, yanked, detail), d, members);
        }
        List<Version> universe = versionsOf(index, from, true);
        VersionRange range = VersionRange.covering(members, universe);
        boolean all = members.containsAll(universe);
        return new Grouped(new Fact(kind, from, range, all, Optional.of(d), available, yanked, detail), d, members);
    }

    private static Grouped rootFact(Kind kind, PackageName root, Version version, Dependency d, String detail) {
        return new Grouped(new Fact(kind, root, VersionRange.exactly(version), true, Optional.of(d), List.of(),
                List.of(), detail), d, new TreeSet<>(List.of(version)));
    }

    /** The registry's versions of {@code name}, ascending; yanked ones only when asked. */
    static List<Version> versionsOf(PackageIndex index, PackageName name, boolean withYanked) {
        List<Version> result = new ArrayList<>();
        for (Release release : index.find(name).map(PackageListing::releases).orElse(List.of())) {
            if (withYanked || !release.yanked()) {
                result.add(release.version());
            }
        }
        result.sort(null);
        return result;
    }
}
