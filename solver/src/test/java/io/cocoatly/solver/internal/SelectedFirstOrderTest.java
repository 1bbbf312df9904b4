package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sat4j.minisat.constraints.cnf.Lits;
import org.sat4j.minisat.orders.VarOrderHeap;

/**
 * {@link SelectedFirstOrder} over sat4j's own vocabulary: at the start of a call (sat4j's {@code init},
 * where every activity is 0) the marked variables are handed out before any other, and with none
 * marked every decision is the one sat4j's own {@link VarOrderHeap} makes.
 */
class SelectedFirstOrderTest {

    private static final int VARIABLES = 12;

    @Test
    void theMarkedVariablesAreDecidedFirst() {
        boolean[] first = new boolean[VARIABLES + 1];
        first[4] = true;
        first[9] = true;
        first[11] = true;
        SelectedFirstOrder order = new SelectedFirstOrder(new GuidedPhase());
        order.first(first);
        List<Integer> decided = decisions(order);
        assertEquals(Set.of(4, 9, 11), new HashSet<>(decided.subList(0, 3)), decided::toString);
        assertEquals(VARIABLES, new HashSet<>(decided).size(), decided::toString);
    }

    @Test
    void withNoneMarkedEveryDecisionIsSat4jsOwn() {
        SelectedFirstOrder order = new SelectedFirstOrder(new GuidedPhase());
        order.first(new boolean[0]);
        assertEquals(decisions(new VarOrderHeap(new GuidedPhase())), decisions(order));
    }

    /** The variables of every decision after a call starts, in order (none assigned meanwhile). */
    private static List<Integer> decisions(VarOrderHeap order) {
        Lits lits = new Lits();
        lits.init(VARIABLES + 1);
        for (int v = 1; v <= VARIABLES; v++) {
            lits.getFromPool(v);
        }
        order.setLits(lits);
        order.init();
        List<Integer> decided = new ArrayList<>();
        for (int i = 0; i < VARIABLES; i++) {
            // sat4j's literal: 2v for x(v), 2v + 1 for its negation.
            decided.add(order.select() >> 1);
        }
        return decided;
    }
}
