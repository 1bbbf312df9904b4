package io.cocoatly.solver.internal;

import java.util.List;

/**
 * A lower bound on the transitive rank (objective level 3; index 2 in {@link Bounds}) over the live
 * candidates, so that a guess whose transitive packages cannot all be at their newest version is still
 * proven optimal without a solver. Throughout, "solution" means one that selects no dominated
 * candidate: the optimiser's solver holds them false too, and the optimum is the same
 * ({@link Dominance}). The unit of the bound is an at-most-one group (a package, or under semver-major
 * one compatibility class of it), since a solution selects at most one candidate of each.
 *
 * <ul>
 *   <li><b>Dead</b>: a candidate that is blocked ({@link Encoding#blocked}), or has an edge whose
 *       every target is dead (least fixpoint). No solution selects a dead candidate. <b>Refined</b>
 *       ({@code of(e, true)}): also a candidate in a forced group g (below) outside {@code P(g)}, a
 *       solution selecting at most one candidate of g and that one from {@code P(g)}; to a fixpoint,
 *       since a new dead candidate can narrow a {@code P}, which can kill more. Dearer, so
 *       {@link Bounds} asks for it only when the plain analysis proves too little.</li>
 *   <li><b>Forced</b> group g, with a set {@code P(g) ⊆ g} such that every solution selects a candidate
 *       of {@code P(g)}: the group of a root requirement's live targets, when they lie in one group;
 *       and, when every candidate of {@code P(f)} of a forced f has an edge into package q, and the
 *       live targets R of those edges lie in one group g, g with {@code P(g) = R} (the selected
 *       candidate of f is one of them, and its edge must be met). When g is reached so again,
 *       {@code P(g)} narrows to {@code P(g) ∩ R}: its one selected candidate lies in both.</li>
 *   <li>The same with the package as the unit: a route forces its package whatever groups it spans
 *       (a range such as {@code >=0.2, <0.4} forces no single group), and narrows {@code P(q)} only
 *       when {@code P(q) ∪ R} is one group. A route that cannot narrow still holds a selected
 *       candidate: every solution selects one of its R.</li>
 *   <li><b>Bound</b>: for each package q not direct, its ranks sum to at least the larger of
 *       {@code Σ_{g ⊆ q forced} min_{w ∈ P(g)} rank(w)} (each such g has a selected candidate in
 *       {@code P(g)}, distinct groups distinct ones) and, if q is forced as a unit,
 *       {@code max(min_{w ∈ P(q)} rank(w), max_{routes R into q} min_{w ∈ R} rank(w))}; ranks are
 *       never negative. The transitive rank is at least the sum of these over the packages. (The
 *       routes' term is crates.io's {@code rand_core}: 0.4 reached first, then 0.3 through a range
 *       spanning 0.2 and 0.3; it settles 105 of the 1,353 of the top-300 crates' versions that called
 *       the solver.)</li>
 *   <li><b>Accounts</b>: a forced package and the packages of part 0 its candidates need something of
 *       share one part, the least over its candidates of what each costs with what it needs, when that
 *       is larger than the package's own ({@link Accounts}).</li>
 * </ul>
 *
 * When a solution meets the bound, every package's ranks sum to exactly its part, so each unit that
 * gave the part selects its {@linkplain #designated designated} candidate {@code argmin_{w ∈ P} rank(w)}
 * (ranks are distinct within a package), and every other selected non-direct candidate has rank 0; an
 * account designates what it names. {@link Bounds} uses that to find the versions every such solution
 * holds, as it did when the bound was 0.
 */
final class TransitiveBound {

    /** The bound; 0 when every forced transitive group can have its package's newest version. */
    final long bound;
    /** Per candidate: whether it is the designated candidate of a unit that gave its package's part. */
    final boolean[] designated;
    /**
     * Per candidate: whether it is dead (refined or not), in no solution; {@link Bounds} bounds the
     * direct rank with it.
     */
    final boolean[] dead;
    /**
     * Per package index: its part of the bound, at most the sum of its selected candidates' ranks in
     * every solution (0 for a direct package); for a package in an {@linkplain Accounts account}, the
     * account's part, at most the sum over all its packages. {@code bound} is the sum of the parts of
     * the packages in no account and of the accounts, each once.
     */
    final long[] part;
    /** The forced groups and their {@code P}, for {@link #reduce} and {@link #refine}. */
    private final Units groups;

    private TransitiveBound(long bound, boolean[] designated, boolean[] dead, long[] part, Units groups) {
        this.bound = bound;
        this.designated = designated;
        this.dead = dead;
        this.part = part;
        this.groups = groups;
    }

    /**
     * An objective level rewritten over what the forced groups leave open, and what they add for
     * certain: {@code Σ terms + offset} equals the level's cost in every solution.
     */
    record Reduced(Objective terms, long offset) {
    }

    /**
     * {@code o} with each forced group's least coefficient over its {@code P} taken out as a
     * constant: every solution selects exactly one candidate of a forced group g, from {@code P(g)},
     * so with {@code m(g) = min_{v ∈ P(g)} c(v)}
     *
     * <pre>
     * Σ_{v ∈ g} c(v)·x(v) = m(g) + Σ_{v ∈ g} (c(v) − m(g))·x(v)     in every solution
     * </pre>
     *
     * (a candidate of g outside {@code P(g)} is dead, false in every solution, and keeps {@code
     * max(0, c(v) − m(g))}). A bound {@code Σ terms ≤ b − offset} has the same solutions as {@code
     * cost ≤ b}, but the solver no longer has to find out for itself, by search, what the forced groups
     * must cost: at the packages level every forced group's terms drop out.
     */
    Reduced reduce(Encoding e, Objective o) {
        int n = e.candidates();
        long[] c = new long[n + 1];
        for (int i = 0; i < o.vars().length; i++) {
            c[o.vars()[i]] = o.coefficients()[i];
        }
        long offset = 0;
        for (int g = 0; g < groups.forced.length; g++) {
            int from = groups.first[g];
            int to = groups.first[g + 1];
            if (!groups.forced[g] || firstPossible(groups.possible, from, to) == 0) {
                continue;
            }
            long least = Long.MAX_VALUE;
            for (int v = from; v < to; v++) {
                if (groups.possible[v]) {
                    least = Math.min(least, c[v]);
                }
            }
            offset += least;
            for (int v = from; v < to; v++) {
                c[v] = Math.max(0, c[v] - least);
            }
        }
        int[] vars = new int[o.vars().length];
        int[] coefficients = new int[vars.length];
        int kept = 0;
        for (int i = 0; i < o.vars().length; i++) {
            int v = o.vars()[i];
            if (c[v] > 0) {
                vars[kept] = v;
                coefficients[kept++] = (int) c[v];
            }
        }
        return new Reduced(new Objective(o.name(), java.util.Arrays.copyOf(vars, kept),
                java.util.Arrays.copyOf(coefficients, kept)), offset);
    }

    /**
     * The bound of {@code e}, a resolve encoding: per package, the larger of what its forced groups
     * and what the package as one unit prove (a range spanning compatibility classes forces the
     * package but none of its groups), summed over the packages.
     */
    static TransitiveBound of(Encoding e, boolean refined) {
        TransitiveBound plain = compute(e, dead(e), null);
        return refined ? plain.refine(e) : plain;
    }

    /**
     * The refined bound, going on from this plain analysis (its dead candidates and forced groups, the
     * refinement's first step) instead of starting over; this one itself when it kills nothing. The
     * plain analysis may have been made before the dominated candidates were known: they are dead from
     * the first step on. Every candidate it kills is in no solution (the plain analysis holds for a
     * superset of the solutions), so the fixpoint reached holds too.
     */
    TransitiveBound refine(Encoding e) {
        boolean[] refinedDead = dead.clone();
        boolean blockedSince = false;
        for (int v = 1; v < refinedDead.length; v++) {
            if (!refinedDead[v] && e.blocked(v)) {
                refinedDead[v] = true;
                blockedSince = true;
            }
        }
        if (!killOutsideForced(e, groups, refinedDead) && !blockedSince) {
            return this;
        }
        Graph g = Graph.of(e);
        Units refinedGroups;
        do {
            propagateDead(g, refinedDead);
            refinedGroups = Units.fixpoint(e, g, refinedDead, e.group);
        } while (killOutsideForced(e, refinedGroups, refinedDead));
        return compute(e, refinedDead, refinedGroups);
    }

    /**
     * The bound with {@code dead} (closed under dead edges) as the candidates no solution selects, and
     * {@code forcedGroups} the forced groups found with it (null: found here).
     */
    private static TransitiveBound compute(Encoding e, boolean[] dead, Units forcedGroups) {
        int n = e.candidates();
        Graph g = Graph.of(e);
        Units groups = forcedGroups != null ? forcedGroups : Units.fixpoint(e, g, dead, e.group);
        Units packages = Units.fixpoint(e, g, dead, e.packageOf);
        long bound = 0;
        boolean[] designated = new boolean[n + 1];
        long[] part = new long[n == 0 ? 0 : e.packageOf[n] + 1];
        int v = 1;
        while (v <= n) {
            int end = v;
            while (end <= n && e.packageOf[end] == e.packageOf[v]) {
                end++;
            }
            if (!e.direct[v]) {
                long byGroups = groups.minimumRanks(e, v, end, null);
                long asPackage = packages.minimumRanks(e, v, end, null);
                // Whichever is larger is met only by selecting its designated candidates (both on a tie).
                part[e.packageOf[v]] = Math.max(byGroups, asPackage);
                bound += part[e.packageOf[v]];
                if (byGroups >= asPackage) {
                    groups.minimumRanks(e, v, end, designated);
                }
                if (asPackage >= byGroups) {
                    packages.minimumRanks(e, v, end, designated);
                }
            }
            v = end;
        }
        bound += Accounts.raise(e, g, dead, packages, part, designated);
        return new TransitiveBound(bound, designated, dead, part, groups);
    }

    /**
     * The parts raised by what a forced package's candidates need below them. For a forced package
     * unit p and the packages O(p) it takes into its account (each transitive, of part 0, in no other
     * account), every solution selects some {@code v ∈ P(p)} and meets its edges:
     *
     * <pre>
     * Σ_{q ∈ {p} ∪ O(p)} ranks(q) ≥ min_{v ∈ P(p)} ( rank(v) + Σ_{q ∈ O(p)} need(v, q) )
     * </pre>
     *
     * where need(v, q) is, over the edges into q of v and of each candidate v implies (the one live
     * target of an edge of v), the larger of the sum over q's groups of the largest least live rank of
     * an edge within that group (one selected candidate per group, distinct groups distinct ones) and
     * the largest least live rank of an edge spanning groups (a rank of p counts 0 when p is direct).
     * When that minimum is above p's part, it becomes the account's part: {@code part} holds it for p
     * and for every package of O(p), which is what {@link Encoding#capRanks} reads (a candidate of the
     * account ranked above {@code c − B + part} makes the account cost more than {@code c − (B − part)}).
     * A solution meeting the bound meets the minimum exactly, so when one v attains it, v is selected
     * and so is, in each term of need(v, q), its candidate of that rank; those are designated, and
     * otherwise nothing of the account is. The shape is crates.io's {@code tokio-reactor}: its newest
     * versions need {@code crossbeam-utils} 0.6 (rank 1), an old one (rank 7) nothing, so every
     * solution pays 1 for the pair, which no route shows.
     */
    private static final class Accounts {
        private final Encoding e;
        private final Graph g;
        private final boolean[] dead;
        /** Per package: whether its part is 0, it is transitive, and it is in no account yet. */
        private final boolean[] open;
        /** Per package: whether it is in an account. */
        private final boolean[] taken;
        /** Per package: the stamp of the candidate whose needs it holds, its groups' sum and spanning need. */
        private final int[] pkgStamp;
        private final long[] byGroups;
        private final long[] spanning;
        /** Per group: the stamp of the candidate whose need it holds, and that need. */
        private final int[] groupStamp;
        private final long[] groupNeed;
        /** The packages the current candidate needs something of. */
        private final int[] touched;
        private int touchedCount;
        private int stamp;

        private Accounts(Encoding e, Graph g, boolean[] dead, long[] part) {
            this.e = e;
            this.g = g;
            this.dead = dead;
            int packages = part.length;
            int n = e.candidates();
            int groups = n == 0 ? 0 : e.group[n] + 1;
            open = new boolean[packages];
            taken = new boolean[packages];
            for (int q = 0; q < packages; q++) {
                int first = g.packageFirst[q];
                open[q] = part[q] == 0 && first < g.packageFirst[q + 1] && !e.direct[first];
            }
            pkgStamp = new int[packages];
            byGroups = new long[packages];
            spanning = new long[packages];
            groupStamp = new int[groups];
            groupNeed = new long[groups];
            touched = new int[packages];
        }

        /** Raises the parts as above, package by package; returns how much the bound rose. */
        static long raise(Encoding e, Graph g, boolean[] dead, Units packages, long[] part, boolean[] designated) {
            Accounts a = new Accounts(e, g, dead, part);
            long raised = 0;
            for (int p = 0; p < part.length; p++) {
                if (packages.forced[p] && !a.taken[p]) {
                    raised += a.account(p, packages, part, designated);
                }
            }
            return raised;
        }

        /** p's account, if it raises p's part; returns the rise. */
        private long account(int p, Units packages, long[] part, boolean[] designated) {
            boolean wasOpen = open[p];
            open[p] = false;
            // The least ranked candidate first: when it costs no more than p's part (which is at least
            // its rank), so does the least, and the account cannot rise; the common case, cheaply.
            int newest = 0;
            for (int v = g.packageFirst[p]; v < g.packageFirst[p + 1]; v++) {
                if (packages.possible[v] && (newest == 0 || e.rank[v] < e.rank[newest])) {
                    newest = v;
                }
            }
            if (newest == 0 || (e.direct[newest] ? 0 : e.rank[newest]) + needs(newest) <= part[p]) {
                open[p] = wasOpen;
                return 0;
            }
            long best = Long.MAX_VALUE;
            int argmin = 0;
            boolean unique = false;
            for (int v = g.packageFirst[p]; v < g.packageFirst[p + 1]; v++) {
                if (packages.possible[v]) {
                    long cost = (e.direct[v] ? 0 : e.rank[v]) + needs(v);
                    if (cost < best) {
                        best = cost;
                        argmin = v;
                        unique = true;
                    } else if (cost == best) {
                        unique = false;
                    }
                }
            }
            long before = part[p];
            if (argmin == 0 || best <= before) {
                open[p] = wasOpen;
                return 0;
            }
            // What a solution meeting the bound selects, found before the account closes its packages.
            int[] chosen = unique ? named(argmin) : new int[0];
            // O(p): every open package some candidate of P(p) needs something of.
            taken[p] = true;
            enter(p, part, best, designated);
            for (int v = g.packageFirst[p]; v < g.packageFirst[p + 1]; v++) {
                if (packages.possible[v]) {
                    needs(v);
                    for (int i = 0; i < touchedCount; i++) {
                        if (!taken[touched[i]]) {
                            taken[touched[i]] = true;
                            open[touched[i]] = false;
                            enter(touched[i], part, best, designated);
                        }
                    }
                }
            }
            for (int w : chosen) {
                designated[w] = true;
            }
            return best - before;
        }

        /**
         * {@code v} and, for each term of its needs, the candidate of that rank (ranks are distinct
         * within a package): what a solution selecting v and paying exactly its needs selects.
         */
        private int[] named(int v) {
            needs(v);
            int[] named = new int[e.candidates() + 1];
            int count = 0;
            named[count++] = v;
            for (int i = 0; i < touchedCount; i++) {
                int q = touched[i];
                boolean groupsGive = byGroups[q] >= spanning[q];
                for (int w = g.packageFirst[q]; w < g.packageFirst[q + 1]; w++) {
                    if (e.rank[w] > 0 && (groupsGive
                            ? groupStamp[e.group[w]] == stamp && groupNeed[e.group[w]] == e.rank[w]
                            : spanning[q] == e.rank[w])) {
                        named[count++] = w;
                    }
                }
            }
            return java.util.Arrays.copyOf(named, count);
        }

        /** Makes {@code q} part of an account whose part is {@code best}: its own designated ones no longer hold. */
        private void enter(int q, long[] part, long best, boolean[] designated) {
            part[q] = best;
            for (int w = g.packageFirst[q]; w < g.packageFirst[q + 1]; w++) {
                designated[w] = false;
            }
        }

        /**
         * Σ_q need(v, q) over the open packages, as above; leaves each package's needs in
         * {@code touched}, {@link #byGroups} and {@link #spanning}, and each group's in {@link #groupNeed},
         * under a new {@link #stamp}.
         */
        private long needs(int v) {
            stamp++;
            touchedCount = 0;
            for (int k = g.start[v]; k < g.start[v + 1]; k++) {
                int only = need(k);
                if (only > 0) {
                    // The one live target is selected with v: its edges must be met too.
                    for (int j = g.start[only]; j < g.start[only + 1]; j++) {
                        need(j);
                    }
                }
            }
            long sum = 0;
            for (int i = 0; i < touchedCount; i++) {
                int q = touched[i];
                sum += Math.max(byGroups[q], spanning[q]);
            }
            return sum;
        }

        /** Adds edge k's need if its package is open; returns its one live target, else 0. */
        private int need(int k) {
            int least = 0;
            int group = -1;
            boolean oneGroup = true;
            int live = 0;
            int q = g.pkg[k];
            int[] targets = g.targets[k];
            if (g.newestFirst[q]) {
                // Targets ascend by version: the newest live one is the least ranked, and the live ones
                // lie in one group exactly when the oldest live one is in its group.
                int last = targets.length - 1;
                while (last >= 0 && dead[targets[last]]) {
                    last--;
                }
                int first = 0;
                while (first < last && dead[targets[first]]) {
                    first++;
                }
                if (last >= 0) {
                    least = targets[last];
                    group = e.group[least];
                    oneGroup = e.group[targets[first]] == group;
                    live = first == last ? 1 : 2;
                }
            } else {
                for (int t : targets) {
                    if (!dead[t]) {
                        live++;
                        oneGroup &= group < 0 || e.group[t] == group;
                        group = e.group[t];
                        least = least == 0 || e.rank[t] < e.rank[least] ? t : least;
                    }
                }
            }
            if (least != 0 && open[q] && e.rank[least] > 0) {
                if (pkgStamp[q] != stamp) {
                    pkgStamp[q] = stamp;
                    byGroups[q] = 0;
                    spanning[q] = 0;
                    touched[touchedCount++] = q;
                }
                long r = e.rank[least];
                if (oneGroup) {
                    if (groupStamp[group] != stamp) {
                        groupStamp[group] = stamp;
                        groupNeed[group] = 0;
                    }
                    if (r > groupNeed[group]) {
                        byGroups[q] += r - groupNeed[group];
                        groupNeed[group] = r;
                    }
                } else {
                    spanning[q] = Math.max(spanning[q], r);
                }
            }
            return live == 1 ? least : 0;
        }
    }

    /**
     * The forced units and their sets {@code P}, a unit being what {@code unitOf} maps a candidate to:
     * its group, or its package. A route forces or narrows a unit only when it lies in one group, or,
     * for a package unit, forces it whatever groups it spans and narrows it only within one group.
     */
    private static final class Units {
        final int[] unitOf;
        final boolean[] forced;
        final boolean[] possible;
        final int[] first;
        /**
         * Per unit: of the routes into it, the one whose least rank is largest, as its candidate of that
         * rank (0: no route yet). Every route's live targets hold a selected candidate, whether or not
         * the route could narrow {@code P}: a package unit keeps as {@code P} the first route spanning
         * groups, and a later one, spanning others, may need a version older than any of the first's.
         */
        final int[] routeLeast;
        /**
         * Per forced unit: the one group all of its {@code P} lies in, or -2 when it spans groups (or
         * is empty); kept as {@code P} is set, since every later route into the unit asks.
         */
        private final int[] possibleGroup;

        private Units(int[] unitOf, int units, int n) {
            this.unitOf = unitOf;
            forced = new boolean[units];
            possible = new boolean[n + 1];
            first = new int[units + 1];
            routeLeast = new int[units];
            possibleGroup = new int[units];
        }

        static Units fixpoint(Encoding e, Graph g, boolean[] dead, int[] unitOf) {
            int n = e.candidates();
            Units u = new Units(unitOf, n == 0 ? 0 : unitOf[n] + 1, n);
            // Units are runs of consecutive variables, numbered in variable order; one without
            // candidates (a package that has none) has an empty run.
            java.util.Arrays.fill(u.first, n + 1);
            for (int v = n; v >= 1; v--) {
                u.first[unitOf[v]] = v;
            }
            for (int k = u.forced.length - 1; k >= 0; k--) {
                u.first[k] = Math.min(u.first[k], u.first[k + 1]);
            }
            Route route = new Route(n, g.packageFirst.length - 1);
            UnitQueue queue = new UnitQueue(u.forced.length);
            for (int[] targets : e.rootClauses) {
                if (targets.length > 0) {
                    int q = e.packageOf[targets[0]];
                    route.mark(targets, q, dead);
                    queue.offer(u.narrow(e, route, q));
                }
            }
            while (!queue.isEmpty()) {
                int f = queue.poll();
                int some = firstPossible(u.possible, u.first[f], u.first[f + 1]);
                if (some == 0) {
                    // No solution selects any of them: nothing more is needed to bound the solutions.
                    continue;
                }
                // How many candidates of P(f) have an edge into each package, counted once per
                // candidate: every one of them does exactly when the count is |P(f)|. The narrowings
                // below change units of other packages only (an edge into a candidate's own package
                // is a fixed one, not in the graph), so P(f) and the counts stay as they are.
                int members = u.countEdgesInto(g, f);
                // One pass over P(f)'s edges marks the routes into every such package at once (they
                // are of distinct packages, so their marks do not mix); each is then narrowed in the
                // order of some's edges, as one package at a time would.
                for (int v = u.first[f]; v < u.first[f + 1]; v++) {
                    if (u.possible[v]) {
                        for (int k = g.start[v]; k < g.start[v + 1]; k++) {
                            int q = g.pkg[k];
                            if (g.count[q] == members && g.counted[q] == g.countStamp) {
                                route.mark(g.targets[k], q, dead);
                            }
                        }
                    }
                }
                for (int k = g.start[some]; k < g.start[some + 1]; k++) {
                    int q = g.pkg[k];
                    if (g.count[q] == members && g.counted[q] == g.countStamp) {
                        // A second edge of some into q finds its marks cleared, and changes nothing:
                        // as before, when the same route narrowed q again.
                        queue.offer(u.narrow(e, route, q));
                    }
                }
            }
            return u;
        }

        /**
         * Counts, per package, the candidates of {@code P(f)} with an edge into it (into
         * {@link Graph#count}, under a new {@link Graph#countStamp}); returns {@code |P(f)|}.
         */
        private int countEdgesInto(Graph g, int f) {
            int stamp = g.nextStamp();
            g.countStamp = stamp;
            int members = 0;
            for (int v = first[f]; v < first[f + 1]; v++) {
                if (!possible[v]) {
                    continue;
                }
                members++;
                int seen = g.nextStamp();
                for (int k = g.start[v]; k < g.start[v + 1]; k++) {
                    int q = g.pkg[k];
                    if (g.seen[q] == seen) {
                        continue;
                    }
                    g.seen[q] = seen;
                    if (g.counted[q] != stamp) {
                        g.counted[q] = stamp;
                        g.count[q] = 0;
                    }
                    g.count[q]++;
                }
            }
            return members;
        }

        /**
         * Forces, or narrows, the unit of the marked candidates of {@code route} (all of package
         * {@code q}), and clears the marks. Returns the unit when its set changed, else -1.
         */
        private int narrow(Encoding e, Route route, int q) {
            int unit = -1;
            int group = -1;
            boolean oneUnit = true;
            boolean oneGroup = true;
            int least = 0;
            // Only the span the marked target lists cover: a route rarely spans the whole package.
            int from = route.lo[q];
            int to = route.hi[q] + 1;
            boolean[] marked = route.marked;
            for (int w = from; w < to; w++) {
                if (marked[w]) {
                    oneUnit &= unit < 0 || unitOf[w] == unit;
                    oneGroup &= group < 0 || e.group[w] == group;
                    unit = unitOf[w];
                    group = e.group[w];
                    least = least == 0 || e.rank[w] < e.rank[least] ? w : least;
                }
            }
            if (unit >= 0 && oneUnit && (routeLeast[unit] == 0 || e.rank[least] > e.rank[routeLeast[unit]])) {
                routeLeast[unit] = least;
            }
            boolean changed = false;
            if (unit >= 0 && oneUnit && (!forced[unit] || oneGroup && possibleGroup[unit] == group)) {
                // A first route sets P; a later one narrows it, which needs all of P ∪ R in one group.
                int inGroup = -1;
                for (int w = first[unit]; w < first[unit + 1]; w++) {
                    boolean now = marked[w] && (possible[w] || !forced[unit]);
                    changed |= now != possible[w];
                    possible[w] = now;
                    if (now) {
                        inGroup = inGroup == -1 || inGroup == e.group[w] ? e.group[w] : -2;
                    }
                }
                possibleGroup[unit] = inGroup == -1 ? -2 : inGroup;
                changed |= !forced[unit];
                forced[unit] = true;
            }
            route.clear(q);
            return changed ? unit : -1;
        }

        /**
         * The sum over the forced units among candidates {@code from..to-1} of their least rank in
         * {@code P}, or the larger least rank of a {@linkplain #routeLeast route} into the unit; marks
         * each unit's candidate of that rank in {@code designated} unless it is null (ranks are distinct
         * within a package, so a solution whose ranks there sum to it selects that candidate).
         */
        long minimumRanks(Encoding e, int from, int to, boolean[] designated) {
            long sum = 0;
            int v = from;
            while (v < to) {
                // Units are runs of consecutive variables; P is empty in a unit not forced.
                int unitEnd = Math.min(to, first[unitOf[v] + 1]);
                if (!forced[unitOf[v]]) {
                    v = unitEnd;
                    continue;
                }
                int best = 0;
                for (int w = v; w < unitEnd; w++) {
                    if (possible[w] && (best == 0 || e.rank[w] < e.rank[best])) {
                        best = w;
                    }
                }
                int route = routeLeast[unitOf[v]];
                if (best != 0 && route != 0 && e.rank[route] > e.rank[best]) {
                    best = route;
                }
                if (best != 0) {
                    sum += e.rank[best];
                    if (designated != null) {
                        designated[best] = true;
                    }
                }
                v = unitEnd;
            }
            return sum;
        }
    }

    /**
     * Marks dead every live candidate of a forced group outside its {@code P}: a solution selects one
     * candidate of the group, from {@code P}. Only groups: a forced package may hold a second version
     * in another group. Returns whether any was marked.
     */
    private static boolean killOutsideForced(Encoding e, Units groups, boolean[] dead) {
        boolean changed = false;
        for (int v = 1; v <= e.candidates(); v++) {
            if (!dead[v] && groups.forced[e.group[v]] && !groups.possible[v]) {
                dead[v] = true;
                changed = true;
            }
        }
        return changed;
    }

    /** The blocked candidates, and those with an edge whose every target is dead; a least fixpoint. */
    static boolean[] dead(Encoding e) {
        int n = e.candidates();
        boolean[] dead = new boolean[n + 1];
        for (int v = 1; v <= n; v++) {
            dead[v] = e.blocked(v);
        }
        propagateDead(Graph.of(e), dead);
        return dead;
    }

    /**
     * Adds to {@code dead} every candidate with an edge whose every target is dead, to a fixpoint. Sweeps
     * over all edges rather than following the edges into each newly dead candidate: an edge's targets
     * are often a hundred versions, and indexing them all costs more than the sweeps (each edge's
     * check stops at its first live target).
     */
    private static void propagateDead(Graph g, boolean[] dead) {
        int n = g.start.length - 2;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int v = 1; v <= n; v++) {
                if (!dead[v]) {
                    for (int k = g.start[v]; k < g.start[v + 1]; k++) {
                        if (allDead(g.targets[k], dead)) {
                            dead[v] = true;
                            changed = true;
                            break;
                        }
                    }
                }
            }
        }
    }

    /**
     * The live targets of the edges met so far into each package, to be narrowed into a unit: a mark
     * per candidate, and per package the span of candidates its marks lie in and the last target list
     * marked (versions with equal dependencies share their edges' target lists, marked once).
     */
    private static final class Route {
        final boolean[] marked;
        /** Per package: the first and last candidate its marked lists hold; {@code lo > hi} when none. */
        final int[] lo;
        final int[] hi;
        private final int[][] last;

        Route(int candidates, int packages) {
            marked = new boolean[candidates + 1];
            lo = new int[packages];
            hi = new int[packages];
            last = new int[packages][];
            java.util.Arrays.fill(lo, Integer.MAX_VALUE);
            java.util.Arrays.fill(hi, -1);
        }

        /** Marks the live ones of {@code targets}, ascending candidates of package {@code q}. */
        void mark(int[] targets, int q, boolean[] dead) {
            if (targets == last[q]) {
                return;
            }
            last[q] = targets;
            for (int t : targets) {
                marked[t] |= !dead[t];
            }
            lo[q] = Math.min(lo[q], targets[0]);
            hi[q] = Math.max(hi[q], targets[targets.length - 1]);
        }

        /** Clears package {@code q}'s marks. */
        void clear(int q) {
            for (int w = lo[q]; w <= hi[q]; w++) {
                marked[w] = false;
            }
            lo[q] = Integer.MAX_VALUE;
            hi[q] = -1;
            last[q] = null;
        }
    }

    /**
     * Newest first: targets ascend by version, and the old ones are the dominated ones, so the first
     * live target is usually the last.
     */
    private static boolean allDead(int[] targets, boolean[] dead) {
        for (int i = targets.length - 1; i >= 0; i--) {
            if (!dead[targets[i]]) {
                return false;
            }
        }
        return true;
    }

    private static int firstPossible(boolean[] possible, int from, int to) {
        for (int v = from; v < to; v++) {
            if (possible[v]) {
                return v;
            }
        }
        return 0;
    }

    /** A FIFO queue of units, each in it at most once: a ring as long as there are units holds them. */
    private static final class UnitQueue {
        private final int[] ring;
        private final boolean[] queued;
        private int head;
        private int size;

        UnitQueue(int units) {
            ring = new int[Math.max(1, units)];
            queued = new boolean[units];
        }

        /** Queues {@code unit} unless it is queued already, or is -1 (no unit changed). */
        void offer(int unit) {
            if (unit >= 0 && !queued[unit]) {
                queued[unit] = true;
                ring[(head + size++) % ring.length] = unit;
            }
        }

        boolean isEmpty() {
            return size == 0;
        }

        int poll() {
            int unit = ring[head];
            head = (head + 1) % ring.length;
            size--;
            queued[unit] = false;
            return unit;
        }
    }

    /**
     * The candidates' edges that the bound reads (those a selected version must meet: not the ones a
     * fixed package meets), as flat arrays with each edge's package; made once per encoding
     * ({@link #of(Encoding)}, kept with it), since the bound, its refinement and the optimiser's
     * {@link LocalImprovement} pass over them many times. Also scratch arrays per package, marked with
     * a fresh stamp for each use instead of cleared; like the encoding, it belongs to one thread.
     */
    static final class Graph {
        /** Per candidate v: its edges are {@code start[v]..start[v+1]-1}. */
        final int[] start;
        /**
         * Per edge: the package of its targets (all of one package; every edge the encoder keeps has
         * one at least, a dependency that nothing meets ruling its candidate out instead).
         */
        final int[] pkg;
        /** Per edge: its targets. */
        final int[][] targets;
        /** Per package index: its first candidate; {@code packageFirst[p+1]} ends it. */
        final int[] packageFirst;
        /**
         * Per package index: whether its ranks descend with its versions (rank 0 the newest, no
         * prerelease ranked after the releases), so that the newest of some candidates is the least
         * ranked.
         */
        final boolean[] newestFirst;
        /*
         * Scratch per package, each slot valid only while it
         * holds the stamp of the pass that wrote it: seen as a set of packages, count (valid where
         * counted holds countStamp) as the number of a unit's candidates needing the package.
         */
        final int[] seen;
        final int[] count;
        final int[] counted;
        int countStamp;
        private int stamp;

        private Graph(Encoding e) {
            int n = e.candidates();
            int packages = n == 0 ? 0 : e.packageOf[n] + 1;
            start = new int[n + 2];
            // One pass over the edges, sized by all of them: the fixed ones, left out, are rare.
            int all = 0;
            for (int v = 1; v <= n; v++) {
                all += e.edges.get(v).size();
            }
            int[][] edgeTargets = new int[all][];
            int[] edgePkg = new int[all];
            int k = 0;
            for (int v = 1; v <= n; v++) {
                start[v] = k;
                List<Encoding.Edge> edges = e.edges.get(v);
                for (int i = 0, size = edges.size(); i < size; i++) {
                    Encoding.Edge edge = edges.get(i);
                    if (edge.fixed() == null) {
                        int[] t = edge.targets();
                        edgeTargets[k] = t;
                        edgePkg[k] = e.packageOf[t[0]];
                        k++;
                    }
                }
            }
            start[n + 1] = k;
            targets = k == all ? edgeTargets : java.util.Arrays.copyOf(edgeTargets, k);
            pkg = k == all ? edgePkg : java.util.Arrays.copyOf(edgePkg, k);
            packageFirst = new int[packages + 1];
            java.util.Arrays.fill(packageFirst, n + 1);
            for (int v = n; v >= 1; v--) {
                packageFirst[e.packageOf[v]] = v;
            }
            // A package index without candidates has an empty run where the next one starts.
            for (int p = packages - 1; p >= 0; p--) {
                packageFirst[p] = Math.min(packageFirst[p], packageFirst[p + 1]);
            }
            newestFirst = new boolean[packages];
            for (int p = 0; p < packages; p++) {
                int end = packageFirst[p + 1];
                boolean descending = true;
                for (int w = packageFirst[p]; w < end && descending; w++) {
                    descending = e.rank[w] == end - 1 - w;
                }
                newestFirst[p] = descending;
            }
            seen = new int[packages];
            count = new int[packages];
            counted = new int[packages];
        }

        /** The graph of {@code e}, made on first use and kept with it. */
        static Graph of(Encoding e) {
            if (e.boundGraph == null) {
                e.boundGraph = new Graph(e);
            }
            return e.boundGraph;
        }

        /** A stamp no scratch slot holds yet. */
        int nextStamp() {
            if (stamp == Integer.MAX_VALUE) {
                // Never on any input measured; cleared rather than let an old stamp match again.
                java.util.Arrays.fill(seen, 0);
                java.util.Arrays.fill(counted, 0);
                stamp = 0;
            }
            return ++stamp;
        }
    }
}
