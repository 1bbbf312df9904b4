package io.cocoatly.solver.internal;

import io.cocoatly.model.VersionPolicy;
import io.cocoatly.solver.RandomCase;
import java.util.ArrayList;
import java.util.List;

/**
 * Small random encodings and every one of their solutions, found by trying every assignment: the
 * oracle the bound tests check {@link TransitiveBound} and {@link Bounds} against. A solution selects
 * no dominated candidate, as in the optimiser's solver, which leaves them out.
 */
final class SmallCases {

    /** Candidates at most, so that trying every assignment stays quick. */
    static final int MAX_CANDIDATES = 14;

    private SmallCases() {
    }

    /**
     * The random case of {@code seed} over at most {@code maxPackages} packages, the policies in turn:
     * semver-major for odd seeds, one version per package for even ones.
     */
    static RandomCase random(long seed, int maxPackages) {
        VersionPolicy policy = seed % 2 == 0 ? VersionPolicy.ONE_PER_PACKAGE : VersionPolicy.SEMVER_MAJOR;
        return RandomCase.generate(seed, maxPackages, policy);
    }

    /** A seed's case, both policies in turn, and its encoding. */
    record Case(long seed, Encoding encoding) {
    }

    /**
     * The cases of seeds 1 to {@code seeds} small enough to try every assignment of, without an empty
     * root clause; odd seeds under semver-major, even ones one version per package.
     */
    static List<Case> upTo(long seeds) {
        List<Case> cases = new ArrayList<>();
        for (long seed = 1; seed <= seeds; seed++) {
            VersionPolicy policy = seed % 2 == 0 ? VersionPolicy.ONE_PER_PACKAGE : VersionPolicy.SEMVER_MAJOR;
            RandomCase c = RandomCase.generate(seed, 5, policy);
            Encoding e = EncodingGoldenTest.encode(c.index(), c.request());
            if (e.candidates() <= MAX_CANDIDATES && e.emptyClause() == null) {
                cases.add(new Case(seed, e));
            }
        }
        return cases;
    }

    /** The lexicographically least cost vector of {@code solutions} (not empty), solutions of {@code e}. */
    static long[] optimum(Encoding e, List<boolean[]> solutions) {
        long[] optimum = null;
        for (boolean[] model : solutions) {
            long[] costs = e.costs(model);
            optimum = optimum == null || java.util.Arrays.compare(costs, optimum) < 0 ? costs : optimum;
        }
        return optimum;
    }

    /** The candidates {@code model} selects, as {@code {a@1.0.0 b@2.0.0}}, for a failure's message. */
    static String selected(Encoding e, boolean[] model) {
        StringBuilder text = new StringBuilder();
        for (int v = 1; v <= e.candidates(); v++) {
            if (model[v]) {
                text.append(text.length() == 0 ? "" : " ").append(e.id(v));
            }
        }
        return "{" + text + "}";
    }

    /** Every solution of {@code e} selecting no dominated candidate. */
    static List<boolean[]> solutions(Encoding e) {
        return solutions(e, false);
    }

    /** Every solution of {@code e}, those selecting a dominated candidate too when {@code dominated}. */
    static List<boolean[]> solutions(Encoding e, boolean dominated) {
        List<boolean[]> solutions = new ArrayList<>();
        for (boolean[] model : assignments(e, dominated)) {
            if (e.satisfiedBy(model)) {
                solutions.add(model);
            }
        }
        return solutions;
    }

    /** A random set of {@code e}'s candidates, each in it with probability 1/{@code oneIn}, indexed by variable. */
    static boolean[] leftOut(Encoding e, java.util.Random random, int oneIn) {
        boolean[] leftOut = new boolean[e.variables() + 1];
        for (int v = 1; v <= e.candidates(); v++) {
            leftOut[v] = random.nextInt(oneIn) == 0;
        }
        return leftOut;
    }

    /** Every solution of {@code e} (dominated candidates allowed) that selects none of {@code leftOut}. */
    static List<boolean[]> solutionsWithout(Encoding e, boolean[] leftOut) {
        List<boolean[]> solutions = new ArrayList<>();
        for (boolean[] model : solutions(e, true)) {
            if (noneOf(model, leftOut)) {
                solutions.add(model);
            }
        }
        return solutions;
    }

    /** Whether {@code model} selects none of the variables {@code leftOut} marks. */
    static boolean noneOf(boolean[] model, boolean[] leftOut) {
        for (int v = 1; v < leftOut.length; v++) {
            if (leftOut[v] && model[v]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every assignment of {@code e}'s candidates, satisfying or not; those selecting a dominated
     * candidate too when {@code dominated}.
     */
    static List<boolean[]> assignments(Encoding e, boolean dominated) {
        int n = e.candidates();
        List<boolean[]> assignments = new ArrayList<>();
        for (int bits = 0; bits < 1 << n; bits++) {
            boolean[] model = new boolean[e.variables() + 1];
            boolean selectsDominated = false;
            for (int v = 1; v <= n; v++) {
                model[v] = (bits & 1 << (v - 1)) != 0;
                selectsDominated |= model[v] && e.dominator[v] != 0;
            }
            if (dominated || !selectsDominated) {
                assignments.add(model);
            }
        }
        return assignments;
    }
}
