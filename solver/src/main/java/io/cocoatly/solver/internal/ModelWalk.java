package io.cocoatly.solver.internal;

/**
 * What one model of the check encoding proves: every selected {@code w} whose part of the model is a
 * solution with {@code w} as root is installable. The part is found by walking from {@code w} along
 * the model's choices (preferring {@code w} itself for edges into {@code w}'s package); it is a
 * solution when it reaches no other version of {@code w}'s package. Scratch arrays are kept between
 * models, since {@link Check} walks one model per version it settles.
 */
final class ModelWalk {

    private final Encoding e;
    private final int[] seen;
    private final int[] queue;
    private int stamp;

    ModelWalk(Encoding e) {
        this.e = e;
        this.seen = new int[e.candidates() + 1];
        this.queue = new int[e.candidates() + 1];
    }

    /** Marks in {@code installable} every version {@code model} proves installable. */
    void mark(boolean[] model, boolean[] installable) {
        for (int w = 1; w <= e.candidates(); w++) {
            if (model[w] && !installable[w]) {
                installable[w] = solves(model, w);
            }
        }
    }

    /**
     * As {@link #mark(boolean[], boolean[])} when the model's selected candidates are known: the first
     * {@code count} of {@code selected}. Scanning every candidate per model would cost more than the
     * walks on a large registry.
     */
    void mark(boolean[] model, int[] selected, int count, boolean[] installable) {
        for (int i = 0; i < count; i++) {
            int w = selected[i];
            if (!installable[w]) {
                installable[w] = solves(model, w);
            }
        }
    }

    private boolean solves(boolean[] model, int w) {
        stamp++;
        // Breadth first: a second version of w's package is usually near w, and ends the walk.
        int head = 0;
        int tail = 0;
        queue[tail++] = w;
        seen[w] = stamp;
        while (head < tail) {
            for (Encoding.Edge edge : e.edges.get(queue[head++])) {
                int next = choice(edge.targets(), model, w);
                if (next < 0) {
                    continue;
                }
                if (next != w && e.packageOf[next] == e.packageOf[w]) {
                    return false;
                }
                if (seen[next] != stamp) {
                    seen[next] = stamp;
                    queue[tail++] = next;
                }
            }
        }
        return true;
    }

    /** The model's choice for an edge: {@code root} if it matches, else the highest selected match. */
    private static int choice(int[] targets, boolean[] model, int root) {
        int chosen = -1;
        for (int t : targets) {
            if (t == root) {
                return t;
            }
            if (model[t]) {
                chosen = t;
            }
        }
        return chosen;
    }
}
