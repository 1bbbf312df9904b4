package io.cocoatly.solver.internal;

import org.sat4j.minisat.core.IPhaseSelectionStrategy;
import org.sat4j.minisat.orders.VarOrderHeap;

/**
 * sat4j's decision order by activity (VSIDS), except that at the start of each call the variables a
 * guide selects are decided before any other, unless a conflict raises another's activity first.
 *
 * <p>Why: sat4j sets every activity to 0 at the start of each call ({@code VarOrderHeap.init}), so the
 * optimiser's solver, walking to a model near the last one, decided the variables in the heap's own
 * order, most of them candidates set false one by one. Deciding the guide's selected candidates first
 * lets the at-most-one of each of their groups, and the cost steps they imply, set most of the others
 * by propagation. Over the 9,437 versions of the top-300 crates.io crates, each root both ways in one
 * JVM, −7 to −8 % in all, the top 300 within ±1.5 %, every objective the same (23 roots break a tie
 * otherwise). The gain is the hard roots of one shape: {@code glium}'s versions fell from 24 to 15–17
 * ms (11 SAT calls to 5), while over the other roots the sum moved −0.5 %, single roots both ways
 * (e.g. {@code cargo} 0.6.0 7.3 → 9.4 ms: the old selections, decided first, took more conflicts to
 * undo). Deciding the cost steps first and the selected candidates next was worse: +1.5 % in all.
 * Not for {@code check}, whose guides point elsewhere: its registries took 7.5 % longer
 * (docs/performance.md).
 */
final class SelectedFirstOrder extends VarOrderHeap {

    private static final long serialVersionUID = 1L;

    /** Per sat4j variable, whether it is decided first; empty for none. */
    private boolean[] first = new boolean[0];

    SelectedFirstOrder(IPhaseSelectionStrategy phase) {
        super(phase);
    }

    /** Decides the variables {@code first} marks (indexed by sat4j variable) first from the next call on. */
    void first(boolean[] first) {
        this.first = first;
    }

    @Override
    public void init() {
        super.init();
        for (int v = 1; v < first.length; v++) {
            if (first[v] && heap.inHeap(v)) {
                // One bump above the zero every other variable starts each call with.
                updateVar(v << 1);
            }
        }
    }
}
