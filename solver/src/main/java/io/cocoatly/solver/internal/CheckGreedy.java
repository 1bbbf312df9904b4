package io.cocoatly.solver.internal;

/**
 * A solution for {@code p@v} as root without the solver, when one is easy to find: walk from
 * {@code v}, satisfying each dependency with a version already chosen if one matches, else with the
 * highest match that is free to choose, never going back. If every edge is met the choice is a model
 * of the check encoding under {@code r(p), x(p,v)} and proves {@code v} (and, through
 * {@link Check}'s model walk, more) installable; if an edge finds no free match the walk gives up and
 * the solver decides. Most versions of a real registry are settled this way: a call costs about as
 * much as walking the dependency tree once.
 *
 * <p>Free to choose: not excluded, not known to be in no model, not a yanked release (only the root
 * may be one), not a second version of the root's package, and in an at-most-one group
 * ({@link Encoding#group}: package, or package and class) that holds no choice yet. These are exactly
 * the constraints of {@link Encoder#forCheck} with {@code r(p)} true, so the walk never claims a
 * solution the solver would reject.
 */
final class CheckGreedy {

    private final Encoding e;
    private final boolean[] yankedRelease;
    private final boolean[] model;
    private final int[] groupStamp;
    private final int[] stack;
    /** The versions chosen by the last walk, in the order chosen; {@code size} of them. */
    private final int[] chosen;
    private int size;
    private int stamp;

    CheckGreedy(Encoding e, boolean[] yankedRelease) {
        this.e = e;
        this.yankedRelease = yankedRelease;
        this.model = new boolean[e.variables() + 1];
        int groups = 0;
        for (int v = 1; v <= e.candidates(); v++) {
            groups = Math.max(groups, e.group[v] + 1);
        }
        this.groupStamp = new int[groups];
        this.stack = new int[e.candidates() + 1];
        this.chosen = new int[e.candidates() + 1];
    }

    /** The versions the last walk chose (the true candidates of its model): the first {@link #size()}. */
    int[] chosen() {
        return chosen;
    }

    int size() {
        return size;
    }

    /**
     * A model with {@code v} as root over the encoding's candidates, or null when the walk gave up.
     * The array is reused by the next call.
     */
    boolean[] solve(int v, boolean[] dead) {
        for (int i = 0; i < size; i++) {
            model[chosen[i]] = false;
        }
        size = 0;
        stamp++;
        int root = e.packageOf[v];
        int top = 0;
        model[v] = true;
        chosen[size++] = v;
        groupStamp[e.group[v]] = stamp;
        stack[top++] = v;
        while (top > 0) {
            int u = stack[--top];
            for (Encoding.Edge edge : e.edges.get(u)) {
                if (edge.fixed() != null || met(edge.targets())) {
                    continue;
                }
                int pick = -1;
                int[] targets = edge.targets();
                for (int i = targets.length - 1; i >= 0 && pick < 0; i--) {
                    int t = targets[i];
                    if (!e.excluded[t] && !dead[t] && !yankedRelease[t] && e.packageOf[t] != root
                            && groupStamp[e.group[t]] != stamp) {
                        pick = t;
                    }
                }
                if (pick < 0) {
                    return null;
                }
                model[pick] = true;
                chosen[size++] = pick;
                groupStamp[e.group[pick]] = stamp;
                stack[top++] = pick;
            }
        }
        return model;
    }

    private boolean met(int[] targets) {
        for (int t : targets) {
            if (model[t]) {
                return true;
            }
        }
        return false;
    }
}
